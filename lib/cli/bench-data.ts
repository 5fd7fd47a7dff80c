/**
 * The province-sized data set of `npm run bench:dashboard` (lib/cli/bench-dashboard.ts):
 * 11 cities, 90 counties, 1,400 towns, 10 years (2014–2023) of tasks, projects, quarterly
 * reports with 40 indicator values each (≈ 1.9 M IndicatorValue rows), star ratings (the open
 * year: 300 rated towns, 3 reviewers' sheets of 40 items each) and
 * circles. Written into an already migrated database with set-based SQL only
 * (INSERT … SELECT … FROM generate_series), so it loads in seconds rather than the minutes
 * that row-by-row Prisma writes would take.
 *
 * Values are deterministic: every "random" choice is a hash of the row's key
 * (PostgreSQL's hashint8), so two runs build the same data and the same query plans.
 */
import type pg from "pg";
import type { Dimension } from "@/lib/generated/prisma/enums";
import { INDICATORS } from "@/prisma/seed/catalogue";

/** The first and last programme year of the data set; the last one is OPEN, the rest CLOSED. */
export const BENCH_FIRST_YEAR = 2014;
export const BENCH_LAST_YEAR = 2023;

/**
 * Version of the generator, recorded in SystemSetting `benchData` when a load completes; a kept
 * database (`--keep`) is reused only when it carries this version. Bump it when steps change.
 */
export const BENCH_DATA_VERSION = 2;

/** The 8 indicator codes lib/dashboard/summary.ts reads (they must exist in every year). */
export const SUMMARY_CODES = [
  "nankongReadingRooms",
  "communityGyms",
  "elderlyCareCentres",
  "neighbourhoodCentres",
  "fifteenMinuteCircle",
  "nightLandscape",
  "commonProsperityWorkshops",
  "localJobsCreated",
] as const;

/** Zhejiang's 11 cities with their real number of county-level divisions (90 in all). */
const CITIES: readonly { code: string; name: string; nameEn: string; counties: number }[] = [
  { code: "3301", name: "杭州市", nameEn: "Hangzhou", counties: 13 },
  { code: "3302", name: "宁波市", nameEn: "Ningbo", counties: 10 },
  { code: "3303", name: "温州市", nameEn: "Wenzhou", counties: 12 },
  { code: "3304", name: "嘉兴市", nameEn: "Jiaxing", counties: 7 },
  { code: "3305", name: "湖州市", nameEn: "Huzhou", counties: 5 },
  { code: "3306", name: "绍兴市", nameEn: "Shaoxing", counties: 6 },
  { code: "3307", name: "金华市", nameEn: "Jinhua", counties: 9 },
  { code: "3308", name: "衢州市", nameEn: "Quzhou", counties: 6 },
  { code: "3309", name: "舟山市", nameEn: "Zhoushan", counties: 4 },
  { code: "3310", name: "台州市", nameEn: "Taizhou", counties: 9 },
  { code: "3311", name: "丽水市", nameEn: "Lishui", counties: 9 },
];

const TOWNS = 1_400;
/** Rated towns of the open year (the province-sized ratings table) and items each. */
export const RATED_TOWNS = 300;
export const RATING_ITEMS = 40;
const CIRCLES = 300;
/** The demo catalogue has 32 indicators; these 8 bring a year's catalogue to 40. */
const EXTRA_INDICATORS = 8;

/** Row counts of the generated tables, for the report. */
export type BenchCounts = Record<string, number>;

/** The tables whose counts are reported, in dependency order. */
export const COUNTED_TABLES = [
  "City",
  "County",
  "Town",
  "Year",
  "ReportingPeriod",
  "Indicator",
  "CreationTask",
  "Project",
  "ProgressReport",
  "IndicatorValue",
  "RatingScheme",
  "RatingItem",
  "StarRating",
  "ScoreSheet",
  "SheetItemScore",
  "TownCircle",
  "TownCircleTown",
] as const;

/** A non-negative hash of a bigint expression, as SQL (deterministic across runs). */
const h = (key: string) => `(hashint8((${key})::bigint) & 2147483647)`;

