import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { requirePageActor } from "@/lib/auth/session";
import { fieldChanges, showValue } from "@/lib/audit/display";
import { auditFilterSchema, listAuditLog } from "@/lib/audit/queries";
import { loadOrNotFound } from "@/lib/pages";
import { getDates } from "@/lib/i18n/dates-server";
import { DateField } from "@/components/ui/date-field";

const inputClass = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** Compact JSON for the raw record behind "show details". */
function json(value: unknown): string {
  return value === null || value === undefined ? "—" : JSON.stringify(value);
}

/**
 * The audit log (city administrators): names instead of ids, each changed field as
 * before → after, the client address; filters by person, town, action and dates.
 */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const actor = await requirePageActor("/admin/audit", raw);
  const filter = auditFilterSchema.parse(
    Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]),
    ),
  );
  const en = (await getLocale()) === "en";
  const { rows, total, page, pages, actions, towns } = await loadOrNotFound(() =>
    listAuditLog(actor, filter, en),
  );
  const t = await getTranslations("audit");
  const dates = await getDates();
  const ta = await getTranslations("exportsAudit.audit");
  // Actions added by later features fall back to their code until they get a label.
  const actionLabel = (action: string) =>
    t.has(`actions.${action}`) ? t(`actions.${action}`) : action;
  const pageHref = (page: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) {
      if (key !== "page" && value) query.set(key, String(value));
    }
    if (page > 1) query.set("page", String(page));
    const qs = query.toString();
    return qs ? `/admin/audit?${qs}` : "/admin/audit";
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <form method="get" className="flex flex-wrap items-end gap-2 text-sm">
        <label className="space-y-1">
          <span className="block text-slate-600">{t("actor")}</span>
          <input name="actor" defaultValue={filter.actor} className={inputClass} />
        </label>
        <label className="space-y-1">
          <span className="block text-slate-600">{t("action")}</span>
          <select name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">{t("all")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-slate-600">{ta("town")}</span>
          <select name="town" defaultValue={filter.town ?? ""} className={inputClass}>
            <option value="">{t("all")}</option>
            {towns.map((town) => (
              <option key={town.id} value={town.id}>
                {town.name}
              </option>
            ))}
          </select>
        </label>
        <DateField name="from" label={t("from")} defaultValue={filter.from} />
        <DateField name="to" label={t("to")} defaultValue={filter.to} />
        <Button type="submit" size="sm">
          {t("filter")}
        </Button>
        <Link href="/admin/audit" className="px-2 py-1.5 text-brand-700 hover:underline">
          {t("reset")}
        </Link>
      </form>
      <p className="text-sm text-slate-600">{t("total", { count: total })}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2 font-medium">{t("at")}</th>
              <th className="px-3 py-2 font-medium">{t("actor")}</th>
              <th className="px-3 py-2 font-medium">{t("action")}</th>
              <th className="px-3 py-2 font-medium">{t("entity")}</th>
              <th className="px-3 py-2 font-medium">{ta("changes")}</th>
              <th className="px-3 py-2 font-medium">{t("ip")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="whitespace-nowrap px-3 py-2">{dates.dateTime(r.at)}</td>
                <td className="px-3 py-2">{r.actorLabel ?? r.actorName ?? "—"}</td>
                <td className="px-3 py-2 text-xs" title={r.action}>
                  {actionLabel(r.action)}
                </td>
                <td className="px-3 py-2" title={`${r.entityType} #${r.entityId}`}>
                  {r.entityLabel ?? (
                    <span className="font-mono text-xs">
                      {r.entityType} #{r.entityId}
                    </span>
                  )}
                </td>
                <td className="max-w-md px-3 py-2 text-xs" data-testid="audit-changes">
                  <AuditChanges
                    before={r.before}
                    after={r.after}
                    none={ta("noChanges")}
                    details={ta("details")}
                  />
                </td>
                <td className="px-3 py-2 text-xs text-slate-500">{r.ip ?? ""}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  {t("empty")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav className="flex items-center gap-3 text-sm" aria-label="pagination">
        {page > 1 && (
          <Link href={pageHref(page - 1)} className="text-brand-700 hover:underline">
            {t("previous")}
          </Link>
        )}
        <span>{t("page", { page, pages })}</span>
        {page < pages && (
          <Link href={pageHref(page + 1)} className="text-brand-700 hover:underline">
            {t("next")}
          </Link>
        )}
      </nav>
    </div>
  );
}

/** Each changed field as "field: before → after", and the raw record behind a toggle. */
function AuditChanges({
  before,
  after,
  none,
  details,
}: {
  before: unknown;
  after: unknown;
  none: string;
  details: string;
}) {
  const list = fieldChanges(before, after);
  return (
    <div className="space-y-1">
      {list.length === 0 ? (
        <span className="text-slate-500">{none}</span>
      ) : (
        <ul className="space-y-0.5">
          {list.map((c) => (
            <li key={c.field} className="break-all">
              <span className="text-slate-500">{c.field}:</span> {showValue(c.before)} →{" "}
              {showValue(c.after)}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary className="cursor-pointer text-brand-700">{details}</summary>
        <pre className="whitespace-pre-wrap break-all font-mono text-slate-600">
          {json(before)}
          {"\n"}
          {json(after)}
        </pre>
      </details>
    </div>
  );
}
