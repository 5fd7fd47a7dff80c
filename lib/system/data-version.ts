/**
 * The data version and the live-figure cache (issue 15, part 2).
 *
 * The data version is a number in PostgreSQL that moves whenever data the figures are computed
 * from changes: the statement triggers of migration 20261204214506_data_version bump it inside
 * the changing transaction (once per transaction, on every table but users, API tokens, the
 * audit log and rate limits), so every mutation — reports, tasks, ratings, assessments, the town
 * register, circles, years, imports, and direct SQL too — moves it when it commits, and only
 * then. That trigger is its one owner; nothing in TypeScript writes it.
 *
 * Figures are cached per process under a key that includes the version read at the start of the
 * request: a request that reads a newer version than the cache holds recomputes, so a change is
 * visible on the very next request, on every app server (the version lives in the shared
 * database; each server keeps its own cache). A figure computed after a change that committed
 * while it was being read is newer than its key says, never older, so the cache cannot serve
 * stale figures.
 */
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";

/**
 * The current data version: the sum of the per-backend counters (one statement; 0 on an empty
 * database). Memoised per server request (React cache()), so a page reads it once.
 */
export const readDataVersion = cache(async (): Promise<bigint> => {
  const [row] = await db().$queryRaw<{ version: bigint | null }[]>`
    SELECT SUM("version")::bigint AS version FROM "DataVersion"`;
  return row?.version ?? 0n;
});

/** Entries kept per process: live figures of this many (area, year, date, kind) keys at most. */
const MAX_ENTRIES = 500;

type Entry = { version: bigint; value: Promise<unknown> };

/** One cache per database client (the app has one; tests may open several databases). */
const caches = new WeakMap<object, Map<string, Entry>>();

function entriesOfDb(): Map<string, Entry> {
  const client = db();
  let entries = caches.get(client);
  if (!entries) caches.set(client, (entries = new Map()));
  return entries;
}

/**
 * Live figures from the per-process cache, computed by `load` on a miss. `key` names what is
 * computed (kind, area, year, date; anything the figures depend on other than the data); the
 * data version is read here (once per request) and decides whether an entry is still true.
 * Concurrent requests for the same key and version share one computation; a failed one is not
 * kept. Entries of older versions are dropped as soon as a newer version is seen.
 * @returns what `load` resolved to: shared between requests, so callers must not mutate it.
 */
export async function liveFigures<T>(key: string, load: () => Promise<T>): Promise<T> {
  const version = await readDataVersion();
  const entries = entriesOfDb();
  const hit = entries.get(key);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  if (hit && hit.version > version) return load(); // a server behind another's read: do not cache
  for (const [k, e] of entries) if (e.version < version) entries.delete(k);
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  const value = load();
  entries.set(key, { version, value });
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}

/** Empties this process's cache (tests). */
export function clearLiveFigures(): void {
  entriesOfDb().clear();
}
