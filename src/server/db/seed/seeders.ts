import type { Db } from "../client";
import type { Rng } from "./random";
import { rebuildDashboardRollups } from "./dashboard";
import { seedLabourDemo } from "./labour";
import { seedPlansDemo } from "./plans";
import { seedNeedsDemo, seedStockDemo } from "./stock";
import { seedOffersDemo } from "./offers";
import { seedPostsDemo } from "./posts";

export interface DemoContext {
  rng: Rng;
  today: Date;
  ollaIds: string[];
  delegateUserIds: string[];
}
export type DemoSeeder = (db: Db, ctx: DemoContext) => Promise<void>;

/** Demo data of later domains (needs, stock, …), run in order after the core demo data. */
// The dashboards' roll-ups are rebuilt last, after every bulk load.
export const demoSeeders: DemoSeeder[] = [seedStockDemo, seedNeedsDemo, seedPlansDemo, seedOffersDemo, seedLabourDemo, seedPostsDemo, rebuildDashboardRollups];
