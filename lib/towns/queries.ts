/**
 * Reads of towns (乡镇（街道）), always through the actor's scope (lib/access.ts): a town
 * outside it is reported as not found, never as forbidden. A town's attainment today comes from
 * its title events (lib/domain/attainment.ts) and "in the programme" from its task of the
 * current year (lib/domain/programme.ts); neither is stored on the town.
 */
import "server-only";
import { authorize, type Action, type Actor } from "@/lib/access";
import { db } from "@/lib/db";
import { liveFigures } from "@/lib/system/data-version";
import { attainmentOn, TITLE_EVENT_KINDS, type TitleEvent } from "@/lib/domain/attainment";
import { isoDate, shanghaiToday, currentInstant } from "@/lib/domain/calendar";
import { inProgrammeTownWhere, isInProgramme } from "@/lib/domain/programme";
import type { Prisma } from "@/lib/generated/prisma/client";
import type {
  Attainment,
  TaskStatus,
  TownEventKind,
  TownKind,
  TownType,
} from "@/lib/generated/prisma/enums";
import { listTownReports, type ReportRow } from "@/lib/reports/queries";
import { resolveYear } from "@/lib/years/queries";
import { escapeLike } from "@/lib/domain/sql";

/** A town event as pages and the API read it. */
const eventSelect = {
  id: true,
  kind: true,
  effectiveOn: true,
  title: true,
  year: true,
  document: true,
  note: true,
  previousValue: true,
  newValue: true,
  relatedTown: { select: { divisionCode: true, name: true, nameEn: true } },
} as const satisfies Prisma.TownEventSelect;

/** The order of a town's history: effective date, then the order recorded. */
const eventOrder: Prisma.TownEventOrderByWithRelationInput[] = [
  { effectiveOn: "asc" },
  { id: "asc" },
];

const townSelect = {
  id: true,
  divisionCode: true,
  name: true,
  nameEn: true,
  kind: true,
  townType: true,
  isCountySeat: true,
  isLocalUnit: true,
  sourceNote: true,
  mergedOn: true,
  updatedAt: true,
  mergedInto: { select: { divisionCode: true, name: true, nameEn: true } },
  mergedTowns: {
    select: { divisionCode: true, name: true, nameEn: true, mergedOn: true },
    orderBy: { divisionCode: "asc" },
  },
  county: { select: { id: true, divisionCode: true, name: true, nameEn: true } },
  circles: {
    select: {
      isLead: true,
      circle: { select: { code: true, name: true, nameEn: true, isModel: true } },
    },
    orderBy: { circle: { code: "asc" } },
  },
  events: {
    select: eventSelect,
    orderBy: eventOrder,
  },
} as const satisfies Prisma.TownSelect;

type TownRecord = Prisma.TownGetPayload<{ select: typeof townSelect }>;

/** A town event as pages and the API show it (effectiveOn as "YYYY-MM-DD"). */
export type TownEventView = {
  id: number;
  kind: TownEventKind;
  effectiveOn: string;
  title: Attainment | null;
  year: number | null;
  document: string | null;
  note: string | null;
  /** RENAMED: the names; CODE_CHANGED: the codes; MERGED: the merged and surviving codes. */
  previousValue: string | null;
  newValue: string | null;
  /** MERGED: the surviving town. */
  relatedTown: { divisionCode: string; name: string; nameEn: string | null } | null;
};

/** A town with its county, circles and history, and what follows from them today. */
export type TownProfile = Omit<TownRecord, "events" | "mergedOn" | "mergedTowns" | "updatedAt"> & {
  events: TownEventView[];
  /** The merge date "YYYY-MM-DD" (null: not merged). */
  mergedOn: string | null;
  /** The towns merged into this one, with their merge dates "YYYY-MM-DD". */
  mergedTowns: { divisionCode: string; name: string; nameEn: string | null; mergedOn: string }[];
  /** The version an editor sends back (Town.updatedAt, ISO instant). */
  updatedAt: string;
  /** The title held today (Asia/Shanghai date). */
  attainment: Attainment;
  /** Its task of the current year has been published. */
  inProgramme: boolean;
  /** The year `inProgramme` refers to. */
  currentYear: number;
};