/** The indicator catalogue of one year as JSON rows for json_to_recordset. */
function catalogue(): string {
  const rows = INDICATORS.map((i, k) => ({
    k: k + 1,
    code: i.code,
    name: i.name,
    name_en: i.nameEn,
    dimension: i.dimension,
    kind: i.kind,
    unit: i.unit,
    unit_en: i.unitEn,
    value_type: i.valueType,
    // PostgreSQL array literal, cast to "TownType"[] in SQL.
    town_types: `{${i.townTypes.join(",")}}`,
  }));
  const dimensions: Dimension[] = [
    "ENVIRONMENT",
    "LIVING",
    "INDUSTRY",
    "CULTURE",
    "GOVERNANCE",
    "INTEGRATION",
  ];
  for (let e = 1; e <= EXTRA_INDICATORS; e++) {
    rows.push({
      k: rows.length + 1,
      code: `benchExtra${String(e).padStart(2, "0")}`,
      name: `基准附加指标${e}`,
      name_en: `Benchmark extra indicator ${e}`,
      dimension: dimensions[e % dimensions.length]!,
      kind: "COMMON",
      unit: "个",
      unit_en: "units",
      value_type: e % 2 === 0 ? "INTEGER" : "DECIMAL",
      town_types: "{}",
    });
  }
  const codes = new Set(rows.map((r) => r.code));
  const missing = SUMMARY_CODES.filter((c) => !codes.has(c));
  if (missing.length > 0) throw new Error(`catalogue lacks summary codes: ${missing.join(", ")}`);
  return JSON.stringify(rows);
}

/**
 * The generation steps: a label and the SQL (with its parameters). Each step is one statement,
 * so progress can be printed and a failure names the step.
 */
