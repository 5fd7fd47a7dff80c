/**
 * The town register's use cases on a scratch database: adding, renaming, recoding and merging
 * towns with their validation (unique code, code inside the county, no merge into itself or
 * into a merged town, real dates, stale edits), access (only the city administrator writes),
 * audit rows, and what a merge does to the figures: a merged town's reports appear under the
 * town it merged into, and the county and city figures (computeSummary) still add up — before
 * the merge date the two towns are separate.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Actor } from "@/lib/access";
import { getSummaries, getTownRows, getTrend } from "@/lib/dashboard/queries";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/prisma-client";
import { userKey } from "@/lib/testing/errors";
import { builders, scratchApp } from "@/lib/testing/builders";
import { setTasks } from "@/lib/tasks/mutations";
import { currentCodeOf, getTownForActor, listMergedTownReports } from "./queries";
import { createTown, mergeTown, recodeTown, renameTown, updateTown } from "./register";
import { exportRegister, importRegister } from "./transfer";

let prisma: PrismaClient;
let drop: () => Promise<void>;
let admin: Actor;
let leader: Actor;

const LONGYOU = "330825";
const KAIHUA = "330824";
/** 2026-12-04 10:00 in Shanghai (after the merge of 2026-07-01). */
const NOW = new Date("2026-12-04T02:00:00Z");
/** 2026-06-15 10:00 in Shanghai (before it). */
const BEFORE = new Date("2026-06-15T02:00:00Z");

async function refused(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function zodMessages(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZodError);
  return (error as ZodError).issues.map((i) => `${i.path.join(".")}:${i.message}`);
}

const version = async (code: string) =>
  (await prisma.town.findUniqueOrThrow({ where: { divisionCode: code } })).updatedAt.toISOString();

const event = { effectiveOn: "2026-07-01", document: "龙政发〔2026〕8号" };

beforeAll(async () => {
  const app = await scratchApp("towns");
  prisma = app.prisma;
  drop = app.drop;
  const b = builders(prisma);
  const longyou = await b.county(LONGYOU, "龙游县");
  const kaihua = await b.county(KAIHUA, "开化县");
  const survivor = await b.town(longyou.id, "330825101", { name: "存续镇" });
  const merged = await b.town(longyou.id, "330825102", { name: "撤并乡" });
  const other = await b.town(longyou.id, "330825103", { name: "另一镇" });
  const elsewhere = await b.town(kaihua.id, "330824101", { name: "开化镇" });
  await b.town(longyou.id, "330825104", { name: "改名镇" });
  await b.town(longyou.id, "330825105", { name: "改码镇" });
  await b.town(longyou.id, "330825106", { name: "已撤并" });
  const periods = await b.year(2026, "OPEN", [
    "2026-04-10",
    "2026-07-10",
    "2026-10-10",
    "2026-12-10",
  ]);
  const gyms = await b.indicator(2026, "communityGyms");
  await prisma.indicator.update({ where: { id: gyms.id }, data: { figureInput: "communityGyms" } });
  // Q1 confirmed for each town: community gyms 2 (survivor), 3 (merged), 4 (other), 1 (Kaihua);
  // projects planned 100 万元 (survivor) and 50 万元 (merged).
  const values: [number, number][] = [
    [survivor.id, 2],
    [merged.id, 3],
    [other.id, 4],
    [elsewhere.id, 1],
  ];
  for (const [townId, value] of values) {
    const task = await b.task(townId, 2026, "PUBLISHED");
    const report = await b.report(task.id, periods[0]!.id, "CITY_CONFIRMED");
    await prisma.indicatorValue.create({
      data: { reportId: report.id, indicatorId: gyms.id, value: String(value) },
    });
    if (townId === survivor.id || townId === merged.id) {
      await prisma.project.create({
        data: {
          taskId: task.id,
          code: "P1",
          name: "项目",
          plannedInvestmentWan: townId === survivor.id ? "100" : "50",
        },
      });
    }
  }
  admin = await b.actor("CITY_ADMIN");
  leader = await b.actor("CITY_LEADER");
});

afterAll(async () => {
  await drop?.();
});

