/**
 * A small programme for report tests, owned by the test (no demo data): 龙游县 (330825) with
 * 溪口镇 (330825109, TOURISM), 湖镇镇 (330825101) and 小南海镇 (330825102); 柯城区 (330802) with
 * 府山街道 (330802001). Year 2026 is OPEN with quarterly periods, the annual one (P4) due on
 * 2026-12-10. Five indicators (four required: a percentage, a count, a decimal, a yes/no; one
 * distinctive for tourism towns, optional). Every town has a published task. 溪口镇 has P1–P3
 * confirmed and a P4 DRAFT missing two required values; 湖镇镇 and 小南海镇 have P4 SUBMITTED;
 * 府山街道 has a P4 DRAFT. Accounts: staff of 溪口镇 and 湖镇镇, a reviewer of each county, a
 * city administrator.
 */
import type { Actor } from "@/lib/access";
import type { PrismaClient } from "@/lib/prisma-client";
import { builders } from "./builders";

/** What the fixture made. */
export type ReportFixture = {
  staff: Actor;
  otherStaff: Actor;
  reviewer: Actor;
  otherReviewer: Actor;
  admin: Actor;
  /** 溪口镇's P4 DRAFT. */
  reportId: number;
  /** The SUBMITTED P4 reports of 湖镇镇 and 小南海镇. */
  submittedIds: [number, number];
  indicators: Record<
    | "sewageTreatmentRate"
    | "nankongReadingRooms"
    | "greenwayKm"
    | "nightLandscape"
    | "touristVisits",
    number
  >;
};

/** Loads the fixture into an empty, migrated database. */
export async function seedReportFixture(prisma: PrismaClient): Promise<ReportFixture> {
  const b = builders(prisma);
  const longyou = await b.county("330825", "龙游县");
  const kecheng = await b.county("330802", "柯城区");
  const xikou = await b.town(longyou.id, "330825109", { name: "溪口镇", townType: "TOURISM" });
  const huzhen = await b.town(longyou.id, "330825101", { name: "湖镇镇" });
  const xiaonanhai = await b.town(longyou.id, "330825102", { name: "小南海镇" });
  const fushan = await b.town(kecheng.id, "330802001", { name: "府山街道" });
  const periods = await b.year(2026, "OPEN", [
    "2026-04-10",
    "2026-07-10",
    "2026-10-10",
    "2026-12-10",
  ]);
  const indicators = {
    sewageTreatmentRate: (await b.indicator(2026, "sewageTreatmentRate", { valueType: "PERCENT" }))
      .id,
    nankongReadingRooms: (await b.indicator(2026, "nankongReadingRooms")).id,
    greenwayKm: (await b.indicator(2026, "greenwayKm", { valueType: "DECIMAL" })).id,
    nightLandscape: (await b.indicator(2026, "nightLandscape", { valueType: "BOOLEAN" })).id,
    touristVisits: (
      await b.indicator(2026, "touristVisits", {
        kind: "DISTINCTIVE",
        townTypes: ["TOURISM"],
        isRequired: false,
      })
    ).id,
  };
  await prisma.indicator.updateMany({
    where: { code: "sewageTreatmentRate" },
    data: { maxValue: "100" },
  });
  await prisma.indicator.updateMany({ where: { code: "nightLandscape" }, data: { maxValue: "1" } });
  const full = (reportId: number) =>
    prisma.indicatorValue.createMany({
      data: [
        { reportId, indicatorId: indicators.sewageTreatmentRate, value: "95.5" },
        { reportId, indicatorId: indicators.nankongReadingRooms, value: "2" },
        { reportId, indicatorId: indicators.greenwayKm, value: "8.2" },
        { reportId, indicatorId: indicators.nightLandscape, value: "1" },
      ],
    });
  const xikouTask = await b.task(xikou.id, 2026);
  for (const period of periods.slice(0, 3)) {
    await full((await b.report(xikouTask.id, period.id, "CITY_CONFIRMED", 5)).id);
  }
  const draft = await b.report(xikouTask.id, periods[3]!.id, "DRAFT", 2);
  await prisma.indicatorValue.createMany({
    data: [
      { reportId: draft.id, indicatorId: indicators.sewageTreatmentRate, value: "96" },
      { reportId: draft.id, indicatorId: indicators.nankongReadingRooms, value: "2" },
      { reportId: draft.id, indicatorId: indicators.greenwayKm, value: null },
    ],
  });
  const submitted: number[] = [];
  for (const town of [huzhen, xiaonanhai]) {
    const task = await b.task(town.id, 2026);
    const report = await b.report(task.id, periods[3]!.id, "SUBMITTED", 3);
    await full(report.id);
    submitted.push(report.id);
  }
  const fushanTask = await b.task(fushan.id, 2026);
  await b.report(fushanTask.id, periods[3]!.id, "DRAFT", 1);
  return {
    staff: await b.actor("TOWNSHIP_STAFF", { townId: xikou.id }, "staff-330825109"),
    otherStaff: await b.actor("TOWNSHIP_STAFF", { townId: huzhen.id }, "staff-330825101"),
    reviewer: await b.actor("COUNTY_REVIEWER", { countyId: longyou.id }, "reviewer-330825"),
    otherReviewer: await b.actor("COUNTY_REVIEWER", { countyId: kecheng.id }, "reviewer-330802"),
    admin: await b.actor("CITY_ADMIN", {}, "admin"),
    reportId: draft.id,
    submittedIds: submitted as [number, number],
    indicators,
  };
}
