/**
 * Reads of towns (乡镇（街道）), always through the actor's scope (lib/access.ts): a town
 * outside it is reported as not found, never as forbidden. A town's attainment today comes from
 * its title events (lib/domain/attainment.ts) and "in the programme" from its task of the
 * current year (lib/domain/programme.ts); neither is stored on the town.
 */
import "server-only";
import { authorize, type Action, type Actor } from "@/lib/access";
import { db } from "@/lib/db";
import { attainmentOn, TITLE_EVENT_KINDS, type TitleEvent } from "@/lib/domain/attainment";
import { isoDate, shanghaiToday, currentInstant } from "@/lib/domain/calendar";
import { inProgrammeTownWhere, isInProgramme } from "@/lib/domain/programme";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Attainment, TaskStatus, TownEventKind } from "@/lib/generated/prisma/enums";
import { resolveYear } from "@/lib/years/queries";
import { escapeLike } from "@/lib/domain/sql";

const townSelect = {
  id: true,
  divisionCode: true,
  name: true,
  nameEn: true,
  kind: true,
  townType: true,
  isCountySeat: true,
  isLocalUnit: true,
  county: { select: { id: true, divisionCode: true, name: true, nameEn: true } },
  circles: {
    select: {
      isLead: true,
      circle: { select: { code: true, name: true, nameEn: true, isModel: true } },
    },
    orderBy: { circle: { code: "asc" } },
  },
  events: {
    select: {
      id: true,
      kind: true,
      effectiveOn: true,
      title: true,
      year: true,
      document: true,
      note: true,
    },
    orderBy: [{ effectiveOn: "asc" }, { id: "asc" }],
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
};

/** A town with its county, circles and history, and what follows from them today. */
export type TownProfile = Omit<TownRecord, "events"> & {
  events: TownEventView[];
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
  const { tasks, events: rows, ...rest } = town;
  const events = rows.map((e) => ({ ...e, effectiveOn: isoDate(e.effectiveOn) }));
  return {
    ...rest,
    events,
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
  const { current } = await resolveYear(null);
  const town = scope.found(
    /^\d{9}$/.test(divisionCode)
      ? await db().town.findFirst({
          where: { AND: [{ divisionCode }, scope.towns] },
          select: { ...townSelect, tasks: { where: { year: current }, select: { status: true } } },
        })
      : null,
    { divisionCode },
  );
  return toProfile(town, current, isoDate(shanghaiToday(now)));
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
    events: town.events.map((e) => ({
      kind: e.kind,
      effectiveOn: e.effectiveOn,
      title: e.title,
      year: e.year,
      document: e.document,
      note: e.note,
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
