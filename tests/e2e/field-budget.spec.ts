/**
 * Issue 12's weight budget, checked on the build the e2e run serves: the first-load JavaScript of
 * every delegate page (/mi-olla/…) is at most 150 KB gzipped — Next.js and React, her outbox and
 * forms; not the client data layer (tRPC/React Query) nor next-intl's client provider. The same
 * count as `npm run bench` (scripts/bench/lib/bundle.ts: root main files + the route's entry chunks).
 */
import { expect, test } from "@playwright/test";
import { firstLoadJs } from "../../scripts/bench/lib/bundle";

const BUDGET_KB = 150;

test("first-load JS of every delegate page is at most 150 KB gzipped", () => {
  const routes = firstLoadJs(process.env.NEXT_DIST_DIR ?? ".next").filter((r) => r.route.startsWith("/mi-olla"));
  // Her home, almacén (entry, exit, transfer), needs, assessments, plan, profile, shifts, members, posts, more.
  expect(routes.length).toBeGreaterThanOrEqual(10);
  const kb = (b: number) => Math.round((b / 1024) * 10) / 10;
  console.info(routes.map((r) => `${r.route}: ${kb(r.gzipBytes)} KB`).join("\n"));
  expect(routes.filter((r) => r.gzipBytes > BUDGET_KB * 1024).map((r) => `${r.route}: ${kb(r.gzipBytes)} KB`)).toEqual([]);
});
