-- Per-address request counters are hot (one upsert per anonymous download) and worthless after
-- a crash: unlogged, a counter's commit waits for no WAL flush. Under a 150-request flood from
-- one address the upserts queue on one row; with each commit flushing WAL, /api/health waited
-- 1.4 s behind them (PostgreSQL 15, 10,000 ollas); unlogged, 0.5 s. PostgreSQL empties an
-- unlogged table after a crash: at worst the current minute's counts start again.
ALTER TABLE "request_limits" SET UNLOGGED;
