/**
 * The audit log (操作日志): one row per mutation, written inside the mutation's transaction so
 * the change and its record commit or roll back together.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access";

/** What one audit row records. `before`/`after` hold only the changed, non-secret fields. */
export type AuditEntry = {
  actor: Pick<Actor, "id" | "username"> | null;
  /** verb.aggregate, e.g. `user.create`, `report.submit`, `auth.signIn`. */
  action: string;
  entityType: string;
  entityId: string | number;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  ip?: string | null;
};

/** Writes one audit row with the given transaction client. */
export async function writeAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorName: entry.actor?.username ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: String(entry.entityId),
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
      ip: entry.ip ?? null,
    },
  });
}
