/**
 * Denials are logged (issue item 9): every refused call (every procedure × every actor
 * the policy refuses, over the real HTTP handler) leaves one structured log line and
 * one audit row naming the user, the olla, the procedure and the time; and no secret or
 * private value reaches the logs — not the canaries sent in the refused inputs, not
 * passwords (a refused invitation, bad and throttled logins), not session tokens.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "~/server/db/schema";
import { attemptLogin } from "~/server/auth/login";
import { internalErrorLine } from "~/server/http/log";
import { createTestDb, type TestDb } from "../../helpers/db";
import { buildWorld, CANARY, PASSWORD, type World } from "../../helpers/world";
import { canaryHits, plantCanaries, type Planted } from "../../security/canaries";
import { sessionCookie, trpcErrorCode, trpcHttp, useTestDbInApp } from "../../security/http";
import { ACTORS, type Actor } from "../../security/policy";
import { PROCEDURES, unpolicedNote } from "../../security/procedures";
import { policies } from "../../security/policy";

let t: TestDb;
let w: World;
let planted: Planted;
const cookies: Partial<Record<Actor, string>> = {};
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  planted = await plantCanaries(w);
  useTestDbInApp(t);
  for (const a of ACTORS) if (a !== "anon") cookies[a] = await sessionCookie(w.sessions[a]?.sessionId ?? "00000000-0000-0000-0000-000000000000");
});
afterAll(async () => t?.close());

const SECRET_PASSWORD = "CANARYPASS-Xq7!tormenta";
const DENIALS = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "TOO_MANY_REQUESTS"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The policy's input with every free-text value replaced by a private canary. */
function withCanaries(v: unknown, key = ""): unknown {
  if (typeof v === "string") {
    if (UUID.test(v) || /^\d{4}-\d{2}-\d{2}$/.test(v) || /(Id|code|Ubigeo|category|status|urgency|kind|unit)$/i.test(key)) return v;
    return key.toLowerCase().includes("password") ? SECRET_PASSWORD : `${CANARY.contactNameA} ${key}`;
  }
  if (Array.isArray(v)) return v.map((x) => withCanaries(x, key));
  if (v && typeof v === "object" && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withCanaries(x, k)]));
  return v;
}

/** Everything the app writes to the console while `fn` runs. */
async function captureLogs(fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === "string" ? a : a instanceof Error ? `${a.name}: ${a.message}\n${a.stack}` : JSON.stringify(a))).join(" "));
    }),
  );
  try {
    await fn();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return lines;
}