function steps(): { label: string; sql: string; params?: unknown[] }[] {
  const first = BENCH_FIRST_YEAR;
  const last = BENCH_LAST_YEAR;
  return [
    {
      label: "cities",
      sql: `INSERT INTO "City" (id, "divisionCode", name, "nameEn")
            SELECT ord, c.code, c.name, c.name_en
            FROM json_to_recordset($1::json) AS c(ord int, code text, name text, name_en text)`,
      params: [
        JSON.stringify(
          CITIES.map((c, i) => ({ ord: i + 1, code: c.code, name: c.name, name_en: c.nameEn })),
        ),
      ],
    },
    {
      label: "counties",
      sql: `INSERT INTO "County" (id, "cityId", "divisionCode", name, "nameEn", kind, "isMountainCounty")
            SELECT row_number() OVER (ORDER BY c.id, k), c.id,
                   c."divisionCode" || lpad(k::text, 2, '0'),
                   c.name || '第' || k || '县', c."nameEn" || ' county ' || k,
                   (CASE WHEN k <= 2 THEN 'DISTRICT' WHEN k % 4 = 0 THEN 'COUNTY_CITY'
                         ELSE 'COUNTY' END)::"CountyKind",
                   k % 3 = 0
            FROM json_to_recordset($1::json) AS j(ord int, counties int)
            JOIN "City" c ON c.id = j.ord
            CROSS JOIN LATERAL generate_series(1, j.counties) AS k`,
      params: [JSON.stringify(CITIES.map((c, i) => ({ ord: i + 1, counties: c.counties })))],
    },
    {
      // Towns per county vary (weights 8–24, ≈ 7–23 towns); the cumulative bounds split
      // 1..1400 exactly, so every town has one county and the total is exact.
      label: "towns",
      sql: `WITH w AS (SELECT id, "divisionCode", name, 8 + (id * 37) % 17 AS w FROM "County"),
            cw AS (SELECT id, "divisionCode", name,
                          SUM(w) OVER (ORDER BY id) - w AS lo, SUM(w) OVER (ORDER BY id) AS hi,
                          SUM(w) OVER () AS total FROM w),
            t AS (SELECT g AS id, cw.id AS county_id, cw."divisionCode" AS county_code,
                         cw.name AS county_name,
                         row_number() OVER (PARTITION BY cw.id ORDER BY g) AS k,
                         ${h("g * 7 + 1")} AS hh
                  FROM generate_series(1, ${TOWNS}) g
                  JOIN cw ON g > floor(cw.lo * ${TOWNS}::numeric / cw.total)
                         AND g <= floor(cw.hi * ${TOWNS}::numeric / cw.total))
            INSERT INTO "Town" (id, "countyId", "divisionCode", name, "nameEn", kind, "townType",
                                "isCountySeat", "createdAt", "updatedAt")
            SELECT id, county_id, county_code || lpad(k::text, 3, '0'),
                   county_name || '第' || k || '镇', 'Bench town ' || id,
                   (CASE WHEN k = 1 OR hh % 10 >= 8 THEN 'SUBDISTRICT' WHEN hh % 50 = 7 THEN 'ETHNIC_TOWNSHIP'
                         WHEN hh % 10 = 6 THEN 'TOWNSHIP' ELSE 'TOWN' END)::"TownKind",
                   (ARRAY['METRO_NODE','COUNTY_SUBCENTRE','TOURISM','TRADE','INDUSTRY',
                          'AGRICULTURE','GENERAL'])[1 + (hh / 10) % 7]::"TownType",
                   k = 1,
                   TIMESTAMPTZ '${first}-01-01 09:00+08', TIMESTAMPTZ '${last}-01-01 09:00+08'
            FROM t`,
    },
    {
      label: "years",
      sql: `INSERT INTO "Year" (year, status)
            SELECT y, (CASE WHEN y = ${last} THEN 'OPEN' ELSE 'CLOSED' END)::"YearStatus"
            FROM generate_series(${first}, ${last}) y`,
    },
    {
      // Quarters, as prisma/seed/catalogue.ts quarterPeriods: due 10 days after the end.
      label: "periods",
      sql: `INSERT INTO "ReportingPeriod" (id, year, index, name, "nameEn", "startsOn", "endsOn", "dueOn")
            SELECT (y - ${first}) * 4 + q, y, q, y || '年第' || q || '季度', y || ' Q' || q,
                   make_date(y, q * 3 - 2, 1),
                   (make_date(y, q * 3 - 2, 1) + INTERVAL '3 months' - INTERVAL '1 day')::date,
                   (make_date(y, q * 3 - 2, 1) + INTERVAL '3 months' + INTERVAL '9 days')::date
            FROM generate_series(${first}, ${last}) y CROSS JOIN generate_series(1, 4) q`,
    },
    {
      label: "indicators",
      sql: `INSERT INTO "Indicator" (id, year, code, name, "nameEn", dimension, kind, unit, "unitEn",
                                     "valueType", "minValue", "maxValue", "isRequired", "townTypes", "sortOrder")
            SELECT (y - ${first}) * 40 + d.k, y, d.code, d.name, d.name_en, d.dimension::"Dimension",
                   d.kind::"IndicatorKind", d.unit, d.unit_en, d.value_type::"ValueType", 0,
                   CASE d.value_type WHEN 'PERCENT' THEN 100 WHEN 'BOOLEAN' THEN 1 END,
                   true, d.town_types::"TownType"[], d.k
            FROM generate_series(${first}, ${last}) y
            CROSS JOIN json_to_recordset($1::json) AS d(k int, code text, name text, name_en text,
              dimension text, kind text, unit text, unit_en text, value_type text, town_types text)`,
      params: [catalogue()],
    },
    {
      // ≈ 92% of towns take part (county seats always) and ≈ 92% of those have a task in a
      // given year (≈ 85% overall). Targets move from basic compliance towards samples.
      label: "tasks",
      sql: `INSERT INTO "CreationTask" ("townId", year, target, track, status, deadline,
                                        "developmentIndex", "beautyIndex",
                                        "createdAt", "updatedAt")
            SELECT tw.id, y, x.target::"CreationTarget",
                   (CASE WHEN tw."isCountySeat" AND x.hh % 3 = 0 THEN 'COUNTY_SEAT' ELSE 'STANDARD' END)::"Track",
                   (CASE WHEN y = ${last} THEN 'PUBLISHED' ELSE 'CLOSED' END)::"TaskStatus",
                   make_date(y, 12, 31),
                   CASE WHEN y < ${last} THEN 60 + (x.hh % 4000) / 100.0 END,
                   CASE WHEN y < ${last} THEN 55 + (x.hh / 7 % 4500) / 100.0 END,
                   make_timestamptz(y, 1, 15, 9, 0, 0, 'Asia/Shanghai'),
                   make_timestamptz(y, 12, 31, 17, 0, 0, 'Asia/Shanghai')
            FROM "Town" tw
            CROSS JOIN generate_series(${first}, ${last}) y
            CROSS JOIN LATERAL (SELECT ${h("tw.id * 10000 + y")} AS hh) hx
            CROSS JOIN LATERAL (
              SELECT hx.hh, (hx.hh / 100) % 100 AS h2,
                     CASE WHEN hx.hh % 100 < 70 - 5 * (y - ${first}) THEN 'BASIC_COMPLIANCE'
                          WHEN hx.hh % 100 < 90 - 5 * (y - ${first}) THEN 'PROVINCIAL_SAMPLE'
                          WHEN hx.hh % 100 < 90 - 2 * (y - ${first}) THEN 'SAMPLE_RENEWAL'
                          ELSE 'DEEPENING' END AS target) x
            WHERE (tw."isCountySeat" OR (${h("tw.id * 7 + 1")} / 100) % 100 < 92)
              AND (x.hh / 10000) % 100 < 92
            ORDER BY y, tw.id`,
    },
    {
      // Titles awarded at the end of each closed year by the task's target and a hash; the
      // attainment after each award is the running maximum (awards never lower a title,
      // lib/domain/attainment.ts).
      label: "title events",
      sql: `INSERT INTO "TownEvent" ("townId", kind, "effectiveOn", title, year, "attainmentAfter",
                                     document, "createdAt")
            SELECT a."townId", 'TITLE_AWARDED', make_date(a.year, 12, 28), a.award, a.year,
                   MAX(a.award) OVER (PARTITION BY a."townId" ORDER BY a.year),
                   'bench', make_timestamptz(a.year, 12, 28, 9, 0, 0, 'Asia/Shanghai')
            FROM (
              SELECT ct."townId", ct.year,
                     (CASE WHEN ct.target = 'BASIC_COMPLIANCE' THEN CASE WHEN x.h2 < 75 THEN 'BASIC_COMPLIANCE' END
                           WHEN ct.target = 'PROVINCIAL_SAMPLE' THEN CASE WHEN x.h2 < 45 THEN 'PROVINCIAL_SAMPLE'
                                                                          WHEN x.h2 < 85 THEN 'BASIC_COMPLIANCE' END
                           WHEN ct.target = 'SAMPLE_RENEWAL' THEN CASE WHEN x.h2 < 85 THEN 'PROVINCIAL_SAMPLE' ELSE 'BASIC_COMPLIANCE' END
                           ELSE CASE WHEN x.h2 < 30 THEN 'PROVINCIAL_SAMPLE' ELSE 'BASIC_COMPLIANCE' END
                      END)::"Attainment" AS award
              FROM "CreationTask" ct
              CROSS JOIN LATERAL (SELECT (${h('ct."townId" * 10000 + ct.year')} / 100) % 100 AS h2) x
              WHERE ct.year < ${last}) a
            WHERE a.award IS NOT NULL
            ORDER BY a."townId", a.year`,
    },
    {
      label: "projects",
      sql: `INSERT INTO "Project" ("taskId", code, name, dimension, status, "plannedInvestmentWan",
                                   "completedInvestmentWan", "specialBondsWan", "landSuppliedMu",
                                   "startsOn", "endsOn")
            SELECT ct.id, ct.year || '-' || ct."townId" || '-' || k, '基准项目' || ct.id || '-' || k,
                   (ARRAY['ENVIRONMENT','LIVING','INDUSTRY','CULTURE','GOVERNANCE','INTEGRATION'])[1 + x.hh % 6]::"Dimension",
                   (CASE WHEN ct.year < ${last} THEN 'COMPLETED' WHEN x.hh % 10 < 7 THEN 'IN_PROGRESS'
                         ELSE 'PLANNED' END)::"ProjectStatus",
                   x.planned,
                   round(x.planned * CASE WHEN ct.year < ${last} THEN 0.8 + (x.hh / 7 % 21) / 100.0
                                          ELSE (x.hh / 7 % 80) / 100.0 END, 2),
                   round(x.planned * (x.hh / 11 % 30) / 100.0, 2),
                   (x.hh / 13 % 3000) / 100.0,
                   make_date(ct.year, 1 + x.hh % 6, 1), make_date(ct.year, 12, 31)
            FROM "CreationTask" ct
            CROSS JOIN generate_series(1, 3) k
            CROSS JOIN LATERAL (SELECT ${h("ct.id * 10 + k")} AS hh) hx
            CROSS JOIN LATERAL (SELECT hx.hh, 100 + (hx.hh % 500000) / 100.0 AS planned) x`,
    },
    {
      // One report per task and quarter, inserted quarter by quarter as they arrive in real
      // life. Closed years are (nearly) all confirmed; the open year has a realistic mix.
      label: "reports",
      sql: `INSERT INTO "ProgressReport" ("taskId", "periodId", status, "selfScore", version,
                                          "submissionCount", "submittedAt", "approvedAt",
                                          "confirmedAt", "createdAt", "updatedAt")
            SELECT ct.id, rp.id, x.status::"ReportStatus", 60 + (x.hh % 4000) / 100.0,
                   1 + (x.status = 'RETURNED')::int,
                   CASE WHEN x.status = 'DRAFT' THEN 0 ELSE 1 END,
                   CASE WHEN x.status <> 'DRAFT' THEN rp."endsOn" + INTERVAL '5 days' END,
                   CASE WHEN x.status IN ('COUNTY_APPROVED', 'CITY_CONFIRMED') THEN rp."endsOn" + INTERVAL '8 days' END,
                   CASE WHEN x.status = 'CITY_CONFIRMED' THEN rp."endsOn" + INTERVAL '12 days' END,
                   rp."startsOn" + INTERVAL '20 days', rp."endsOn" + INTERVAL '12 days'
            FROM "ReportingPeriod" rp
            JOIN "CreationTask" ct ON ct.year = rp.year
            CROSS JOIN LATERAL (SELECT ${h("ct.id * 10 + rp.index")} AS hh) hx
            CROSS JOIN LATERAL (SELECT hx.hh, CASE
              WHEN rp.year < ${last} THEN CASE WHEN hx.hh % 100 < 96 THEN 'CITY_CONFIRMED' ELSE 'COUNTY_APPROVED' END
              WHEN rp.index <= 2 THEN CASE WHEN hx.hh % 100 < 88 THEN 'CITY_CONFIRMED'
                                           WHEN hx.hh % 100 < 97 THEN 'COUNTY_APPROVED' ELSE 'SUBMITTED' END
              WHEN rp.index = 3 THEN CASE WHEN hx.hh % 100 < 55 THEN 'CITY_CONFIRMED'
                                          WHEN hx.hh % 100 < 80 THEN 'COUNTY_APPROVED'
                                          WHEN hx.hh % 100 < 92 THEN 'SUBMITTED' ELSE 'RETURNED' END
              ELSE CASE WHEN hx.hh % 100 < 10 THEN 'CITY_CONFIRMED' WHEN hx.hh % 100 < 30 THEN 'COUNTY_APPROVED'
                        WHEN hx.hh % 100 < 60 THEN 'SUBMITTED' WHEN hx.hh % 100 < 70 THEN 'RETURNED'
                        ELSE 'DRAFT' END END AS status) x
            ORDER BY rp.id, ct.id`,
    },
    {
      // 40 values per report; drafts leave ≈ 15% empty (NULL = not filled) so the county
      // table's "missing items" has work to do.
      label: "indicator values",
      sql: `INSERT INTO "IndicatorValue" ("reportId", "indicatorId", value)
            SELECT pr.id, i.id,
                   CASE WHEN pr.status = 'DRAFT' AND x.hh % 100 < 15 THEN NULL
                        WHEN i."valueType" = 'BOOLEAN' THEN (x.hh % 10 < 7)::int
                        WHEN i."valueType" = 'PERCENT' THEN 60 + (x.hh % 4001) / 100.0
                        WHEN i."valueType" = 'DECIMAL' THEN (x.hh % 1000000) / 100.0
                        WHEN i.code = 'localJobsCreated' THEN x.hh % 200
                        ELSE x.hh % 6 END
            FROM "ProgressReport" pr
            JOIN "CreationTask" ct ON ct.id = pr."taskId"
            JOIN "Indicator" i ON i.year = ct.year
            CROSS JOIN LATERAL (SELECT ${h('pr.id * 64 + i."sortOrder"')} AS hh) x
            ORDER BY pr.id, i.id`,
    },
    {
      label: "rating schemes",
      sql: `INSERT INTO "RatingScheme" (year, name, "nameEn", status, "maxPoints", "itemSpreadLimit",
                                        "reviewerDeviationLimit", "updatedAt")
            SELECT year, year || '年省级样板星级评价细则', 'Star rating rubric ' || year,
                   'ACTIVE'::"SchemeStatus", 100, 1.5, 6, now()
            FROM "Year"`,
    },
    {
      label: "star bands",
      sql: `INSERT INTO "StarBand" ("schemeId", stars, "minPoints")
            SELECT rs.id, b.stars, b.min FROM "RatingScheme" rs
            CROSS JOIN (VALUES (1, 60), (2, 70), (3, 80), (4, 88), (5, 95)) AS b(stars, min)`,
    },
    {
      // The open year's rubric: 4 categories × ${RATING_ITEMS / 4} items of 2.5 points (100),
      // each scored at discretion in steps of 0.5.
      label: "rating items",
      sql: `WITH cat AS (
              INSERT INTO "RatingCategory" ("schemeId", code, name, "nameEn", "maxPoints", "sortOrder")
              SELECT rs.id, 'C' || k, '类别' || k, 'Category ' || k, 25, k
              FROM "RatingScheme" rs CROSS JOIN generate_series(1, 4) k WHERE rs.year = ${last}
              RETURNING id, "schemeId", "sortOrder"),
            item AS (
              INSERT INTO "RatingItem" ("schemeId", "categoryId", code, name, "nameEn", "maxPoints", "sortOrder")
              SELECT cat."schemeId", cat.id, 'R' || lpad(((cat."sortOrder" - 1) * ${RATING_ITEMS / 4} + i)::text, 2, '0'),
                     '考核要点' || i, 'Item ' || i, 2.5, (cat."sortOrder" - 1) * 100 + i
              FROM cat CROSS JOIN generate_series(1, ${RATING_ITEMS / 4}) i
              RETURNING id)
            INSERT INTO "RatingCriterion" ("itemId", code, kind, label, "labelEn", points, step)
            SELECT id, 'd', 'DISCRETIONARY'::"CriterionKind", '酌情给分', 'Discretionary', 2.5, 0.5 FROM item`,
    },
    {
      // Three reviewers per county: the panels of its rated towns.
      label: "reviewers",
      sql: `INSERT INTO "User" (username, "displayName", "passwordHash", role, "countyId", "updatedAt")
            SELECT 'bench-reviewer-' || co.id || '-' || k, '评审员' || co.id || '-' || k, 'x',
                   'COUNTY_REVIEWER'::"Role", co.id, now()
            FROM "County" co CROSS JOIN generate_series(1, 3) k`,
    },
    {
      // Earlier years: ≈ 23% of tasks ≈ 20% of towns, approved (results only). The open year:
      // ${RATED_TOWNS} rated towns (a province-sized year), most still with the panel or the city.
      label: "star ratings",
      sql: `INSERT INTO "StarRating" ("townId", year, "schemeId", status, "totalPoints", stars,
                                      "flaggedItems", "approvedAt", "createdAt", "updatedAt")
            SELECT r."townId", r.year, rs.id, x.status::"RatingStatus",
                   CASE WHEN x.status <> 'SCORING' THEN 60 + (x.hh / 100 % 4000) / 100.0 END,
                   CASE WHEN x.status <> 'SCORING' THEN 1 + (x.hh / 100) % 5 END,
                   CASE WHEN x.hh % 7 = 0 THEN 1 + x.hh % 3 ELSE 0 END,
                   CASE WHEN x.status = 'APPROVED' THEN make_timestamptz(r.year, 12, 20, 10, 0, 0, 'Asia/Shanghai') END,
                   make_timestamptz(r.year, 11, 1, 10, 0, 0, 'Asia/Shanghai'),
                   make_timestamptz(r.year, 12, 20, 10, 0, 0, 'Asia/Shanghai')
            FROM (
              SELECT ct."townId", ct.year, ${h("ct.id * 10 + 7")} AS hh FROM "CreationTask" ct
              WHERE ct.year < ${last} AND ${h("ct.id * 10 + 7")} % 100 < 23
              UNION ALL
              SELECT tw.id, ${last}, ${h("tw.id * 10 + 7")} FROM "Town" tw
              WHERE tw.id % 14 < 3 -- 3 of every 14 towns: 300 of 1,400
            ) r
            JOIN "RatingScheme" rs ON rs.year = r.year
            CROSS JOIN LATERAL (SELECT r.hh, CASE
              WHEN r.year < ${last} OR r.hh / 10000 % 100 < 30 THEN 'APPROVED'
              WHEN r.hh / 10000 % 100 < 60 THEN 'SUBMITTED' ELSE 'SCORING' END AS status) x`,
    },
    {
      label: "rating panels",
      sql: `INSERT INTO "RatingPanelist" ("ratingId", "reviewerId")
            SELECT sr.id, u.id FROM "StarRating" sr
            JOIN "Town" tw ON tw.id = sr."townId"
            JOIN "User" u ON u."countyId" = tw."countyId" AND u.role = 'COUNTY_REVIEWER'
            WHERE sr.year = ${last}`,
    },
    {
      // One sheet per panelist; a SCORING rating's last panelist is still drafting.
      label: "score sheets",
      sql: `INSERT INTO "ScoreSheet" ("ratingId", "reviewerId", status, "totalPoints", "submittedAt", "updatedAt")
            SELECT p."ratingId", p."reviewerId", s.status::"SheetStatus",
                   CASE WHEN s.status = 'SUBMITTED' THEN 70 + (${h('p."ratingId" * 8 + p."reviewerId"')} % 3000) / 100.0 END,
                   CASE WHEN s.status = 'SUBMITTED' THEN make_timestamptz(${last}, 12, 1, 10, 0, 0, 'Asia/Shanghai') END,
                   now()
            FROM "RatingPanelist" p
            JOIN "StarRating" sr ON sr.id = p."ratingId"
            CROSS JOIN LATERAL (SELECT CASE
              WHEN sr.status = 'SCORING' AND p."reviewerId" = (SELECT MAX(q."reviewerId") FROM "RatingPanelist" q WHERE q."ratingId" = p."ratingId")
              THEN 'DRAFT' ELSE 'SUBMITTED' END AS status) s`,
    },
    {
      label: "sheet item scores",
      sql: `INSERT INTO "SheetItemScore" ("sheetId", "itemId", choices, points, comment)
            SELECT ss.id, ri.id, jsonb_build_object('d', x.points::text), x.points,
                   CASE WHEN x.points < 2.5 THEN '扣分说明' END
            FROM "ScoreSheet" ss
            JOIN "StarRating" sr ON sr.id = ss."ratingId"
            JOIN "RatingItem" ri ON ri."schemeId" = sr."schemeId"
            CROSS JOIN LATERAL (SELECT (${h('ss.id * 64 + ri."sortOrder"')} % 6) * 0.5 AS raw) y
            CROSS JOIN LATERAL (SELECT LEAST(2.5, y.raw) AS points) x`,
    },
    {
      label: "circles",
      sql: `INSERT INTO "TownCircle" (id, code, name, "nameEn", "isModel", "fromYear")
            SELECT c, 'BC' || lpad(c::text, 4, '0'), '基准美镇圈' || c, 'Bench circle ' || c, c % 7 = 0, 2020
            FROM generate_series(1, ${CIRCLES}) c`,
    },
    {
      // 3–6 neighbouring towns per circle (consecutive ids: mostly one county, some spanning
      // two, as real circles do); circles may overlap.
      label: "circle towns",
      sql: `INSERT INTO "TownCircleTown" ("circleId", "townId", "isLead", "fromYear")
            SELECT c, 1 + ((c * 4649) % ${TOWNS} + m) % ${TOWNS}, m = 0, 2020
            FROM generate_series(1, ${CIRCLES}) c
            CROSS JOIN LATERAL generate_series(0, 2 + c % 4) m`,
    },
    {
      label: "sequences",
      sql: `SELECT setval(pg_get_serial_sequence('"City"', 'id'), (SELECT MAX(id) FROM "City")),
                   setval(pg_get_serial_sequence('"County"', 'id'), (SELECT MAX(id) FROM "County")),
                   setval(pg_get_serial_sequence('"Town"', 'id'), (SELECT MAX(id) FROM "Town")),
                   setval(pg_get_serial_sequence('"ReportingPeriod"', 'id'), (SELECT MAX(id) FROM "ReportingPeriod")),
                   setval(pg_get_serial_sequence('"Indicator"', 'id'), (SELECT MAX(id) FROM "Indicator")),
                   setval(pg_get_serial_sequence('"TownCircle"', 'id'), (SELECT MAX(id) FROM "TownCircle")),
                   setval(pg_get_serial_sequence('"User"', 'id'), (SELECT MAX(id) FROM "User"))`,
    },
  ];
}

