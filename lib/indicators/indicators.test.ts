/**
 * The indicator catalogue against PostgreSQL, on data of its own: a retired indicator is left
 * out of new tasks and of forms without a value but stays on the reports that hold one; a
 * dashboard input cannot be retired without a replacement, and with one the dashboard figure
 * reads the same total; an indicator used by a report cannot be deleted; a closed year refuses
 * every change; the leader changes nothing; a stale edit is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { getSummaries, getTownRows } from "@/lib/dashboard/queries";
import { AppError } from "@/lib/errors";
import { getReportForActor } from "@/lib/reports/queries";
import { getTaskDetail } from "@/lib/tasks/queries";
import { setTasks } from "@/lib/tasks/mutations";
import type { PrismaClient } from "@/lib/prisma-client";
import { builders, scratchApp } from "@/lib/testing/builders";
import { userKey, userPart } from "@/lib/testing/errors";
import {
  assignFigureInput,
  createIndicator,
  deleteBasicRequirement,
  deleteIndicator,
  restoreIndicator,
  retireIndicator,
  saveBasicRequirement,
  updateIndicator,
} from "./mutations";
import { listBasicRequirements, listIndicators } from "./queries";

let prisma: PrismaClient;
let drop: () => Promise<void>;
let admin: Actor;
let leader: Actor;
let reviewer: Actor;
let b: ReturnType<typeof builders>;
const ids: Record<string, number> = {};
let countyId: number;
let q1: number;
let reportWithValue: number;
let reportWithout: number;

const COUNTY = "330825";
const NOW = new Date("2026-12-04T02:00:00Z");

/** "OK", or the refusal as CODE:messageKey (the first field's key when fields are given). */
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      const fields = userPart(error).fields;
      const first = fields ? Object.values(fields)[0] : undefined;
      return `${error.code}:${first?.key ?? userKey(error)}`;
    },
  );

const versionOf = async (code: string, year = 2026) =>
  (await listIndicators(admin, year)).find((r) => r.code === code)!.version;

const gymsTotal = async () =>
  (await getSummaries(reviewer, { kind: "county", code: COUNTY }, 2026, { now: NOW })).current.total
    .communityGyms;

beforeAll(async () => {
  const app = await scratchApp("indicators");
  prisma = app.prisma;
  drop = app.drop;
  b = builders(prisma);
  const county = await b.county(COUNTY, "龙游县");
  countyId = county.id;
  const townA = await b.town(county.id, "330825101");
  const townB = await b.town(county.id, "330825102");
  const townC = await b.town(county.id, "330825103");
  await b.year(2025, "CLOSED");
  [q1] = (await b.year(2026, "OPEN")).map((p) => p.id) as [number];
  for (const code of ["communityGyms", "sewageRate", "gymsCount", "parks", "nightLights"]) {
    ids[`2025.${code}`] = (await b.indicator(2025, code)).id;
  }
  for (const code of ["communityGyms", "sewageRate", "gymsCount", "parks"]) {
    ids[code] = (await b.indicator(2026, code)).id;
  }
  ids.nightLights = (await b.indicator(2026, "nightLights", { valueType: "BOOLEAN" })).id;
  await prisma.indicator.update({
    where: { id: ids.communityGyms },
    data: { figureInput: "communityGyms" },
  });
  // Town A had a 2025 task with targets on every indicator: a new 2026 task carries them over.
  const task2025 = await b.task(townA.id, 2025, "CLOSED");
  await prisma.indicatorTarget.createMany({
    data: ["communityGyms", "sewageRate", "gymsCount", "parks", "nightLights"].map((code) => ({
      taskId: task2025.id,
      indicatorId: ids[`2025.${code}`]!,
      targetValue: "5",
    })),
  });
  // Towns B and C report Q1 of 2026, both accepted. B gave sewageRate a value, C did not.
  // communityGyms: B 3, C 2 (= 5); gymsCount, the same gyms counted under the new code: 3 and 2.
  const taskB = await b.task(townB.id, 2026);
  const taskC = await b.task(townC.id, 2026);
  reportWithValue = (await b.report(taskB.id, q1, "CITY_CONFIRMED")).id;
  reportWithout = (await b.report(taskC.id, q1, "COUNTY_APPROVED")).id;
  await prisma.indicatorValue.createMany({
    data: [
      { reportId: reportWithValue, indicatorId: ids.communityGyms!, value: "3" },
      { reportId: reportWithValue, indicatorId: ids.gymsCount!, value: "3" },
      { reportId: reportWithValue, indicatorId: ids.sewageRate!, value: "87.5" },
      { reportId: reportWithout, indicatorId: ids.communityGyms!, value: "2" },
      { reportId: reportWithout, indicatorId: ids.gymsCount!, value: "2" },
    ],
  });
  admin = await b.actor("CITY_ADMIN");
  leader = await b.actor("CITY_LEADER");
  reviewer = await b.actor("COUNTY_REVIEWER", { countyId: county.id });
});

