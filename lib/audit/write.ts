/**
 * The audit log (操作日志): one row per mutation, written inside the mutation's transaction so
 * the change and its record commit or roll back together; one row per refused write and per
 * export, written on their own. Every row carries the request's client address and user agent
 * (from the actor, lib/auth/session.ts).
 */
import type { Actor } from "@/lib/access";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  auditCatalogue,
  type AuditAction,
  type AuditJson,
  type AuditPayloads,
  type AuditRecord,
} from "./catalogue";

type Writer = Pick<Prisma.TransactionClient, "auditLog">;

/** Who did it: a signed-in actor, or a named attempt with no actor (a failed sign-in). */
export type AuditActor =
  | Pick<Actor, "id" | "username" | "client">
  | { id: null; username: string | null; client?: Actor["client"] };

/**
 * Writes one audit row.
 * @param db the mutation's transaction client (or the client, for rows written on their own).
 * @param payload before/after as the action's catalogue entry types them.
 */
export async function writeAudit<A extends AuditAction>(
  db: Writer,
  actor: AuditActor | null,
  action: A,
  entityId: string | number,
  payload: AuditPayloads[A],
): Promise<void> {
  const { before, after } = payload as { before?: unknown; after?: unknown };
  await db.auditLog.create({
    data: {
      actorId: actor?.id ?? null,
      actorName: actor?.username ?? null,
      action,
      entityType: auditCatalogue[action].entityType,
      entityId: String(entityId),
      before: (before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (after ?? undefined) as Prisma.InputJsonValue | undefined,
      ip: actor?.client?.ip ?? null,
      userAgent: actor?.client?.userAgent?.slice(0, 512) ?? null,
    },
  });
}

type Plain = Record<string, unknown>;

/**
 * The one way to record an update: the fields of `fields` whose values differ between
 * `before` and `after` (compared as JSON), as `{ before, after }` with only those fields, plus
 * the `identity` fields (e.g. a user name) in `after` so a row says what it is about.
 * Dates and Decimals are recorded as strings.
 */
export function changes<T extends Plain>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[] = Object.keys(after) as (keyof T & string)[],
  identity: readonly (keyof T & string)[] = [],
): { before: AuditRecord; after: AuditRecord } {
  const b: AuditRecord = {};
  const a: AuditRecord = Object.fromEntries(identity.map((f) => [f, toJson(after[f])]));
  for (const field of fields) {
    const was = toJson(before[field]);
    const now = toJson(after[field]);
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      b[field] = was;
      a[field] = now;
    }
  }
  return { before: b, after: a };
}

/** A field value as JSON: dates as ISO strings, Decimals as strings, undefined as null. */
export function toJson(value: unknown): AuditJson {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && "toFixed" in value) return String(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return value as AuditJson;
}
