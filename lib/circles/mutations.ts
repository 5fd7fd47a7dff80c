/**
 * Belts and circles administration (诗画风光带 / 美镇圈): create and edit belts; create, edit,
 * end and delete circles; put towns into circles across counties, change a membership's years
 * or lead flag, take a town out. Every use case: zod (lib/validation/circle.ts) → authorize
 * programme.manage → one transaction (every year row share-locked, the circle row locked for
 * update) → the rules of lib/domain/circles.ts → one audit row.
 *
 * The past is not rewritten: a change that would alter what counts in a CLOSED year is refused
 * (circleAdmin.errors.closedYears), so is a model flag change of a circle that counted in a
 * CLOSED year; a circle or membership that counted in a CLOSED year is ended, never deleted.
 * Each edit carries the version token its editor loaded (lib/circles/internal.ts); a change
 * saved since is refused (circleAdmin.errors.stale). The lead-town flag is not part of any
 * figure: handing the lead over applies to every year the two memberships share.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { changes, writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import {
  changedYears,
  clampToCircle,
  leadProblemYears,
  spansOverlap,
  spanWithin,
  yearsCounted,
  type YearSpan,
} from "@/lib/domain/circles";
import { AppError, fieldError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  addTownSchema,
  createBeltSchema,
  createCircleSchema,
  deleteCircleSchema,
  endCircleSchema,
  removeTownSchema,
  updateBeltSchema,
  updateCircleSchema,
  updateTownSchema,
} from "@/lib/validation/circle";
import { assertYearWritable } from "@/lib/years/internal";
import { beltVersion, circleVersion, closedYears, membershipVersion } from "./internal";

type Tx = Prisma.TransactionClient;

const span = (row: YearSpan): YearSpan => ({ fromYear: row.fromYear, untilYear: row.untilYear });

/** @throws AppError CONFLICT circleAdmin.errors.closedYears when `years` is not empty */
function refuseClosedChange(years: number[], detail: Record<string, unknown>): void {
  if (years.length > 0) {
    throw new AppError(
      "CONFLICT",
      { message: { key: "circleAdmin.errors.closedYears", values: { years: years.join(", ") } } },
      { ...detail, years },
    );
  }
}

/**
 * Refuses deleting what counted in CLOSED years (it is ended instead).
 * @param key circleAdmin.errors.countedInClosedYear (a circle) or …memberCountedInClosedYear.
 * @throws AppError CONFLICT when `counted` is not empty
 */
function refuseCounted(counted: number[], key: string, detail: Record<string, unknown>): void {
  if (counted.length > 0) {
    throw new AppError(
      "CONFLICT",
      { message: { key, values: { years: counted.join(", ") } } },
      detail,
    );
  }
}

/** @throws AppError CONFLICT circleAdmin.errors.stale when the token differs */
function checkVersion(current: string, expected: string, detail: Record<string, unknown>): void {
  if (current !== expected) throw new AppError("CONFLICT", "circleAdmin.errors.stale", detail);
}

/** A field error at the field (from or until year) where `inner` leaves `outer`. */
function outside(inner: YearSpan, outer: YearSpan, key: string): AppError {
  const field = inner.fromYear < outer.fromYear ? "fromYear" : "untilYear";
  return fieldError(field, key, {
    from: outer.fromYear,
    until: outer.untilYear ?? "—",
  });
}

/** The circle row, locked for update, with its memberships. @throws AppError NOT_FOUND */
async function lockCircle(tx: Tx, id: number) {
  await tx.$queryRaw`SELECT id FROM "TownCircle" WHERE id = ${id} FOR UPDATE`;
  const circle = await tx.townCircle.findUnique({
    where: { id },
    include: {
      belt: true,
      towns: { include: { town: { select: { divisionCode: true } } } },
    },
  });
  if (!circle) throw new AppError("NOT_FOUND", {}, { circleId: id });
  return circle;
}

/** The belt with `code`, or a field error at beltCode. */
async function beltByCode(tx: Tx, code: string) {
  const belt = await tx.belt.findUnique({ where: { code } });
  if (!belt) throw fieldError("beltCode", "circleAdmin.validation.unknownBelt");
  return belt;
}