afterAll(async () => {
  await drop?.();
});

describe("retiring an indicator", () => {
  it("a retired indicator disappears from new tasks but old reports still show it", async () => {
    expect(
      await outcome(
        retireIndicator(admin, {
          id: ids.sewageRate,
          expectedVersion: await versionOf("sewageRate"),
        }),
      ),
    ).toBe("OK");

    // A task created after retiring: targets carried over for every current indicator, none
    // for the retired one, and no row for it on the task page.
    await setTasks(admin, {
      year: 2026,
      target: "BASIC_COMPLIANCE",
      track: "STANDARD",
      deadline: "2026-12-31",
      townCodes: ["330825101"],
    });
    const targets = await prisma.indicatorTarget.findMany({
      where: { task: { year: 2026, town: { divisionCode: "330825101" } } },
      select: { indicator: { select: { code: true } } },
    });
    expect(targets.map((t) => t.indicator.code).sort()).toEqual([
      "communityGyms",
      "gymsCount",
      "nightLights",
      "parks",
    ]);
    const detail = await getTaskDetail(admin, 2026, "330825101");
    expect(detail.indicators.map((i) => i.code)).not.toContain("sewageRate");
    expect(detail.indicators).toHaveLength(4);

    // The old report that holds a value still lists it, with its value.
    const old = await getReportForActor(admin, reportWithValue);
    expect(old.indicators.map((i) => i.code)).toContain("sewageRate");
    expect(old.values.find((v) => v.indicatorId === ids.sewageRate)?.value?.toFixed()).toBe("87.5");
    // The dashboard's missing items follow the same rule: 5 required indicators (none filled
    // in Q4, the current period) for B, which keeps sewageRate by its Q1 value; 4 for C.
    const rows = await getTownRows(reviewer, { kind: "county", code: COUNTY }, 2026, { now: NOW });
    expect(rows.filter((r) => r.inProgramme).map((r) => [r.code, r.missingItems])).toEqual([
      ["330825102", 5],
      ["330825103", 4],
    ]);
    // The report of a town that gave it no value no longer lists it.
    const other = await getReportForActor(admin, reportWithout);
    expect(other.indicators.map((i) => i.code)).not.toContain("sewageRate");
    expect(other.indicators).toHaveLength(4);

    // Un-retire: it is back on every form.
    expect(
      await outcome(
        restoreIndicator(admin, {
          id: ids.sewageRate,
          expectedVersion: await versionOf("sewageRate"),
        }),
      ),
    ).toBe("OK");
    expect((await getReportForActor(admin, reportWithout)).indicators).toHaveLength(5);
    const audit = await prisma.auditLog.findMany({
      where: { entityType: "Indicator", entityId: String(ids.sewageRate) },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual(["indicator.retire", "indicator.restore"]);
  });

  it("refuses to retire a dashboard input without a replacement; with one the figure keeps its total", async () => {
    // communityGyms: B 3 + C 2 = 5 (both reports accepted).
    expect(await gymsTotal()).toBe(5);
    const expectedVersion = await versionOf("communityGyms");
    expect(await outcome(retireIndicator(admin, { id: ids.communityGyms, expectedVersion }))).toBe(
      "VALIDATION:indicatorCatalogue.errors.replacementRequired",
    );
    // A yes/no indicator cannot supply a sum.
    expect(
      await outcome(
        retireIndicator(admin, {
          id: ids.communityGyms,
          expectedVersion,
          replacementId: ids.nightLights,
        }),
      ),
    ).toBe("VALIDATION:indicatorCatalogue.errors.badReplacement");
    expect(
      (await prisma.indicator.findUniqueOrThrow({ where: { id: ids.communityGyms } })).retiredAt,
    ).toBeNull();

    expect(
      await outcome(
        retireIndicator(admin, {
          id: ids.communityGyms,
          expectedVersion,
          replacementId: ids.gymsCount,
        }),
      ),
    ).toBe("OK");
    const after = await prisma.indicator.findMany({
      where: { id: { in: [ids.communityGyms!, ids.gymsCount!] } },
      select: { code: true, figureInput: true, retiredAt: true },
      orderBy: { code: "asc" },
    });
    expect(after.map((r) => [r.code, r.figureInput, r.retiredAt !== null])).toEqual([
      ["communityGyms", null, true],
      ["gymsCount", "communityGyms", false],
    ]);
    // gymsCount: B 3 + C 2 = 5, read through the handed-over mark.
    expect(await gymsTotal()).toBe(5);
    // And it really reads gymsCount now: B's value 3 → 7 makes 7 + 2 = 9.
    await prisma.indicatorValue.update({
      where: { reportId_indicatorId: { reportId: reportWithValue, indicatorId: ids.gymsCount! } },
      data: { value: "7" },
    });
    expect(await gymsTotal()).toBe(9);
  });

  it("assigns an unassigned dashboard input to a fitting indicator only", async () => {
    expect(
      await outcome(
        assignFigureInput(admin, {
          year: 2026,
          figureInput: "localJobsCreated",
          indicatorId: ids.nightLights,
        }),
      ),
    ).toBe("VALIDATION:indicatorCatalogue.errors.badReplacement");
    expect(
      await outcome(
        assignFigureInput(admin, {
          year: 2026,
          figureInput: "localJobsCreated",
          indicatorId: ids.parks,
        }),
      ),
    ).toBe("OK");
    expect(
      await outcome(
        assignFigureInput(admin, {
          year: 2026,
          figureInput: "localJobsCreated",
          indicatorId: ids.sewageRate,
        }),
      ),
    ).toBe("CONFLICT:indicatorCatalogue.errors.inputTaken");
  });
});

describe("creating, editing and deleting", () => {
  it("creates with limits fitting the value type and a code unique in the year", async () => {
    const base = {
      year: 2026,
      code: "greenSpaceRate",
      name: "绿地率",
      nameEn: "Green space rate",
      dimension: "ENVIRONMENT",
      kind: "COMMON",
      unit: "%",
      unitEn: "%",
      valueType: "PERCENT",
      minValue: "",
      maxValue: "120",
      isRequired: "on",
    };
    await expect(createIndicator(admin, base)).rejects.toMatchObject({
      issues: [{ path: ["maxValue"], message: "indicatorCatalogue.validation.percentRange" }],
    });
    await expect(
      createIndicator(admin, { ...base, valueType: "INTEGER", minValue: "1.5", maxValue: "" }),
    ).rejects.toMatchObject({
      issues: [{ path: ["minValue"], message: "indicatorValue.notInteger" }],
    });
    await expect(
      createIndicator(admin, { ...base, valueType: "DECIMAL", minValue: "10", maxValue: "2" }),
    ).rejects.toMatchObject({
      issues: [{ path: ["maxValue"], message: "indicatorCatalogue.validation.maxBelowMin" }],
    });
    await expect(
      createIndicator(admin, { ...base, maxValue: "", townTypes: ["TOURISM"] }),
    ).rejects.toMatchObject({
      issues: [
        {
          path: ["townTypes"],
          message: "indicatorCatalogue.validation.townTypesOnlyDistinctive",
        },
      ],
    });
    await expect(
      createIndicator(admin, { ...base, valueType: "BOOLEAN", maxValue: "2" }),
    ).rejects.toMatchObject({
      issues: [{ path: ["maxValue"], message: "indicatorValue.notBoolean" }],
    });
    const { id } = await createIndicator(admin, { ...base, maxValue: "１００" });
    const row = await prisma.indicator.findUniqueOrThrow({ where: { id } });
    expect([row.maxValue?.toFixed(), row.minValue, row.isRequired, row.evidenceRequired]).toEqual([
      "100",
      null,
      true,
      false,
    ]);
    expect(await outcome(createIndicator(admin, { ...base, maxValue: "" }))).toBe(
      "CONFLICT:indicatorCatalogue.errors.codeTaken",
    );
    expect(await outcome(createIndicator(leader, { ...base, code: "other" }))).toBe("FORBIDDEN:");
  });

  it("refuses a stale edit and recoding a dashboard input without a replacement", async () => {
    const row = (await listIndicators(admin, 2026)).find((r) => r.code === "parks")!;
    const form = {
      ...row,
      minValue: row.minValue ?? "",
      maxValue: row.maxValue ?? "",
      sourceNote: "",
      expectedVersion: row.version,
    };
    expect(await outcome(updateIndicator(admin, { ...form, code: "parksRenamed" }))).toBe(
      "VALIDATION:indicatorCatalogue.errors.replacementRequired",
    );
    // parks holds localJobsCreated (a sum): it cannot become a yes/no indicator.
    expect(
      await outcome(updateIndicator(admin, { ...form, valueType: "BOOLEAN", minValue: "" })),
    ).toBe("VALIDATION:indicatorCatalogue.errors.unfitForFigure");
    expect(await outcome(updateIndicator(admin, { ...form, name: "公园" }))).toBe("OK");
    // The same form again: its version is now stale.
    expect(await outcome(updateIndicator(admin, { ...form, name: "公园绿地" }))).toBe(
      "CONFLICT:indicatorCatalogue.errors.stale",
    );
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "indicator.update", entityId: String(ids.parks) },
    });
    expect([audit.before, audit.after]).toEqual([
      { name: "parks" },
      { code: "parks", name: "公园" },
    ]);
  });

  it("keeps the value type of an indicator that holds values", async () => {
    const row = (await listIndicators(admin, 2026)).find((r) => r.code === "gymsCount")!;
    expect(
      await outcome(
        updateIndicator(admin, {
          ...row,
          minValue: row.minValue ?? "",
          maxValue: "",
          sourceNote: "",
          valueType: "DECIMAL",
          expectedVersion: row.version,
        }),
      ),
    ).toBe("CONFLICT:indicatorCatalogue.errors.valueTypeInUse");
  });

  it("deletes only an indicator no report has used", async () => {
    // sewageRate has a value in B's report.
    expect(
      await outcome(
        deleteIndicator(admin, {
          id: ids.sewageRate,
          expectedVersion: await versionOf("sewageRate"),
        }),
      ),
    ).toBe("CONFLICT:indicatorCatalogue.errors.inUse");
    // An unused one, even with a draft task's target, can go (its target with it).
    const unused = await b.indicator(2026, "unusedOne");
    const townD = await b.town(countyId, "330825104");
    const draft = await b.task(townD.id, 2026, "DRAFT");
    await prisma.indicatorTarget.create({
      data: { taskId: draft.id, indicatorId: unused.id, targetValue: "1" },
    });
    // …but not once a published task targets it.
    await prisma.creationTask.update({ where: { id: draft.id }, data: { status: "PUBLISHED" } });
    expect(
      await outcome(
        deleteIndicator(admin, { id: unused.id, expectedVersion: await versionOf("unusedOne") }),
      ),
    ).toBe("CONFLICT:indicatorCatalogue.errors.inUse");
    await prisma.creationTask.update({ where: { id: draft.id }, data: { status: "DRAFT" } });
    expect(
      await outcome(
        deleteIndicator(admin, { id: unused.id, expectedVersion: await versionOf("unusedOne") }),
      ),
    ).toBe("OK");
    expect(await prisma.indicator.count({ where: { id: unused.id } })).toBe(0);
    expect(await prisma.indicatorTarget.count({ where: { indicatorId: unused.id } })).toBe(0);
  });
});

