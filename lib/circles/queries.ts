/**
 * Reads of belts and circles (诗画风光带 / 美镇圈, cross-county clusters included):
 * - `listCircles`: the circles counting in a year with the towns counting in them and their
 *   combined figures (the /circles page and its export). City roles (circles span counties).
 * - `listCircleAdmin`, `getCircleAdmin`, `getBeltAdmin`, `listTownChoices`: the administration
 *   pages (programme.view: the city administrator and leader), with each row's version token.
 * Which rows count in a year is lib/domain/circles.ts, nowhere else.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { Decimal } from "@prisma/client-runtime-utils";
import { getTownRows, resolveArea } from "@/lib/dashboard/queries";
import type { TownRow } from "@/lib/dashboard/types";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { holdsTitle } from "@/lib/domain/attainment";
import {
  countsIn,
  countsWhere,
  membershipCountsIn,
  membershipCountsWhere,
  yearsCounted,
  clampToCircle,
} from "@/lib/domain/circles";
import { roundHalfUp } from "@/lib/domain/numbers";
import { beltVersion, circleVersion, closedYears, membershipVersion } from "./internal";

/** A circle with its towns (in the circle's order: lead town first) and combined figures. */
export type CircleView = {
  code: string;
  name: string;
  nameEn: string;
  isModel: boolean;
  description: string | null;
  belt: { code: string; name: string; nameEn: string } | null;
  towns: (TownRow & { isLead: boolean })[];
  counties: number;
  provincialSamples: number;
  commonProsperityWorkshops: number;
  localJobsCreated: number;
  completedInvestmentWan: string;
};

/**
 * The circles counting in `year` that have at least one town counting then (as the dashboard's
 * circle figures count them), each with those towns' figures for `year`. With `county` (a
 * division code): the circles with a town of that county counting in them, and only that
 * county's towns (the county dashboard's circle figures); with `model`: model circles only.
 * @throws AppError NOT_FOUND for a role that may not view the area (the city: city roles; a
 *   county: also its reviewer), or a county out of scope
 */
export async function listCircles(
  actor: Actor,
  year: number,
  options: { county?: string | null; model?: boolean } = {},
): Promise<CircleView[]> {
  const area = await resolveArea(
    actor,
    options.county ? { kind: "county", code: options.county } : { kind: "city" },
  );
  const counting = {
    ...membershipCountsWhere(year),
    ...(options.county ? { town: { countyId: { in: area.ids } } } : {}),
  };
  const [circles, rows] = await Promise.all([
    db().townCircle.findMany({
      where: {
        ...countsWhere(year),
        ...(options.model ? { isModel: true } : {}),
        towns: { some: counting },
      },
      orderBy: [{ isModel: "desc" }, { code: "asc" }],
      include: {
        belt: { select: { code: true, name: true, nameEn: true } },
        towns: {
          where: counting,
          select: { isLead: true, town: { select: { divisionCode: true } } },
        },
      },
    }),
    getTownRows(actor, area, year),
  ]);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return circles.map((circle) => {
    const towns = circle.towns
      .map((m) => ({ ...byCode.get(m.town.divisionCode)!, isLead: m.isLead }))
      .filter((t) => t.code)
      .sort((a, b) => Number(b.isLead) - Number(a.isLead) || a.code.localeCompare(b.code));
    return {
      code: circle.code,
      name: circle.name,
      nameEn: circle.nameEn,
      isModel: circle.isModel,
      description: circle.description,
      belt: circle.belt,
      towns,
      counties: new Set(towns.map((t) => t.countyCode)).size,
      provincialSamples: towns.filter((t) => holdsTitle(t.attainment, "PROVINCIAL_SAMPLE")).length,
      commonProsperityWorkshops: towns.reduce(
        (n, t) => n + (t.values.commonProsperityWorkshops ?? 0),
        0,
      ),
      localJobsCreated: towns.reduce((n, t) => n + (t.values.localJobsCreated ?? 0), 0),
      completedInvestmentWan: roundHalfUp(
        towns.reduce((sum, t) => sum.plus(t.completedInvestmentWan), new Decimal(0)),
      ),
    };
  });
}

/** A belt as the administration lists it. `counts`: it counts in the year asked for. */
export type BeltAdminRow = {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  fromYear: number;
  untilYear: number | null;
  counts: boolean;
  circles: number;
  version: string;
};

/**
 * A circle as the administration lists it: `counts` in the year asked for, `towns` / `counties`
 * counting in that year, `totalTowns` over all years; `deletable` when it never counted in a
 * CLOSED year (otherwise it can only be ended).
 */
export type CircleAdminRow = {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  isModel: boolean;
  belt: { code: string; name: string; nameEn: string } | null;
  fromYear: number;
  untilYear: number | null;
  counts: boolean;
  towns: number;
  counties: number;
  totalTowns: number;
  deletable: boolean;
  version: string;
};

/** A town's membership of a circle, for the circle's administration page. */
export type MembershipAdminRow = {
  townCode: string;
  townName: string;
  townNameEn: string | null;
  countyCode: string;
  countyName: string;
  countyNameEn: string;
  isLead: boolean;
  fromYear: number;
  untilYear: number | null;
  /** Counts in the year asked for (it and its circle). */
  counts: boolean;
  /** Never counted in a CLOSED year: may be deleted; otherwise only ended. */
  deletable: boolean;
  version: string;
};

const circleInclude = {
  belt: { select: { code: true, name: true, nameEn: true } },
  towns: {
    select: {
      isLead: true,
      fromYear: true,
      untilYear: true,
      town: {
        select: {
          divisionCode: true,
          name: true,
          nameEn: true,
          county: { select: { divisionCode: true, name: true, nameEn: true } },
        },
      },
    },
  },
} as const;