/** Refuses a circle code (or belt code) taken by another row. */
async function assertCodeFree(tx: Tx, kind: "belt" | "circle", code: string, exceptId?: number) {
  const taken =
    kind === "belt"
      ? await tx.belt.findUnique({ where: { code }, select: { id: true } })
      : await tx.townCircle.findUnique({ where: { code }, select: { id: true } });
  if (taken && taken.id !== exceptId) {
    throw fieldError("code", "circleAdmin.validation.codeTaken", undefined, "CONFLICT");
  }
}

/**
 * Refuses a circle whose memberships lack exactly one lead town in some year.
 * @throws AppError CONFLICT circleAdmin.errors.lead
 */
async function assertLeads(tx: Tx, circle: YearSpan & { id: number }): Promise<void> {
  const members = await tx.townCircleTown.findMany({
    where: { circleId: circle.id },
    select: { isLead: true, fromYear: true, untilYear: true },
  });
  const [year] = leadProblemYears(circle, members);
  if (year !== undefined) {
    throw new AppError(
      "CONFLICT",
      { message: { key: "circleAdmin.errors.lead", values: { year } } },
      { circleId: circle.id, year },
    );
  }
}

/**
 * The membership of `townCode` in a locked circle, as its editor loaded it.
 * @throws AppError NOT_FOUND (not a member) | CONFLICT circleAdmin.errors.stale
 */
function editedMember(
  circle: Awaited<ReturnType<typeof lockCircle>>,
  edit: { townCode: string; expectedVersion: string },
) {
  const member = circle.towns.find((m) => m.town.divisionCode === edit.townCode);
  const detail = { circleId: circle.id, town: edit.townCode };
  if (!member) throw new AppError("NOT_FOUND", {}, detail);
  checkVersion(membershipVersion(member), edit.expectedVersion, detail);
  return member;
}

/** Clears the lead flag of the circle's other memberships that share a year with `member`. */
async function handOverLead(tx: Tx, circleId: number, townId: number, member: YearSpan) {
  const others = await tx.townCircleTown.findMany({
    where: { circleId, isLead: true, townId: { not: townId } },
  });
  const previous = others.filter((o) => spansOverlap(o, member));
  if (previous.length > 0) {
    await tx.townCircleTown.updateMany({
      where: { circleId, townId: { in: previous.map((o) => o.townId) } },
      data: { isLead: false },
    });
  }
  return previous.map((o) => o.townId);
}

/** The fields a belt and a circle share (code, names, description, years). */
type SpanFields = YearSpan & {
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
};

/** The shared fields of a belt or circle (what is written and audited). */
const spanFields = (b: SpanFields): SpanFields => ({
  code: b.code,
  name: b.name,
  nameEn: b.nameEn,
  description: b.description,
  fromYear: b.fromYear,
  untilYear: b.untilYear,
});

/** The audited fields of a belt. */
const beltRecord = spanFields;

/** The written fields of a circle (its belt by id). */
const circleFields = (c: SpanFields & { isModel: boolean }, beltId: number | null) => ({
  ...spanFields(c),
  isModel: c.isModel,
  beltId,
});

/** The audited fields of a circle (its belt by code). */
const circleRecord = (c: SpanFields & { isModel: boolean; belt?: { code: string } | null }) => ({
  ...spanFields(c),
  isModel: c.isModel,
  belt: c.belt?.code ?? null,
});

/**
 * Creates a belt. It must not count in a CLOSED year (a new belt is not part of the past).
 * @returns the belt's code.
 * @throws ZodError; AppError FORBIDDEN | VALIDATION | CONFLICT (code taken, closed years)
 */
export async function createBelt(actor: Actor, input: unknown): Promise<{ code: string }> {
  authorize(actor, "programme.manage");
  const data = createBeltSchema.parse(input);
  return db().$transaction(async (tx) => {
    const closed = await closedYears(tx, true);
    refuseClosedChange(changedYears(null, data, closed), { belt: data.code });
    await assertCodeFree(tx, "belt", data.code);
    const city = await tx.city.findFirstOrThrow({ select: { id: true } });
    const belt = await tx.belt.create({ data: { ...data, cityId: city.id } });
    await writeAudit(tx, actor, "belt.create", belt.id, { after: beltRecord(belt) });
    return { code: belt.code };
  });
}

/**
 * Edits a belt. Its circles' years must stay within its years, and what it counts in during
 * CLOSED years must not change.
 * @returns the belt's (possibly new) code.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION | CONFLICT (stale, code taken,
 *   closed years)
 */
