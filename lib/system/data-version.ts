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
 * A second counter, the figures version (migration 20261205183000_figures_version), moves with
 * every change but a draft save's (lib/reports/mutations.ts saveReport marks its transaction;
 * the trigger honours the mark only for the report, its values and its project progress). No
 * figure reads a draft — dashboards count accepted reports, report statuses and the task's
 * projects — so what reads no draft is cached on it (`readsDrafts: false`) and stays warm
 * while townships type; everything else (lists showing a draft's state, the town rows'
 * "missing values") keys on the data version.
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

/** Both counters: `all` moves with every change, `figures` with every change but a draft save's. */
export type DataVersions = { all: bigint; figures: bigint };

/**
 * Both counters in one statement (sums of the per-backend rows; 0 on an empty database).
 * Memoised per server request (React cache()), so a page reads them once.
 */
export const readDataVersions = cache(async (): Promise<DataVersions> => {
  const [row] = await db().$queryRaw<{ version: bigint | null; figures: bigint | null }[]>`
    SELECT SUM("version")::bigint AS version, SUM("figuresVersion")::bigint AS figures
    FROM "DataVersion"`;
  return { all: row?.version ?? 0n, figures: row?.figures ?? 0n };
});

/** The current data version (moved by every change; see {@link readDataVersions}). */
export async function readDataVersion(): Promise<bigint> {
  return (await readDataVersions()).all;
}

/** Entries kept per process: live figures of this many (area, year, date, kind) keys at most. */
const MAX_ENTRIES = 500;

type Entry = { counter: keyof DataVersions; version: bigint; value: Promise<unknown> };

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
 * version is read here (once per request) and decides whether an entry is still true: the data
 * version, or with `readsDrafts: false` the figures version — only for a `load` that reads no
 * draft's content (values, notes, project progress, narrative, self-score, version or save
 * time of a report in DRAFT or RETURNED), which a draft save does not move.
 * Concurrent requests for the same key and version share one computation; a failed one is not
 * kept. Entries of older versions are dropped as soon as a newer version is seen.
 * @returns what `load` resolved to: shared between requests, so callers must not mutate it.
 */
export async function liveFigures<T>(
  key: string,
  load: () => Promise<T>,
  options: { readsDrafts?: boolean } = {},
): Promise<T> {
  const counter = options.readsDrafts === false ? "figures" : "all";
  const version = (await readDataVersions())[counter];
  const entries = entriesOfDb();
  const entryKey = `${counter}|${key}`;
  const hit = entries.get(entryKey);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  if (hit && hit.version > version) return load(); // a server behind another's read: do not cache
  for (const [k, e] of entries) if (e.counter === counter && e.version < version) entries.delete(k);
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  const value = load();
  entries.set(entryKey, { counter, version, value });
  value.catch(() => {
    if (entries.get(entryKey)?.value === value) entries.delete(entryKey);
  });
  return value;
}

/** Empties this process's cache (tests). */
export function clearLiveFigures(): void {
  entriesOfDb().clear();
}
