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
import { escapeLike } from "@/lib/domain/sql";
import { aboutTown, auditNames } from "./names";

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(64).optional().catch(undefined),
  action: z.string().trim().max(64).optional().catch(undefined),
  entityType: z.string().trim().max(64).optional().catch(undefined),
  town: z.coerce.number().int().positive().optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

/** Filters of the audit log page (from its URL). */
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;

/** Midnight of a calendar date in Asia/Shanghai (UTC+8, no daylight saving). */
function shanghaiMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/**
 * One page of audit rows, the total count, the page shown (the last one when `filter.page` is
 * beyond it) and the number of pages; each row has `actorLabel` and `entityLabel` (names, or null
 * when the id is gone). @param en English names. @throws FORBIDDEN for non-administrators
 */
export async function listAuditLog(actor: Actor, filter: AuditFilter, en = false) {
  authorize(actor, "audit.view");
  const where: Prisma.AuditLogWhereInput = {
    ...(filter.town && (await aboutTown(filter.town))),
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
  // Count first: a page number beyond the last page shows the last page (not an empty one).
  const total = await db().auditLog.count({ where });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const [rows, actions, towns] = await Promise.all([
    db().auditLog.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db().auditLog.findMany({
      distinct: ["action"],
      select: { action: true },
      orderBy: { action: "asc" },
    }),
    db().town.findMany({
      select: { id: true, name: true, nameEn: true },
      orderBy: { divisionCode: "asc" },
    }),
  ]);
  const names = await auditNames(
    rows.map((r) => ({ actorId: r.actorId, entityType: r.entityType, entityId: r.entityId })),
    en,
  );
  return {
    rows: rows.map((r) => ({
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
    })),
    total,
    page,
    pages,
    actions: actions.map((a) => a.action),
    towns: towns.map((t) => ({ id: t.id, name: (en && t.nameEn) || t.name })),
  };
}
