import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { limaToday } from "~/shared/lima-day";

/**
 * Last demo step: the demo loaders bulk-insert with row triggers off (session_replication_role
 * = replica), which skips the triggers that keep the dashboards' roll-ups, so rebuild them
 * from the history and the ledger once everything is in.
 */
export async function rebuildDashboardRollups(db: Db, ctx: { today: Date }): Promise<void> {
  await db.execute(sql`select assessment_rollup_rebuild()`);
  await db.execute(sql`select dashboard_stock_balance_rebuild()`);
  await db.execute(sql`select dashboard_needs_area_rebuild()`);
  // The windows for the demo's "today" (Lima), the day the dashboards will ask about.
  await db.execute(sql`select dashboard_windows_rebuild(${limaToday(ctx.today)}::date)`);
}