function titleEvents(events: TownEventView[]): TitleEvent[] {
  return events.flatMap((e) =>
    (TITLE_EVENT_KINDS as readonly string[]).includes(e.kind) && e.title && e.title !== "NONE"
      ? [
          {
            id: e.id,
            kind: e.kind as TitleEvent["kind"],
            title: e.title,
            effectiveOn: e.effectiveOn,
          },
        ]
      : [],
  );
}

function toProfile(
  town: TownRecord & { tasks: { status: TaskStatus }[] },
  currentYear: number,
  today: string,
): TownProfile {
  const { tasks, events: rows, mergedOn, mergedTowns, updatedAt, ...rest } = town;
  const events = rows.map((e) => ({ ...e, effectiveOn: isoDate(e.effectiveOn) }));
  return {
    ...rest,
    events,
    mergedOn: mergedOn && isoDate(mergedOn),
    mergedTowns: mergedTowns.map((m) => ({
      ...m,
      mergedOn: m.mergedOn ? isoDate(m.mergedOn) : "",
    })),
    updatedAt: updatedAt.toISOString(),
    attainment: attainmentOn(titleEvents(events), today),
    inProgramme: isInProgramme(tasks[0]),
    currentYear,
  };
}

/**
 * The town with this 9-digit code, if the actor may take `action` on it.
 * @param now the instant whose Shanghai date decides the attainment (tests pass a fixed one).
 * @throws AppError NOT_FOUND (out of scope, unknown, or a read the role lacks) | FORBIDDEN
 */
export async function getTownForActor(
  actor: Actor,
  divisionCode: string,
  action: Action = "town.view",
  now: Date = currentInstant(),
): Promise<TownProfile> {
  const scope = authorize(actor, action);
  const today = isoDate(shanghaiToday(now));
  // Once per figures version and day in this process (lib/system/data-version.ts), per scope:
  // the register, the year and the task, which no draft save changes.
  const profile = await liveFigures(
    `townProfile:${JSON.stringify(scope.towns)}:${divisionCode}:${today}`,
    async () => {
      if (!/^\d{9}$/.test(divisionCode)) return null;
      const { current } = await resolveYear(null);
      const town = await db().town.findFirst({
        where: { AND: [{ divisionCode }, scope.towns] },
        select: { ...townSelect, tasks: { where: { year: current }, select: { status: true } } },
      });
      return town && toProfile(town, current, today);
    },
    { readsDrafts: false },
  );
  return scope.found(profile, { divisionCode });
}

/** Filters for town lists (all optional). */
export type TownFilter = { countyCode?: string; inProgramme?: boolean; q?: string };

/** The towns the actor may see, by county then division code. */
export async function listTownsForActor(
  actor: Actor,
  filter: TownFilter = {},
  now: Date = currentInstant(),
): Promise<TownProfile[]> {
  const scope = authorize(actor, "town.view");
  const { current } = await resolveYear(null);
  const where: Prisma.TownWhereInput[] = [scope.towns];
  if (filter.countyCode) where.push({ county: { divisionCode: filter.countyCode } });
  if (filter.inProgramme !== undefined) {
    where.push(inProgrammeTownWhere(current, filter.inProgramme));
  }
  if (filter.q) {
    const q = escapeLike(filter.q);
    where.push({
      OR: [
        { name: { contains: q } },
        { nameEn: { contains: q, mode: "insensitive" } },
        { divisionCode: { startsWith: q } },
      ],
    });
  }
  const towns = await db().town.findMany({
    where: { AND: where },
    select: { ...townSelect, tasks: { where: { year: current }, select: { status: true } } },
    orderBy: [{ county: { divisionCode: "asc" } }, { divisionCode: "asc" }],
  });
  const today = isoDate(shanghaiToday(now));
  return towns.map((town) => toProfile(town, current, today));
}

