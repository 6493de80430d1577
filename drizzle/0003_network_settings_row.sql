-- The network's one settings row, with the defaults of the table.
INSERT INTO "network_settings" ("id") VALUES (1) ON CONFLICT ("id") DO NOTHING;
