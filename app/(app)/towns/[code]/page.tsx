import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { MergedTownReports } from "@/components/programme/towns/merged-town-reports";
import { BasicRequirementChecklist } from "@/components/programme/indicators/basic-requirement-checklist";
import { CurrentReportCard, ReportHistory, TaskCard } from "@/components/reports/town-reports";
import { StartReportButton } from "@/components/reports/start-report-button";
import { TownStarsCard } from "@/components/ratings/town-stars-card";
import { TownFiguresCards } from "@/components/towns/town-figures";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor } from "@/lib/auth/session";
import { listBasicRequirements } from "@/lib/indicators/queries";
import { loadOrNotFound } from "@/lib/pages";
import { listTownStars } from "@/lib/ratings/queries";
import { shanghaiToday } from "@/lib/domain/calendar";
import { isEditable } from "@/lib/domain/report-status";
import { getReportForActor, getTownYear, listTownReports } from "@/lib/reports/queries";
import { toReportSheet } from "@/lib/reports/sheet";
import { isAppError } from "@/lib/errors";
import { getTownFigures } from "@/lib/towns/figures";
import { currentCodeOf, getTownForActor, listMergedTownReports } from "@/lib/towns/queries";
import { getOpenYear } from "@/lib/years/queries";

/**
 * The report to work on now: the earliest editable one of the open year's task; else the
 * earliest period that has begun without a report (to start); else none.
 */
function currentWork(
  task: NonNullable<Awaited<ReturnType<typeof getTownYear>>>,
  today: Date,
): { reportId: number } | { startIndex: number } | null {
  const periods = task.yearRef.periods;
  for (const period of periods) {
    const report = task.reports.find((r) => r.periodId === period.id);
    if (report && isEditable(report.status)) return { reportId: report.id };
  }
  const unstarted = periods.find(
    (p) => p.startsOn <= today && !task.reports.some((r) => r.periodId === p.id),
  );
  return unstarted ? { startIndex: unstarted.index } : null;
}

export default async function TownPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const actor = await requirePageActor(`/towns/${code}`);
  // A link with a town's former division code leads to the town under its current one.
  const town = await loadOrNotFound(() =>
    getTownForActor(actor, code).catch(async (error) => {
      if (!isAppError(error, "NOT_FOUND")) throw error;
      const current = await currentCodeOf(actor, code);
      if (current) redirect(`/towns/${current}`);
      throw error;
    }),
  );
  const t = await getTranslations("towns");
  const te = await getTranslations("enums");
  const en = (await getLocale()) === "en";
  const tr = await getTranslations("reports");
  const today = shanghaiToday();
  // The current report, and everything else the page shows, read at once.
  const currentSheet = async () => {
    const openYear = await getOpenYear();
    const task = openYear ? await getTownYear(actor, town.id, openYear) : null;
    const work = task ? currentWork(task, today) : null;
    const sheet =
      work && "reportId" in work
        ? toReportSheet(await getReportForActor(actor, work.reportId), en)
        : null;
    return { task, work, current: sheet };
  };
  const [{ task, work, current }, history, stars, merged, figures, tg, requirements] =
    await Promise.all([
      currentSheet(),
      listTownReports(actor, town.divisionCode),
      listTownStars(actor, town.divisionCode),
      listMergedTownReports(actor, town),
      getTownFigures(actor, town),
      getTranslations("townRegister"),
      listBasicRequirements(actor, town.currentYear),
    ]);
  const attainedOn = town.events.findLast(
    (e) => e.kind === "TITLE_AWARDED" || e.kind === "TITLE_STRIPPED",
  )?.effectiveOn;
  const facts: [string, React.ReactNode][] = [
    [t("code"), town.divisionCode],
    [t("county"), en ? town.county.nameEn : town.county.name],
    [t("kind"), te(`TownKind.${town.kind}`)],
    [t("townType"), te(`TownType.${town.townType}`)],
    [
      t("attainment"),
      <>
        {te(`Attainment.${town.attainment}`)}
        {attainedOn ? ` (${t("since", { date: attainedOn })})` : ""}
      </>,
    ],
    [`${t("inProgramme")} (${town.currentYear})`, town.inProgramme ? t("yes") : t("no")],
    [t("countySeat"), town.isCountySeat ? t("yes") : t("no")],
  ];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{(en && town.nameEn) || town.name}</h1>
        {town.isLocalUnit && <Badge tone="amber">{t("localUnit")}</Badge>}
        {town.mergedInto && town.mergedOn && (
          <Badge tone="red">
            <Link href={`/towns/${town.mergedInto.divisionCode}`}>
              {tg("mergedInto", {
                name: (en && town.mergedInto.nameEn) || town.mergedInto.name,
                date: town.mergedOn,
              })}
            </Link>
          </Badge>
        )}
        {can(actor, "county.view") && (
          <Link
            href={`/counties/${town.county.divisionCode}`}
            className="text-sm text-brand-700 hover:underline"
          >
            ← {en ? town.county.nameEn : town.county.name}
          </Link>
        )}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardTitle>{t("profile")}</CardTitle>
          <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card>
          <CardTitle>{t("circles")}</CardTitle>
          {town.circles.length === 0 ? (
            <p className="mt-3 text-sm text-slate-500">{t("noCircle")}</p>
          ) : (
            <ul className="mt-3 space-y-1 text-sm">
              {town.circles.map(({ circle, isLead }) => (
                <li key={circle.code} className="flex items-center gap-2">
                  {en ? circle.nameEn : circle.name}
                  {circle.isModel && <Badge tone="green">{t("modelCircle")}</Badge>}
                  {isLead && <Badge>{t("leadTown")}</Badge>}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      {task && (
        <div className="grid gap-4 md:grid-cols-2">
          <TaskCard task={task} today={today} />
          {current ? (
            <CurrentReportCard sheet={current} today={today} />
          ) : (
            work &&
            "startIndex" in work && (
              <div className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
                <p className="mb-3">{tr("notStarted")}</p>
                {can(actor, "report.edit") && (
                  <StartReportButton
                    townCode={town.divisionCode}
                    year={task.year}
                    periodIndex={work.startIndex}
                  />
                )}
              </div>
            )
          )}
        </div>
      )}
      <TownFiguresCards townCode={town.divisionCode} figures={figures} />
      <TownStarsCard townCode={town.divisionCode} years={stars} />
      <BasicRequirementChecklist year={town.currentYear} rows={requirements} />
      <ReportHistory rows={history} en={en} />
      {merged.length > 0 && <MergedTownReports towns={merged} en={en} linkBase="/towns" />}
    </div>
  );
}