type CircleWithTowns = Prisma.TownCircleGetPayload<{ include: typeof circleInclude }>;

function toBeltAdminRow(
  b: Prisma.BeltGetPayload<{ include: { _count: { select: { circles: true } } } }>,
  year: number,
): BeltAdminRow {
  return {
    id: b.id,
    code: b.code,
    name: b.name,
    nameEn: b.nameEn,
    description: b.description,
    fromYear: b.fromYear,
    untilYear: b.untilYear,
    counts: countsIn(b, year),
    circles: b._count.circles,
    version: beltVersion(b),
  };
}

function toCircleAdminRow(c: CircleWithTowns, year: number, closed: number[]): CircleAdminRow {
  const counting = c.towns.filter((m) => membershipCountsIn(m, c, year));
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    nameEn: c.nameEn,
    description: c.description,
    isModel: c.isModel,
    belt: c.belt,
    fromYear: c.fromYear,
    untilYear: c.untilYear,
    counts: countsIn(c, year),
    towns: counting.length,
    counties: new Set(counting.map((m) => m.town.county.divisionCode)).size,
    totalTowns: c.towns.length,
    deletable: yearsCounted(c, closed).length === 0,
    version: circleVersion(c),
  };
}

/**
 * Every belt and circle for the administration page, with what counts in `year`, and the
 * CLOSED years (ascending).
 * @throws AppError NOT_FOUND (a role without programme.view)
 */
export async function listCircleAdmin(
  actor: Actor,
  year: number,
): Promise<{ belts: BeltAdminRow[]; circles: CircleAdminRow[]; closedYears: number[] }> {
  authorize(actor, "programme.view");
  const [belts, circles, closed] = await Promise.all([
    db().belt.findMany({
      orderBy: { code: "asc" },
      include: { _count: { select: { circles: true } } },
    }),
    db().townCircle.findMany({ orderBy: { code: "asc" }, include: circleInclude }),
    closedYears(db()),
  ]);
  return {
    belts: belts.map((b) => toBeltAdminRow(b, year)),
    circles: circles.map((c) => toCircleAdminRow(c, year, closed)),
    closedYears: closed,
  };
}

/**
 * One circle with its memberships (lead first, then by county and town code) as of `year`.
 * @throws AppError NOT_FOUND (no such circle, or a role without programme.view)
 */
export async function getCircleAdmin(
  actor: Actor,
  code: string,
  year: number,
): Promise<CircleAdminRow & { memberships: MembershipAdminRow[] }> {
  const scope = authorize(actor, "programme.view");
  const [circle, closed] = await Promise.all([
    db().townCircle.findUnique({ where: { code }, include: circleInclude }),
    closedYears(db()),
  ]);
  const c = scope.found(circle, { code });
  const memberships = c.towns
    .map((m) => {
      const effective = clampToCircle(m, c);
      return {
        townCode: m.town.divisionCode,
        townName: m.town.name,
        townNameEn: m.town.nameEn,
        countyCode: m.town.county.divisionCode,
        countyName: m.town.county.name,
        countyNameEn: m.town.county.nameEn,
        isLead: m.isLead,
        fromYear: m.fromYear,
        untilYear: m.untilYear,
        counts: membershipCountsIn(m, c, year),
        deletable: effective === null || yearsCounted(effective, closed).length === 0,
        version: membershipVersion(m),
      };
    })
    .sort(
      (a, b) =>
        Number(b.isLead) - Number(a.isLead) ||
        a.countyCode.localeCompare(b.countyCode) ||
        a.townCode.localeCompare(b.townCode),
    );
  return { ...toCircleAdminRow(c, year, closed), memberships };
}

/**
 * One belt for its edit page. @throws AppError NOT_FOUND (no such belt, or a role without
 * programme.view)
 */
export async function getBeltAdmin(
  actor: Actor,
  code: string,
  year: number,
): Promise<BeltAdminRow> {
  const scope = authorize(actor, "programme.view");
  const belt = scope.found(
    await db().belt.findUnique({
      where: { code },
      include: { _count: { select: { circles: true } } },
    }),
    { code },
  );
  return toBeltAdminRow(belt, year);
}

/** The counties and their towns to pick members from (merged-away towns left out). */
export type TownChoices = {
  counties: { code: string; name: string; nameEn: string }[];
  towns: { code: string; name: string; nameEn: string | null; countyCode: string }[];
};

/**
 * Every county with its current towns (by division code), for picking a circle's towns across
 * counties. @throws AppError NOT_FOUND (a role without programme.view)
 */
export async function listTownChoices(actor: Actor): Promise<TownChoices> {
  const scope = authorize(actor, "programme.view");
  const [counties, towns] = await Promise.all([
    db().county.findMany({
      where: scope.counties,
      orderBy: { divisionCode: "asc" },
      select: { divisionCode: true, name: true, nameEn: true },
    }),
    db().town.findMany({
      where: { AND: [scope.towns, { mergedIntoId: null }] },
      orderBy: { divisionCode: "asc" },
      select: {
        divisionCode: true,
        name: true,
        nameEn: true,
        county: { select: { divisionCode: true } },
      },
    }),
  ]);
  return {
    counties: counties.map((c) => ({ code: c.divisionCode, name: c.name, nameEn: c.nameEn })),
    towns: towns.map((t) => ({
      code: t.divisionCode,
      name: t.name,
      nameEn: t.nameEn,
      countyCode: t.county.divisionCode,
    })),
  };
}