describe("a closed year", () => {
  it("refuses every change to its catalogue and basic requirements", async () => {
    const version = await versionOf("parks", 2025);
    const id = ids["2025.parks"];
    const before = await prisma.auditLog.count();
    expect(await outcome(retireIndicator(admin, { id, expectedVersion: version }))).toBe(
      "CONFLICT:years.closed",
    );
    expect(await outcome(deleteIndicator(admin, { id, expectedVersion: version }))).toBe(
      "CONFLICT:years.closed",
    );
    const row = (await listIndicators(admin, 2025)).find((r) => r.code === "parks")!;
    expect(
      await outcome(
        updateIndicator(admin, {
          ...row,
          name: "x",
          minValue: row.minValue ?? "",
          maxValue: "",
          sourceNote: "",
          expectedVersion: version,
        }),
      ),
    ).toBe("CONFLICT:years.closed");
    expect(
      await outcome(
        createIndicator(admin, {
          year: 2025,
          code: "late",
          name: "x",
          nameEn: "x",
          dimension: "LIVING",
          kind: "COMMON",
          unit: "",
          unitEn: "",
          valueType: "INTEGER",
        }),
      ),
    ).toBe("CONFLICT:years.closed");
    expect(
      await outcome(
        assignFigureInput(admin, { year: 2025, figureInput: "communityGyms", indicatorId: id }),
      ),
    ).toBe("CONFLICT:years.closed");
    expect(
      await outcome(
        saveBasicRequirement(admin, {
          year: 2025,
          code: "oneRoad",
          name: "一条路",
          nameEn: "A road",
        }),
      ),
    ).toBe("CONFLICT:years.closed");
    expect(await prisma.auditLog.count()).toBe(before);
    expect(
      await saveBasicRequirement(admin, {
        year: 2026,
        code: "oneRoad",
        name: "一条路",
        nameEn: "A road",
      }),
    ).toMatchObject({ id: expect.any(Number) });
  });
});