describe("adding a town", () => {
  const input = {
    countyCode: KAIHUA,
    divisionCode: "330824990",
    name: "测试办事处",
    kind: "OFFICE",
    townType: "GENERAL",
    isLocalUnit: "on",
    ...event,
  };

  it("creates the town with an ADDED event and an audit row", async () => {
    const { divisionCode } = await createTown(admin, input);
    expect(divisionCode).toBe("330824990");
    const town = await getTownForActor(admin, "330824990");
    expect(town).toMatchObject({ name: "测试办事处", kind: "OFFICE", isLocalUnit: true });
    expect(town.county.divisionCode).toBe(KAIHUA);
    expect(town.events.map((e) => [e.kind, e.effectiveOn, e.document])).toEqual([
      ["ADDED", "2026-07-01", "龙政发〔2026〕8号"],
    ]);
    const audit = await prisma.auditLog.findFirst({ where: { action: "town.create" } });
    expect(audit?.entityId).toBe(String(town.id));
  });

  it("refuses a code already in use", async () => {
    const error = await refused(createTown(admin, input));
    expect(error.code).toBe("CONFLICT");
    expect(userKey(error)).toBe("townRegister.errors.codeTaken");
  });

  it("refuses a code outside the county, a bad code, an impossible date, no document", async () => {
    expect(await zodMessages(createTown(admin, { ...input, divisionCode: "330825990" }))).toEqual([
      "divisionCode:townRegister.errors.codeOutsideCounty",
    ]);
    expect(await zodMessages(createTown(admin, { ...input, divisionCode: "33082499" }))).toEqual(
      expect.arrayContaining(["divisionCode:validation.codeFormat"]),
    );
    expect(
      await zodMessages(createTown(admin, { ...input, effectiveOn: "2026-02-30", document: " " })),
    ).toEqual(["effectiveOn:validation.date", "document:towns.documentRequired"]);
  });

  it("refuses the city leader, who changes nothing", async () => {
    const error = await refused(createTown(leader, { ...input, divisionCode: "330824991" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(await prisma.town.count({ where: { divisionCode: "330824991" } })).toBe(0);
  });
});

describe("renaming, recoding, editing", () => {
  it("renames with a RENAMED event and refuses a stale version", async () => {
    const stale = await version("330825104");
    await renameTown(admin, {
      townCode: "330825104",
      expectedUpdatedAt: stale,
      newName: "新名镇",
      ...event,
    });
    const town = await getTownForActor(admin, "330825104");
    expect(town.name).toBe("新名镇");
    expect(town.events.at(-1)).toMatchObject({
      kind: "RENAMED",
      previousValue: "改名镇",
      newValue: "新名镇",
      document: event.document,
    });
    const error = await refused(
      renameTown(admin, {
        townCode: "330825104",
        expectedUpdatedAt: stale,
        newName: "再改名",
        ...event,
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect((await getTownForActor(admin, "330825104")).name).toBe("新名镇");
  });

  it("changes the code inside the county only, and the old code leads to the town", async () => {
    const outside = await refused(
      recodeTown(admin, {
        townCode: "330825105",
        expectedUpdatedAt: await version("330825105"),
        newCode: "330824105",
        ...event,
      }),
    );
    expect(userKey(outside)).toBe("townRegister.errors.codeOutsideCounty");
    const taken = await refused(
      recodeTown(admin, {
        townCode: "330825105",
        expectedUpdatedAt: await version("330825105"),
        newCode: "330825103",
        ...event,
      }),
    );
    expect(userKey(taken)).toBe("townRegister.errors.codeTaken");
    await recodeTown(admin, {
      townCode: "330825105",
      expectedUpdatedAt: await version("330825105"),
      newCode: "330825199",
      ...event,
    });
    expect((await getTownForActor(admin, "330825199")).events.at(-1)).toMatchObject({
      kind: "CODE_CHANGED",
      previousValue: "330825105",
      newValue: "330825199",
    });
    await expect(getTownForActor(admin, "330825105")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await currentCodeOf(admin, "330825105")).toBe("330825199");
    expect(await currentCodeOf(admin, "330825101")).toBeNull();
  });

  it("edits town type and county-seat flag, audited with the change", async () => {
    await updateTown(admin, {
      townCode: "330825103",
      expectedUpdatedAt: await version("330825103"),
      townType: "TOURISM",
      isCountySeat: "on",
    });
    const town = await getTownForActor(admin, "330825103");
    expect(town).toMatchObject({ townType: "TOURISM", isCountySeat: true });
    const audit = await prisma.auditLog.findFirst({ where: { action: "town.update" } });
    expect(audit?.before).toEqual({ townType: "GENERAL", isCountySeat: false });
    expect(audit?.after).toMatchObject({ townType: "TOURISM", isCountySeat: true });
  });
});

describe("merging", () => {
  const merge = async (townCode: string, intoCode: string) =>
    mergeTown(admin, { townCode, intoCode, expectedUpdatedAt: await version(townCode), ...event });

  it("refuses a merge into itself, into another county, into an unknown town", async () => {
    expect(userKey(await refused(merge("330825106", "330825106")))).toBe(
      "townRegister.errors.mergeIntoItself",
    );
    expect(userKey(await refused(merge("330825106", "330824101")))).toBe(
      "townRegister.errors.mergeAcrossCounties",
    );
    expect(userKey(await refused(merge("330825106", "330825998")))).toBe("validation.unknownTown");
  });

  it("merges, then refuses a merge into the merged town or of it again", async () => {
    await merge("330825102", "330825101");
    const merged = await getTownForActor(admin, "330825102");
    expect(merged.mergedInto?.divisionCode).toBe("330825101");
    expect(merged.mergedOn).toBe("2026-07-01");
    expect(merged.events.at(-1)).toMatchObject({
      kind: "MERGED",
      relatedTown: { divisionCode: "330825101" },
      document: event.document,
    });
    expect(userKey(await refused(merge("330825106", "330825102")))).toBe(
      "townRegister.errors.mergeIntoMerged",
    );
    expect(userKey(await refused(merge("330825102", "330825103")))).toBe(
      "townRegister.errors.alreadyMerged",
    );
  });

  it("gives a merged town no new task", async () => {
    await prisma.year.create({ data: { year: 2027, status: "PLANNING" } });
    const task = (townCodes: string[]) =>
      setTasks(admin, {
        year: 2027,
        townCodes,
        target: "BASIC_COMPLIANCE",
        track: "STANDARD",
        deadline: "2027-12-31",
      });
    expect(userKey(await refused(task(["330825102"])))).toBe(
      "townRegister.errors.mergedTakesNoTask",
    );
    expect(await task(["330825101"])).toEqual({ created: 1, updated: 0 });
  });

  it("shows the merged town's reports under the survivor", async () => {
    const survivor = await getTownForActor(admin, "330825101");
    expect(survivor.mergedTowns).toEqual([
      {
        divisionCode: "330825102",
        name: "撤并乡",
        nameEn: "Town 330825102",
        mergedOn: "2026-07-01",
      },
    ]);
    const [history] = await listMergedTownReports(leader, survivor);
    expect(history?.name).toBe("撤并乡");
    expect(history?.events.map((e) => [e.kind, e.effectiveOn])).toEqual([["MERGED", "2026-07-01"]]);
    expect(history?.reports.map((r) => [r.task.town.divisionCode, r.status])).toEqual([
      ["330825102", "CITY_CONFIRMED"],
    ]);
  });

  it("counts the merged town separately before the merge date", async () => {
    const county = (
      await getSummaries(admin, { kind: "county", code: LONGYOU }, 2026, { now: BEFORE })
    ).current.total;
    // Longyou has 6 towns on 2026-06-15 (101–106; 105 was recoded to 199); 101–103 in the
    // programme; gyms 2 + 3 + 4 = 9; planned 100 + 50 = 150.
    expect(county).toMatchObject({
      towns: 6,
      townsInProgramme: 3,
      communityGyms: 9,
      plannedInvestmentWan: "150.00",
    });
    const city = (await getSummaries(admin, { kind: "city" }, 2026, { now: BEFORE })).current.total;
    // Kaihua adds its town and the one added on 2026-07-01 (registers count towns, not dates
    // of adding): 8 towns, 4 in the programme, gyms 9 + 1 = 10.
    expect(city).toMatchObject({ towns: 8, townsInProgramme: 4, communityGyms: 10 });
    const rows = await getTownRows(admin, { kind: "county", code: LONGYOU }, 2026, { now: BEFORE });
    expect(rows.map((r) => [r.code, r.values.communityGyms])).toEqual([
      ["330825101", 2],
      ["330825102", 3],
      ["330825103", 4],
      ["330825104", null],
      ["330825106", null],
      ["330825199", null],
    ]);
  });

  it("from the merge date counts it under the survivor, and the totals still add up", async () => {
    const county = (
      await getSummaries(admin, { kind: "county", code: LONGYOU }, 2026, { now: NOW })
    ).current.total;
    // One town fewer (102 is part of 101), one fewer in the programme; gyms and investment
    // unchanged: 9 and 150.
    expect(county).toMatchObject({
      towns: 5,
      townsInProgramme: 2,
      communityGyms: 9,
      plannedInvestmentWan: "150.00",
    });
    const city = (await getSummaries(admin, { kind: "city" }, 2026, { now: NOW })).current.total;
    expect(city).toMatchObject({ towns: 7, townsInProgramme: 3, communityGyms: 10 });
    const rows = await getTownRows(admin, { kind: "county", code: LONGYOU }, 2026, { now: NOW });
    expect(rows.map((r) => [r.code, r.values.communityGyms, r.plannedInvestmentWan])).toEqual([
      ["330825101", 5, "150.00"],
      ["330825103", 4, "0.00"],
      ["330825104", null, "0.00"],
      ["330825106", null, "0.00"],
      ["330825199", null, "0.00"],
    ]);
    const summed = rows.reduce((n, r) => n + (r.values.communityGyms ?? 0), 0);
    expect(summed).toBe(county.communityGyms);
    // The trend's point of the year agrees with the summary.
    const trend = await getTrend(admin, { kind: "county", code: LONGYOU }, NOW);
    expect(trend.find((p) => p.year === 2026)?.townsInProgramme).toBe(2);
    const before = await getTrend(admin, { kind: "county", code: LONGYOU }, BEFORE);
    expect(before.find((p) => p.year === 2026)?.townsInProgramme).toBe(3);
  });
});

describe("the register as .xlsx", () => {
  /** Rows of the first sheet of a workbook, as text. */
  async function sheetRows(bytes: Buffer, index = 0): Promise<string[][]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const rows: string[][] = [];
    workbook.worksheets[index]!.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
    });
    return rows;
  }

  async function workbookOf(rows: (string | number)[][]): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("乡镇");
    for (const row of rows) sheet.addRow(row);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  const header = [
    "区划代码",
    "名称",
    "英文名称",
    "县（市、区）代码",
    "类别",
    "城镇类型",
    "山区县县城",
    "地方增设单位",
    "来源说明",
    "新增生效日期",
    "新增文号",
  ];

  it("exports the towns and their events", async () => {
    const bytes = await exportRegister(leader, false);
    const towns = await sheetRows(bytes);
    expect(towns[0]?.slice(0, 3)).toEqual(["区划代码", "名称", "英文名称"]);
    const merged = towns.find((r) => r[0] === "330825102")!;
    expect(merged.slice(10, 12)).toEqual(["330825101", "2026-07-01"]);
    const events = await sheetRows(bytes, 1);
    expect(events).toContainEqual(
      expect.arrayContaining(["330825199", "2026-07-01", "区划代码变更", "330825105", "330825199"]),
    );
  });

  it("refuses a file with a bad row, naming the rows, and writes nothing", async () => {
    const bytes = await workbookOf([
      header,
      [
        "330824980",
        "新增办事处",
        "",
        KAIHUA,
        "办事处",
        "一般型",
        "否",
        "是",
        "",
        "2026-09-01",
        "开政发〔2026〕5号",
      ],
      [
        "330825980",
        "外县代码",
        "",
        KAIHUA,
        "办事处",
        "一般型",
        "否",
        "是",
        "",
        "2026-09-01",
        "开政发〔2026〕5号",
      ],
      ["330824981", "缺文号", "", KAIHUA, "镇", "一般型", "否", "否", "", "2026-09-01", ""],
      ["330825103", "另一镇", "", LONGYOU, "小镇", "一般型", "否", "否", "", "", ""],
    ]);
    const error = await refused(importRegister(admin, { fileName: "名册.xlsx", bytes }));
    expect(error.user.rows?.map((r) => [r.row, r.key])).toEqual([
      [3, "townRegister.errors.codeOutsideCounty"],
      [4, "townRegister.errors.importNeedsEvent"],
      [5, "validation.invalidChoice"],
    ]);
    expect(await prisma.town.count({ where: { divisionCode: "330824980" } })).toBe(0);
  });

  it("adds new towns with an ADDED event and updates known ones", async () => {
    const bytes = await workbookOf([
      header,
      [
        "330824980",
        "新增办事处",
        "",
        KAIHUA,
        "办事处",
        "一般型",
        "否",
        "是",
        "",
        "2026-09-01",
        "开政发〔2026〕5号",
      ],
      ["330825103", "另一镇", "", LONGYOU, "镇", "农业特色型", "否", "否", "核对", "", ""],
    ]);
    expect(await importRegister(admin, { fileName: "名册.xlsx", bytes })).toEqual({
      created: 1,
      updated: 1,
    });
    const added = await getTownForActor(admin, "330824980");
    expect(added).toMatchObject({ kind: "OFFICE", isLocalUnit: true });
    expect(added.events.map((e) => [e.kind, e.effectiveOn, e.document])).toEqual([
      ["ADDED", "2026-09-01", "开政发〔2026〕5号"],
    ]);
    expect(await getTownForActor(admin, "330825103")).toMatchObject({
      townType: "AGRICULTURE",
      isCountySeat: false,
      sourceNote: "核对",
    });
    await expect(importRegister(leader, { fileName: "名册.xlsx", bytes })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
