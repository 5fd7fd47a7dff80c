/**
 * The audit log as a table — headers and each row's cells as text — one owner for the audit
 * page (app/(app)/admin/audit) and its export (lib/export/tables.ts): time, person, action,
 * object, changes (before → after), client address.
 */
import "server-only";
import { getTranslations } from "next-intl/server";
import { getDates } from "@/lib/i18n/dates-server";
import { changeLine, fieldChanges } from "./display";
import type { AuditRow } from "./queries";

/** The column ids of the audit table, in order. */
export const auditColumns = ["at", "actor", "action", "entity", "changes", "ip"] as const;

/**
 * The audit table's texts in the request's language: `headers` (by column id), `action` (an
 * action's label; actions added later without a label show their code) and `cells` (a row's
 * cells as text, by column id; changes one line per field, "—" for none).
 */
export async function auditTableText() {
  const t = await getTranslations("audit");
  const ta = await getTranslations("exportsAudit.audit");
  const dates = await getDates();
  const action = (code: string) => (t.has(`actions.${code}`) ? t(`actions.${code}`) : code);
  const headers: Record<(typeof auditColumns)[number], string> = {
    at: t("at"),
    actor: t("actor"),
    action: t("action"),
    entity: t("entity"),
    changes: ta("changes"),
    ip: t("ip"),
  };
  const cells = (r: AuditRow): Record<(typeof auditColumns)[number], string> => ({
    at: dates.dateTime(r.at),
    actor: r.actorLabel ?? r.actorName ?? "—",
    action: action(r.action),
    entity: r.entityLabel ?? `${r.entityType} #${r.entityId}`,
    changes: fieldChanges(r.before, r.after).map(changeLine).join("\n") || ta("noChanges"),
    ip: r.ip ?? "",
  });
  return { headers, action, cells };
}
