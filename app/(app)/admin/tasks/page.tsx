import { browserLimit } from "@/lib/limits";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ClosedYearNotice } from "@/components/programme/years/closed-year-notice";
import { CreationList } from "@/components/tasks/creation-list";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { listCreationList } from "@/lib/tasks/queries";
import { listYears } from "@/lib/years/queries";

/** The creation list (创建名单) of a year (?year=, default the newest), for city administrators. */
export default async function TasksPage({
  searchParams,
}: {
  searchParams: Promise<{ year?: string }>;
}) {
  const actor = await requirePageActor("/admin/tasks");
  const years = await listYears();
  const requested = Number((await searchParams).year);
  const shown = years.find((y) => y.year === requested) ?? years[0];
  const year = shown?.year;
  const rows = year === undefined ? [] : await loadOrNotFound(() => listCreationList(actor, year));
  const t = await getTranslations("tasks");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title", { year: year ?? "" })}</h1>
      <nav className="flex gap-2 text-sm" aria-label={t("years")}>
        {years.map((y) => (
          <Link
            key={y.year}
            href={`/admin/tasks?year=${y.year}`}
            aria-current={y.year === year ? "page" : undefined}
            className="rounded px-2 py-1 hover:bg-slate-100 aria-[current=page]:bg-brand-600 aria-[current=page]:text-white"
          >
            {y.year}
          </Link>
        ))}
      </nav>
      {year !== undefined && (
        <CreationList
          key={year}
          year={year}
          rows={rows}
          importLimit={browserLimit("import", ["xlsx", "csv"])}
          readOnlyNotice={shown?.status === "CLOSED" ? <ClosedYearNotice year={year} /> : undefined}
        />
      )}
    </div>
  );
}
