import type { DbOrTx } from "../client";
import { auditLog } from "../schema";

export interface AuditEntry {
  actorUserId: string | null;
  action: string; // create | update | deactivate | accept | revoke | record …
  entity: string; // olla | assessment | membership | invitation …
  entityId: string | null;
  ollaId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Written in the same transaction as the change it describes. */
export async function writeAudit(db: DbOrTx, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: e.actorUserId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    ollaId: e.ollaId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  });
}

/**
 * A refused call: who, which olla, which procedure, when. Logged to the audit table and
 * as one structured line; never with input values (they may hold private data or secrets).
 */
export async function recordDenial(
  db: DbOrTx,
  d: { userId: string | null; ollaId: string | null; procedure: string; code: string },
): Promise<void> {
  console.warn(JSON.stringify({ event: "denied", at: new Date().toISOString(), ...d }));
  try {
    await writeAudit(db, {
      actorUserId: d.userId,
      action: "denied",
      entity: "procedure",
      entityId: d.procedure,
      ollaId: d.ollaId,
      after: { code: d.code },
    });
  } catch (err) {
    // A denial must still be answered when the audit write fails (database down).
    console.error(JSON.stringify({ event: "denial-log-failed", procedure: d.procedure, error: (err as Error).name }));
  }
}