export async function updateBelt(actor: Actor, input: unknown): Promise<{ code: string }> {
  authorize(actor, "programme.manage");
  const data = updateBeltSchema.parse(input);
  return db().$transaction(async (tx) => {
    const closed = await closedYears(tx, true);
    await tx.$queryRaw`SELECT id FROM "Belt" WHERE id = ${data.id} FOR UPDATE`;
    const before = await tx.belt.findUnique({
      where: { id: data.id },
      include: { circles: { select: { fromYear: true, untilYear: true } } },
    });
    if (!before) throw new AppError("NOT_FOUND", {}, { beltId: data.id });
    checkVersion(beltVersion(before), data.expectedVersion, { beltId: before.id });
    refuseClosedChange(changedYears(span(before), data, closed), { beltId: before.id });
    const stray = before.circles.find((c) => !spanWithin(c, data));
    if (stray) throw outside(stray, data, "circleAdmin.validation.circlesOutsideBelt");
    if (data.code !== before.code) await assertCodeFree(tx, "belt", data.code, before.id);
    const after = await tx.belt.update({ where: { id: before.id }, data: spanFields(data) });
    await writeAudit(
      tx,
      actor,
      "belt.update",
      before.id,
      changes(beltRecord(before), beltRecord(after), undefined, ["code"]),
    );
    return { code: after.code };
  });
}

/**
 * Creates a circle with its first towns (any counties; they join in the circle's first year,
 * `leadTownCode` leading). Its years lie within its belt's; its first year must be a year that
 * exists and is not CLOSED.
 * @returns the circle's code.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND (no such year) | VALIDATION (unknown belt or
 *   town, outside the belt) | CONFLICT (code taken, closed years)
 */
export async function createCircle(actor: Actor, input: unknown): Promise<{ code: string }> {
  authorize(actor, "programme.manage");
  const data = createCircleSchema.parse(input);
  return db().$transaction(async (tx) => {
    const closed = await closedYears(tx, true);
    await assertYearWritable(tx, data.fromYear);
    refuseClosedChange(changedYears(null, data, closed), { circle: data.code });
    const belt = data.beltCode ? await beltByCode(tx, data.beltCode) : null;
    if (belt && !spanWithin(data, belt)) {
      throw outside(data, belt, "circleAdmin.validation.outsideBelt");
    }
    await assertCodeFree(tx, "circle", data.code);
    const towns = await tx.town.findMany({
      where: { divisionCode: { in: data.townCodes }, mergedIntoId: null },
      select: { id: true, divisionCode: true },
    });
    if (towns.length !== data.townCodes.length) {
      throw fieldError("townCodes", "validation.unknownTown");
    }
    const circle = await tx.townCircle.create({
      data: {
        ...circleFields(data, belt?.id ?? null),
        towns: {
          create: towns.map((t) => ({
            townId: t.id,
            isLead: t.divisionCode === data.leadTownCode,
            fromYear: data.fromYear,
            untilYear: data.untilYear,
          })),
        },
      },
    });
    await writeAudit(tx, actor, "circle.create", circle.id, {
      after: {
        ...circleRecord({ ...circle, belt }),
        towns: data.townCodes,
        leadTown: data.leadTownCode ?? null,
      },
    });
    return { code: circle.code };
  });
}

/**
 * Sets a circle's years: refuses a change to what counts in a CLOSED year, keeps the years
 * within its belt's, cuts its memberships to its new years (dropping those left with none: they
 * never counted in a CLOSED year, since the circle's closed years are unchanged) and checks the
 * lead towns. @returns the town codes of the memberships dropped.
 */
async function setCircleYears(
  tx: Tx,
  before: Awaited<ReturnType<typeof lockCircle>>,
  next: YearSpan & { beltId: number | null; belt: YearSpan | null },
  closed: number[],
): Promise<string[]> {
  refuseClosedChange(changedYears(span(before), next, closed), { circleId: before.id });
  if (next.belt && !spanWithin(next, next.belt)) {
    throw outside(next, next.belt, "circleAdmin.validation.outsideBelt");
  }
  const dropped: string[] = [];
  for (const member of before.towns) {
    const cut = clampToCircle(member, next);
    if (cut === null) {
      await tx.townCircleTown.delete({
        where: { circleId_townId: { circleId: before.id, townId: member.townId } },
      });
      dropped.push(member.town.divisionCode);
    } else if (cut.fromYear !== member.fromYear || cut.untilYear !== member.untilYear) {
      await tx.townCircleTown.update({
        where: { circleId_townId: { circleId: before.id, townId: member.townId } },
        data: cut,
      });
    }
  }
  return dropped;
}