describe("denials are logged, secrets are not", () => {
  it("every refused call logs who, which olla, which procedure and when; no private value in any log line", async () => {
    const startedAt = new Date(Date.now() - 1000);
    const denied: { path: string; who: Actor; code: string; ollaId: string | null }[] = [];
    const lines = await captureLogs(async () => {
      for (const p of PROCEDURES) {
        const policy = policies[p.path];
        if (!policy) continue; // the authorization matrix fails for it
        for (const who of ACTORS) {
          if (policy.expect[who] === "allow") continue;
          const input = withCanaries(await policy.input(w));
          const res = await trpcHttp(p.path, p.type, input, { cookie: cookies[who] });
          const code = trpcErrorCode(res);
          if (code && DENIALS.has(code)) {
            const ollaId = input && typeof input === "object" && "ollaId" in input ? String((input as { ollaId: unknown }).ollaId) : null;
            denied.push({ path: p.path, who, code, ollaId });
          }
        }
      }
      // A refused invitation with a password in it, and bad logins up to and past the throttle.
      const bad = await trpcHttp("invitation.accept", "mutation", { code: "ZZZZ-ZZZZ-ZZZZ", name: CANARY.delegateAName, password: SECRET_PASSWORD });
      expect(trpcErrorCode(bad)).toBe("NOT_FOUND");
      denied.push({ path: "invitation.accept", who: "anon", code: "NOT_FOUND", ollaId: null });
      for (let i = 0; i < 12; i++) {
        await attemptLogin(t.db, { identifier: CANARY.delegateAPhone, password: SECRET_PASSWORD, clientAddress: "203.0.113.7" });
      }
      await attemptLogin(t.db, { identifier: CANARY.delegateAEmail, password: PASSWORD, clientAddress: "203.0.113.7" });
    });

    // One structured line per refusal, with user, olla, procedure and time.
    const events = lines.flatMap((l) => {
      try {
        const j = JSON.parse(l) as Record<string, unknown>;
        return j.event === "denied" ? [j] : [];
      } catch {
        return [];
      }
    });
    const missing: string[] = [];
    for (const d of denied) {
      const userId = d.who === "anon" ? null : w.userIds[d.who];
      const hit = events.find((e) => e.procedure === d.path && e.userId === userId && e.code === d.code && (d.ollaId === null || !UUID.test(d.ollaId) || e.ollaId === d.ollaId));
      if (!hit || typeof hit.at !== "string" || Number.isNaN(Date.parse(hit.at))) missing.push(`${d.path} as ${d.who} (${d.code})`);
    }
    expect(missing, "denials without a complete log line").toEqual([]);
    expect(events.length).toBe(denied.length);

    // The same in the audit table, where the network can review it.
    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "denied"), gt(auditLog.createdAt, startedAt)));
    expect(rows.length).toBe(denied.length);
    const ollaOfA = rows.filter((r) => r.ollaId === w.ollas.a).length;
    expect(ollaOfA).toBeGreaterThan(0);
    expect(rows.every((r) => r.entity === "procedure" && !!r.entityId && r.createdAt instanceof Date)).toBe(true);

    // Nothing private or secret in any log line or denial row.
    const secrets: Planted = {
      values: [...planted.values, SECRET_PASSWORD, PASSWORD, ...Object.values(cookies).map((c) => c!.split("=")[1]!)],
      labels: { ...planted.labels, [SECRET_PASSWORD]: "a password sent in a refused call", [PASSWORD]: "a user's password" },
    };
    for (const c of Object.values(cookies)) secrets.labels[c!.split("=")[1]!] = "a session token";
    const logged = lines.join("\n");
    const hits = [...canaryHits(logged, secrets), ...canaryHits(JSON.stringify(rows), secrets)];
    console.info(`denial logs: ${denied.length} refusals, ${events.length} log lines and ${rows.length} audit rows with user/olla/procedure/time; ${hits.length} secret or private values in ${lines.length} log lines${unpolicedNote()}`);
    expect(hits).toEqual([]);
  });

  it("an unexpected database failure is logged without the row's values, and the answer carries none", async () => {
    // A real query error from drizzle: its message carries the parameters.
    const err = (await t.db.execute(sql`select ${CANARY.contactNameA}::int as n`).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(CANARY.contactNameA);
    const line = internalErrorLine("x.y", new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: err }));
    expect(line).not.toContain(CANARY.contactNameA);
    expect(JSON.parse(line)).toMatchObject({ event: "trpc-error", path: "x.y", pgCode: "22P02" });

    // Over HTTP: a write that fails inside PostgreSQL for a reason the app does not expect.
    await t.db.execute(sql.raw(`create function test_boom() returns trigger language plpgsql as $$ begin raise exception 'boom' using errcode = 'XX000'; end $$`));
    await t.db.execute(sql.raw(`create trigger test_boom before insert on assessments for each row execute function test_boom()`));
    let res: Awaited<ReturnType<typeof trpcHttp>> | undefined;
    const lines = await captureLogs(async () => {
      res = await trpcHttp(
        "assessment.record",
        "mutation",
        { ollaId: w.ollas.a, category: "water", level: 1, note: `${CANARY.addressA} ${SECRET_PASSWORD}`, assessedOn: "2026-01-05" },
        { cookie: cookies.delegateA },
      );
    });
    await t.db.execute(sql.raw(`drop trigger test_boom on assessments`));
    await t.db.execute(sql.raw(`drop function test_boom()`));
    expect(res!.status).toBe(500);
    expect(lines.some((l) => l.includes('"event":"trpc-error"') && l.includes("assessment.record"))).toBe(true);
    expect([...lines, res!.text].filter((l) => l.includes(CANARY.addressA) || l.includes(SECRET_PASSWORD))).toEqual([]);
  });
});
