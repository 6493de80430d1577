/**
 * The outbox in IndexedDB (through `idb`): it survives reloads, closed tabs and browser restarts.
 * Used by the pages and by the service worker (background sync). Every change is announced on a
 * BroadcastChannel, so every open page shows the same list.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { QueuedChange } from "./outbox-core";

interface OutboxDB extends DBSchema {
  changes: { key: string; value: QueuedChange; indexes: { byUser: string } };
}

const DB_NAME = "ollas-outbox";
export const CHANNEL = "ollas-outbox";

let dbp: Promise<IDBPDatabase<OutboxDB>> | null = null;
function db() {
  dbp ??= openDB<OutboxDB>(DB_NAME, 1, {
    upgrade(d) {
      const s = d.createObjectStore("changes", { keyPath: "key" });
      s.createIndex("byUser", "userId");
    },
    // Another tab upgraded the schema: let it, and reopen on next use.
    blocking() {
      void dbp?.then((x) => x.close());
      dbp = null;
    },
  });
  return dbp;
}

function announce() {
  try {
    const bc = new BroadcastChannel(CHANNEL);
    bc.postMessage("changed");
    bc.close();
  } catch {
    /* no BroadcastChannel: this page still refreshes itself */
  }
  if (typeof window !== "undefined") window.dispatchEvent(new Event(CHANNEL));
}

export async function listChanges(userId?: string): Promise<QueuedChange[]> {
  const d = await db();
  const rows = userId ? await d.getAllFromIndex("changes", "byUser", userId) : await d.getAll("changes");
  return rows.sort((a, b) => a.seq - b.seq);
}

export async function getChange(key: string): Promise<QueuedChange | undefined> {
  return (await db()).get("changes", key);
}

/** Adds or replaces (an edited change keeps its key: the server never applied it). */
export async function putChange(c: QueuedChange): Promise<void> {
  await (await db()).put("changes", c);
  announce();
}

export async function putChanges(cs: readonly QueuedChange[], deleted: readonly string[] = []): Promise<void> {
  const tx = (await db()).transaction("changes", "readwrite");
  await Promise.all([...cs.map((c) => tx.store.put(c)), ...deleted.map((k) => tx.store.delete(k)), tx.done]);
  announce();
}

export async function deleteChange(key: string): Promise<void> {
  await (await db()).delete("changes", key);
  announce();
}

/** For tests: forget the open connection (fake-indexeddb is reset between tests). */
export function resetOutboxConnection() {
  dbp = null;
}