describe("basic requirements (十个一)", () => {
  it("adds, reorders, renames and deletes, each audited; codes unique in the year; the leader changes nothing", async () => {
    const road = { year: 2026, code: "fastRoad", name: "一条快速通道", nameEn: "A fast road" };
    const { id: roadId } = await saveBasicRequirement(admin, { ...road, sortOrder: "20" });
    const { id: streetId } = await saveBasicRequirement(admin, {
      year: 2026,
      code: "featureStreet",
      name: "一条特色街",
      nameEn: "A distinctive street",
      sortOrder: "10",
    });
    expect(await outcome(saveBasicRequirement(admin, { ...road, name: "重复" }))).toBe(
      "CONFLICT:indicatorCatalogue.errors.codeTaken",
    );
    expect(await outcome(saveBasicRequirement(leader, { ...road, code: "other" }))).toBe(
      "FORBIDDEN:",
    );
    await saveBasicRequirement(admin, {
      ...road,
      id: roadId,
      sortOrder: "5",
      nameEn: "A fast road link",
    });
    const codes = async () => (await listBasicRequirements(reviewer, 2026)).map((r) => r.code);
    // oneRoad (order 0, from the closed-year test), fastRoad 5, featureStreet 10.
    expect(await codes()).toEqual(["oneRoad", "fastRoad", "featureStreet"]);
    expect(await outcome(deleteBasicRequirement(leader, { id: streetId }))).toBe("FORBIDDEN:");
    await deleteBasicRequirement(admin, { id: streetId });
    expect(await codes()).toEqual(["oneRoad", "fastRoad"]);
    const audit = await prisma.auditLog.findMany({
      where: {
        entityType: "BasicRequirement",
        entityId: { in: [String(roadId), String(streetId)] },
      },
      orderBy: { id: "asc" },
      select: { action: true, before: true, after: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "basicRequirement.create",
      "basicRequirement.create",
      "basicRequirement.update",
      "basicRequirement.delete",
    ]);
    expect([audit[2]!.before, audit[2]!.after]).toEqual([
      { nameEn: "A fast road", sortOrder: 20 },
      { code: "fastRoad", nameEn: "A fast road link", sortOrder: 5 },
    ]);
  });
});