/** The JSON form of a town for /api/v1 (stable keys, codes instead of ids). */
export function townToJson(town: TownProfile) {
  return {
    code: town.divisionCode,
    name: town.name,
    nameEn: town.nameEn,
    kind: town.kind,
    townType: town.townType,
    county: { code: town.county.divisionCode, name: town.county.name, nameEn: town.county.nameEn },
    inProgramme: town.inProgramme,
    year: town.currentYear,
    isCountySeat: town.isCountySeat,
    isLocalUnit: town.isLocalUnit,
    attainment: town.attainment,
    mergedInto: town.mergedInto && { code: town.mergedInto.divisionCode, on: town.mergedOn },
    mergedTowns: town.mergedTowns.map((m) => ({
      code: m.divisionCode,
      name: m.name,
      on: m.mergedOn,
    })),
    events: town.events.map((e) => ({
      kind: e.kind,
      effectiveOn: e.effectiveOn,
      title: e.title,
      year: e.year,
      document: e.document,
      note: e.note,
      ...(e.kind === "RENAMED" || e.kind === "CODE_CHANGED" || e.kind === "MERGED"
        ? { previousValue: e.previousValue, newValue: e.newValue }
        : {}),
      ...(e.kind === "MERGED" && e.relatedTown ? { mergedInto: e.relatedTown.divisionCode } : {}),
    })),
    circles: town.circles.map((c) => ({
      code: c.circle.code,
      name: c.circle.name,
      nameEn: c.circle.nameEn,
      isModel: c.circle.isModel,
      isLead: c.isLead,
    })),
  };
}

/**
 * The current code of the town that had `oldCode` before a division-code change (the latest
 * CODE_CHANGED event from it), if the actor may see that town; else null. Pages use it to
 * redirect links with an old code.
 */
export async function currentCodeOf(actor: Actor, oldCode: string): Promise<string | null> {
  if (!/^\d{9}$/.test(oldCode)) return null;
  const scope = authorize(actor, "town.view");
  const event = await db().townEvent.findFirst({
    where: { kind: "CODE_CHANGED", previousValue: oldCode, town: scope.towns },
    orderBy: [{ effectiveOn: "desc" }, { id: "desc" }],
    select: { town: { select: { divisionCode: true } } },
  });
  return event && event.town.divisionCode !== oldCode ? event.town.divisionCode : null;
}

/** A row of the register's table (/admin/towns). */
export type RegisterRow = {
  divisionCode: string;
  name: string;
  nameEn: string | null;
  kind: TownKind;
  townType: TownType;
  countyCode: string;
  countyName: string;
  countyNameEn: string;
  isCountySeat: boolean;
  isLocalUnit: boolean;
  /** Today's attainment (Asia/Shanghai date), from the title events. */
  attainment: Attainment;
  /** The surviving town's code when merged (on any date), else null. */
  mergedIntoCode: string | null;
  mergedOn: string | null;
};

/**
 * The register for the programme administration pages (city roles: programme.view), every
 * town including merged ones, by county then code (the table sorts names by pinyin).
 * @throws AppError FORBIDDEN (not a city role)
 */
export async function listRegister(
  actor: Actor,
  now: Date = currentInstant(),
): Promise<RegisterRow[]> {
  authorize(actor, "programme.view");
  const towns = await listTownsForActor(actor, {}, now);
  return towns.map((t) => ({
    divisionCode: t.divisionCode,
    name: t.name,
    nameEn: t.nameEn,
    kind: t.kind,
    townType: t.townType,
    countyCode: t.county.divisionCode,
    countyName: t.county.name,
    countyNameEn: t.county.nameEn,
    isCountySeat: t.isCountySeat,
    isLocalUnit: t.isLocalUnit,
    attainment: t.attainment,
    mergedIntoCode: t.mergedInto?.divisionCode ?? null,
    mergedOn: t.mergedOn,
  }));
}

/** A town merged into another, with its history and reports, shown under the survivor. */
export type MergedTownReports = {
  divisionCode: string;
  name: string;
  nameEn: string | null;
  /** The merge date "YYYY-MM-DD". */
  mergedOn: string;
  events: TownEventView[];
  reports: ReportRow[];
};

/**
 * The towns merged into `town` with their history and reports (those the actor may see), so
 * the survivor's pages list them under the merged town's name (lib/domain/town-register.ts).
 */
export async function listMergedTownReports(
  actor: Actor,
  town: Pick<TownProfile, "mergedTowns">,
): Promise<MergedTownReports[]> {
  const scope = authorize(actor, "town.view");
  if (town.mergedTowns.length === 0) return [];
  return Promise.all(
    town.mergedTowns.map(async (m) => {
      const [events, reports] = await Promise.all([
        db().townEvent.findMany({
          where: { town: { AND: [{ divisionCode: m.divisionCode }, scope.towns] } },
          select: eventSelect,
          orderBy: eventOrder,
        }),
        listTownReports(actor, m.divisionCode),
      ]);
      return {
        ...m,
        events: events.map((e) => ({ ...e, effectiveOn: isoDate(e.effectiveOn) })),
        reports,
      };
    }),
  );
}