/**
 * Fills an empty, migrated database with the benchmark data set and runs VACUUM ANALYZE.
 * @param client a connection to that database (its session settings are changed).
 * @param log    receives one line per step with its duration.
 * @returns the row counts of {@link COUNTED_TABLES}.
 * @throws when the database is not empty or a step fails (the message names the step).
 */
export async function generateBenchData(
  client: pg.Client,
  log: (line: string) => void = () => undefined,
): Promise<BenchCounts> {
  const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "Town"`);
  if (Number(rows[0]?.n) > 0) throw new Error("the benchmark database is not empty");
  // A throwaway database: durability of each commit does not matter, and the rows are
  // consistent by construction, so skipping the per-row foreign key triggers (replica
  // role, superusers only) saves most of the load time of 1.9 M values.
  await client.query("SET synchronous_commit = off");
  await client.query("SET work_mem = '64MB'");
  try {
    await client.query("SET session_replication_role = replica");
  } catch {
    log("  (not a superuser: foreign keys are checked row by row, which is slower)");
  }
  for (const step of steps()) {
    const started = performance.now();
    try {
      const result = await client.query(step.sql, step.params);
      const n = result.rowCount ?? 0;
      log(`  ${step.label.padEnd(18)} ${String(n).padStart(9)} rows ${ms(started)}`);
    } catch (error) {
      throw new Error(`generating ${step.label}: ${(error as Error).message}`, { cause: error });
    }
  }
  await client.query("SET session_replication_role = DEFAULT").catch(() => undefined);
  const started = performance.now();
  await client.query("VACUUM ANALYZE");
  log(`  ${"vacuum analyze".padEnd(18)} ${"".padStart(14)} ${ms(started)}`);
  // Written last: its presence means the load finished (see isBenchDataComplete).
  await client.query(
    `INSERT INTO "SystemSetting" (key, value, "updatedAt") VALUES ('benchData', $1::jsonb, now())`,
    [JSON.stringify({ version: BENCH_DATA_VERSION })],
  );
  return countRows(client);
}

/** Whether the database holds a finished load of this generator version. */
export async function isBenchDataComplete(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ version: number | null }>(
    `SELECT (value->>'version')::int AS version FROM "SystemSetting" WHERE key = 'benchData'`,
  );
  return rows[0]?.version === BENCH_DATA_VERSION;
}

/** Counts the rows of {@link COUNTED_TABLES}. */
export async function countRows(client: pg.Client): Promise<BenchCounts> {
  const sql = COUNTED_TABLES.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM "${t}"`).join(
    " UNION ALL ",
  );
  const { rows } = await client.query<{ t: string; n: string }>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

function ms(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`;
}
