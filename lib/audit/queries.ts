/**
 * Browsing the audit log (city administrators): filter by actor, action, entity, town (the town,
 * its tasks and their reports) and date range (calendar dates in Asia/Shanghai), newest first,
 * paged; ids come with names (lib/audit/names.ts).
 */
import "server-only";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/access";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isPlausibleIsoDate } from "@/lib/domain/calendar";
import { escapeLike } from "@/lib/domain/sql";
import { aboutTown, auditNames } from "./names";

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(64).optional().catch(undefined),
  /** The acting user's id (the person picker). */
  user: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  action: z.string().trim().max(64).optional().catch(undefined),
  entityType: z.string().trim().max(64).optional().catch(undefined),
  town: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  from: z.iso.date().refine(isPlausibleIsoDate).optional().catch(undefined),
  to: z.iso.date().refine(isPlausibleIsoDate).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

/** Filters of the audit log page (from its URL). */
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;

/** Midnight of a calendar date in Asia/Shanghai (UTC+8, no daylight saving). */
function shanghaiMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The rows `filter` keeps (the page number aside). */
async function auditWhere(filter: AuditFilter): Promise<Prisma.AuditLogWhereInput> {
  return {
    ...(filter.town && (await aboutTown(filter.town))),
    ...(filter.user && { actorId: filter.user }),
    ...(filter.actor && {
      actorName: { contains: escapeLike(filter.actor), mode: "insensitive" },
    }),
    ...(filter.action && { action: { startsWith: escapeLike(filter.action) } }),
    ...(filter.entityType && { entityType: filter.entityType }),
    ...((filter.from || filter.to) && {
      at: {
        ...(filter.from && { gte: shanghaiMidnight(filter.from) }),
        ...(filter.to && { lt: new Date(shanghaiMidnight(filter.to).getTime() + 86_400_000) }),
      },
    }),
  };
}

/** Audit rows newest first, with `actorLabel` and `entityLabel` (names, or null when gone). */
async function namedRows(
  where: Prisma.AuditLogWhereInput,
  skip: number,
  take: number,
  en: boolean,
) {
  const rows = await db().auditLog.findMany({ where, orderBy: { id: "desc" }, skip, take });
  const names = await auditNames(
    rows.map((r) => ({ actorId: r.actorId, entityType: r.entityType, entityId: r.entityId })),
    en,
  );
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    actorName: r.actorName,
    actorLabel: r.actorId === null ? null : (names.get(`User:${r.actorId}`) ?? null),
    entityLabel: names.get(`${r.entityType}:${r.entityId}`) ?? null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
    ip: r.ip,
  }));
}

/** One audit row as the page and the export show it. */
export type AuditRow = Awaited<ReturnType<typeof namedRows>>[number];

/**
 * One page of audit rows, the total count, the page shown (the last one when `filter.page` is
 * beyond it) and the number of pages; each row has `actorLabel` and `entityLabel` (names, or null
 * when the id is gone). Also the choices of the filters: actions, towns, and the people (every
 * user: the log is the city's) as "显示名 (username)". @param en English names.
 * @throws FORBIDDEN for non-administrators
 */
export async function listAuditLog(actor: Actor, filter: AuditFilter, en = false) {
  authorize(actor, "audit.view");
  const where = await auditWhere(filter);
  // Count first: a page number beyond the last page shows the last page (not an empty one).
  const total = await db().auditLog.count({ where });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const [rows, actions, towns, users] = await Promise.all([
    namedRows(where, (page - 1) * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, en),
    db().auditLog.findMany({
      distinct: ["action"],
      select: { action: true },
      orderBy: { action: "asc" },
    }),
    db().town.findMany({
      select: { id: true, name: true, nameEn: true },
      orderBy: { divisionCode: "asc" },
    }),
    db().user.findMany({
      select: { id: true, username: true, displayName: true },
      orderBy: { username: "asc" },
    }),
  ]);
  return {
    rows,
    total,
    page,
    pages,
    actions: actions.map((a) => a.action),
    towns: towns.map((t) => ({ id: t.id, name: (en && t.nameEn) || t.name })),
    users: users.map((u) => ({ id: u.id, label: `${u.displayName} (${u.username})` })),
  };
}

/** The most rows an audit export holds (newest first). */
export const AUDIT_EXPORT_LIMIT = 10_000;

/**
 * Every audit row `filter` keeps (all pages, newest first, at most AUDIT_EXPORT_LIMIT), named
 * as on the page; for the export. @throws NOT_FOUND (authorize) for non-administrators
 */
export async function listAuditExport(actor: Actor, filter: AuditFilter, en = false) {
  authorize(actor, "audit.view");
  return namedRows(await auditWhere(filter), 0, AUDIT_EXPORT_LIMIT, en);
}