/**
 * Edits a circle: belt, code, names, description, model flag, years. The model flag of a
 * circle that counted in a CLOSED year is fixed (the year's model-circle figure would change).
 * @returns the circle's (possibly new) code.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION | CONFLICT (stale, code taken,
 *   closed years, model flag, lead towns)
 */
export async function updateCircle(actor: Actor, input: unknown): Promise<{ code: string }> {
  authorize(actor, "programme.manage");
  const data = updateCircleSchema.parse(input);
  return db().$transaction(async (tx) => {
    const closed = await closedYears(tx, true);
    const before = await lockCircle(tx, data.id);
    checkVersion(circleVersion(before), data.expectedVersion, { circleId: before.id });
    if (data.isModel !== before.isModel && yearsCounted(before, closed).length > 0) {
      throw fieldError(
        "isModel",
        "circleAdmin.errors.modelInClosedYear",
        {
          years: yearsCounted(before, closed).join(", "),
        },
        "CONFLICT",
      );
    }
    const belt = data.beltCode ? await beltByCode(tx, data.beltCode) : null;
    const dropped = await setCircleYears(
      tx,
      before,
      { fromYear: data.fromYear, untilYear: data.untilYear, beltId: belt?.id ?? null, belt },
      closed,
    );
    if (data.code !== before.code) await assertCodeFree(tx, "circle", data.code, before.id);
    const after = await tx.townCircle.update({
      where: { id: before.id },
      data: circleFields(data, belt?.id ?? null),
    });
    await assertLeads(tx, after);
    const diff = changes(circleRecord(before), circleRecord({ ...after, belt }), undefined, [
      "code",
    ]);
    await writeAudit(tx, actor, "circle.update", before.id, {
      before: diff.before,
      after: { ...diff.after, ...(dropped.length > 0 && { droppedTowns: dropped }) },
    });
    return { code: after.code };
  });
}

/**
 * Ends a circle: it counts up to and including `untilYear` ("until last year") and its
 * memberships end with it. A circle that never counted is deleted instead.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION (until before from) | CONFLICT
 *   (stale, closed years)
 */
export async function endCircle(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const data = endCircleSchema.parse(input);
  await db().$transaction(async (tx) => {
    const closed = await closedYears(tx, true);
    const before = await lockCircle(tx, data.id);
    checkVersion(circleVersion(before), data.expectedVersion, { circleId: before.id });
    if (data.untilYear < before.fromYear) {
      throw fieldError("untilYear", "circleAdmin.errors.endBeforeStart", {
        from: before.fromYear,
      });
    }
    const next = { fromYear: before.fromYear, untilYear: data.untilYear };
    const dropped = await setCircleYears(
      tx,
      before,
      { ...next, beltId: before.beltId, belt: before.belt },
      closed,
    );
    await tx.townCircle.update({ where: { id: before.id }, data: { untilYear: data.untilYear } });
    await assertLeads(tx, { id: before.id, ...next });
    await writeAudit(tx, actor, "circle.end", before.id, {
      before: { code: before.code, untilYear: before.untilYear },
      after: {
        code: before.code,
        untilYear: data.untilYear,
        ...(dropped.length > 0 && { droppedTowns: dropped }),
      },
    });
  });
}

/**
 * Deletes a circle (and its memberships) that never counted in a CLOSED year.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale; it counted in a closed
 *   year: end it instead)
 */
export async function deleteCircle(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const data = deleteCircleSchema.parse(input);
  await db().$transaction(async (tx) => {
    const closed = await closedYears(tx, true);
    const before = await lockCircle(tx, data.id);
    checkVersion(circleVersion(before), data.expectedVersion, { circleId: before.id });
    refuseCounted(yearsCounted(before, closed), "circleAdmin.errors.countedInClosedYear", {
      circleId: before.id,
    });
    await tx.townCircle.delete({ where: { id: before.id } });
    await writeAudit(tx, actor, "circle.delete", before.id, {
      before: {
        ...circleRecord(before),
        towns: before.towns.map((m) => m.town.divisionCode),
      },
    });
  });
}

/** The audited fields of a membership. */
const memberRecord = (townCode: string, m: YearSpan & { isLead: boolean }) => ({
  townCode,
  isLead: m.isLead,
  fromYear: m.fromYear,
  untilYear: m.untilYear,
});

