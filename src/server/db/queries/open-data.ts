import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";

/** The open-data version: moves forward with every committed change the exports show. */
export async function openDataVersion(db: DbOrTx): Promise<number> {
  const rows = rowsOf<{ version: string | number }>(await db.execute(sql`select version from open_data_version where id = 1`));
  return Number(rows[0]?.version ?? 0);
}
