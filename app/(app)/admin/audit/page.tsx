import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { requirePageActor } from "@/lib/auth/session";
import { PersonPicker } from "@/components/audit/person-picker";
import { auditColumns, auditTableText } from "@/lib/audit/table";
import { auditFilterSchema, listAuditLog } from "@/lib/audit/queries";
import { loadOrNotFound } from "@/lib/pages";
import { DateField } from "@/components/ui/date-field";
import { queryParams } from "@/lib/http/query";

const inputClass = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** Compact JSON for the raw record behind "show details". */
function json(value: unknown): string {
  return value === null || value === undefined ? "—" : JSON.stringify(value);
}

/**
 * The audit log (city administrators): names instead of ids, each changed field as
 * before → after, the client address; filters by person (a searchable picker), town, action and
 * dates; .xlsx and .csv exports of the filtered rows (all pages, the same columns).
 */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const actor = await requirePageActor("/admin/audit", raw);
  const filter = auditFilterSchema.parse(
    Object.fromEntries(Object.entries(queryParams(raw)).map(([k, v]) => [k, v || undefined])),
  );
  const en = (await getLocale()) === "en";
  const { rows, total, page, pages, actions, towns, users } = await loadOrNotFound(() =>
    listAuditLog(actor, filter, en),
  );
  const t = await getTranslations("audit");
  const td = await getTranslations("dashboard");
  const ta = await getTranslations("exportsAudit.audit");
  const { headers, action: actionLabel, cells, changes } = await auditTableText(rows);
  // The filters as a query (identifiers only), for the pages and the export.
  const filterQuery = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (key !== "page" && value) filterQuery.set(key, String(value));
  }
  const pageHref = (page: number) => {
    const query = new URLSearchParams(filterQuery);
    if (page > 1) query.set("page", String(page));
    const qs = query.toString();
    return qs ? `/admin/audit?${qs}` : "/admin/audit";
  };
  const exportHref = (format: "xlsx" | "csv") => {
    const query = new URLSearchParams(filterQuery);
    query.set("format", format);
    return `/export/audit?${query.toString()}`;
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <form method="get" className="flex flex-wrap items-end gap-2 text-sm">
        <PersonPicker
          name="user"
          people={users}
          value={filter.user}
          label={ta("person")}
          searchLabel={ta("findPerson")}
          anyLabel={t("all")}
          className={inputClass}
        />
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
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <p className="text-slate-600">{t("total", { count: total })}</p>
        <a className="text-brand-700 hover:underline" href={exportHref("xlsx")}>
          {td("exportXlsx")}
        </a>
        <a className="text-brand-700 hover:underline" href={exportHref("csv")}>
          {td("exportCsv")}
        </a>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              {auditColumns.map((c) => (
                <th key={c} className="px-3 py-2 font-medium">
                  {headers[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {rows.map((r) => {
              const text = cells(r);
              return (
                <tr key={r.id}>
                  <td className="whitespace-nowrap px-3 py-2">{text.at}</td>
                  <td className="px-3 py-2">{text.actor}</td>
                  <td className="px-3 py-2 text-xs" title={r.action}>
                    {text.action}
                  </td>
                  <td className="px-3 py-2" title={`${r.entityType} #${r.entityId}`}>
                    {text.entity}
                  </td>
                  <td className="max-w-md px-3 py-2 text-xs" data-testid="audit-changes">
                    <AuditChanges
                      before={r.before}
                      after={r.after}
                      {...changes(r)}
                      none={ta("noChanges")}
                      details={ta("details")}
                    />
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-500">{text.ip}</td>
                </tr>
              );
            })}
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

/**
 * Each changed field as "field: before → after" (`lines`, from lib/audit/table.ts), and the raw
 * record behind a toggle; nothing at all for a row that records no fields (a sign-in).
 */
function AuditChanges({
  before,
  after,
  recorded,
  lines,
  none,
  details,
}: {
  before: unknown;
  after: unknown;
  recorded: boolean;
  lines: string[];
  none: string;
  details: string;
}) {
  if (!recorded) return null;
  return (
    <div className="space-y-1">
      {lines.length === 0 ? (
        <span className="text-slate-500">{none}</span>
      ) : (
        <ul className="space-y-0.5">
          {lines.map((line, index) => (
            <li key={index} className="break-all">
              {line}
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