/**
 * Puts a town (any county) into a circle from a year within the circle's years; with `isLead`
 * it takes over the lead for the years it shares with the previous lead.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND (circle, year) | VALIDATION (unknown town,
 *   outside the circle) | CONFLICT (already a member, closed years, lead towns)
 */
export async function addTownToCircle(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const data = addTownSchema.parse(input);
  await db().$transaction(async (tx) => {
    const closed = await closedYears(tx, true);
    const circle = await lockCircle(tx, data.circleId);
    const town = await tx.town.findFirst({
      where: { divisionCode: data.townCode, mergedIntoId: null },
      select: { id: true },
    });
    if (!town) throw fieldError("townCode", "validation.unknownTown");
    if (circle.towns.some((m) => m.townId === town.id)) {
      throw fieldError("townCode", "circleAdmin.validation.alreadyMember", undefined, "CONFLICT");
    }
    const member = { fromYear: data.fromYear, untilYear: data.untilYear };
    if (!spanWithin(member, circle)) {
      throw outside(member, circle, "circleAdmin.validation.outsideCircle");
    }
    await assertYearWritable(tx, data.fromYear);
    refuseClosedChange(changedYears(null, clampToCircle(member, circle), closed), {
      circleId: circle.id,
    });
    const previousLeads = data.isLead ? await handOverLead(tx, circle.id, town.id, member) : [];
    await tx.townCircleTown.create({
      data: { circleId: circle.id, townId: town.id, isLead: data.isLead, ...member },
    });
    await assertLeads(tx, circle);
    await writeAudit(tx, actor, "circle.addTown", circle.id, {
      after: {
        circle: circle.code,
        ...memberRecord(data.townCode, { ...member, isLead: data.isLead }),
        ...(previousLeads.length > 0 && {
          leadFrom: circle.towns
            .filter((m) => previousLeads.includes(m.townId))
            .map((m) => m.town.divisionCode),
        }),
      },
    });
  });
}

/**
 * Changes a membership's years (ending it = an until year, "until last year") or its lead
 * flag; becoming the lead takes the lead over from the others for the years they share.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION (outside the circle) | CONFLICT
 *   (stale, closed years, lead towns)
 */
export async function updateCircleTown(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const data = updateTownSchema.parse(input);
  await db().$transaction(async (tx) => {
    const closed = await closedYears(tx, true);
    const circle = await lockCircle(tx, data.circleId);
    const before = editedMember(circle, data);
    const member = { fromYear: data.fromYear, untilYear: data.untilYear };
    if (!spanWithin(member, circle)) {
      throw outside(member, circle, "circleAdmin.validation.outsideCircle");
    }
    refuseClosedChange(
      changedYears(clampToCircle(before, circle), clampToCircle(member, circle), closed),
      { circleId: circle.id, town: data.townCode },
    );
    if (data.isLead && !before.isLead) {
      await handOverLead(tx, circle.id, before.townId, member);
    }
    await tx.townCircleTown.update({
      where: { circleId_townId: { circleId: circle.id, townId: before.townId } },
      data: { isLead: data.isLead, ...member },
    });
    await assertLeads(tx, circle);
    const diff = changes(
      memberRecord(data.townCode, before),
      memberRecord(data.townCode, { ...member, isLead: data.isLead }),
      undefined,
      ["townCode"],
    );
    await writeAudit(tx, actor, "circle.updateTown", circle.id, {
      before: diff.before,
      after: { circle: circle.code, ...diff.after },
    });
  });
}

/**
 * Takes a town out of a circle, when the membership never counted in a CLOSED year (otherwise
 * it is ended with an until year).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale, counted in a closed year,
 *   lead towns)
 */
export async function removeTownFromCircle(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const data = removeTownSchema.parse(input);
  await db().$transaction(async (tx) => {
    const closed = await closedYears(tx, true);
    const circle = await lockCircle(tx, data.circleId);
    const before = editedMember(circle, data);
    const effective = clampToCircle(before, circle);
    refuseCounted(
      effective ? yearsCounted(effective, closed) : [],
      "circleAdmin.errors.memberCountedInClosedYear",
      { circleId: circle.id, town: data.townCode },
    );
    await tx.townCircleTown.delete({
      where: { circleId_townId: { circleId: circle.id, townId: before.townId } },
    });
    await assertLeads(tx, circle);
    await writeAudit(tx, actor, "circle.removeTown", circle.id, {
      before: { circle: circle.code, ...memberRecord(data.townCode, before) },
    });
  });
}
