/**
 * Use cases of the town register (乡镇名册) besides titles (those: ./events.ts): add a town,
 * edit its town type and county-seat flag, rename it, change its division code, merge it into
 * another town. Each is a dated TownEvent with its document (文号) where the change is one of
 * the town's history. zod → access (town.manage, city administrators) → one transaction →
 * one audit row. Edits of an existing town carry the Town.updatedAt the editor loaded and are
 * refused (CONFLICT) when someone saved the town since. The rules: lib/domain/town-register.ts.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { changes, writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { fromIsoDate, isoDate } from "@/lib/domain/calendar";
import { codeInsideCounty, mergeRefusal } from "@/lib/domain/town-register";
import { AppError, fieldError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  createTownSchema,
  mergeTownSchema,
  recodeTownSchema,
  renameTownSchema,
  updateTownSchema,
} from "@/lib/validation/town";

type Tx = Prisma.TransactionClient;

const editedSelect = {
  id: true,
  countyId: true,
  divisionCode: true,
  name: true,
  nameEn: true,
  townType: true,
  isCountySeat: true,
  sourceNote: true,
  mergedIntoId: true,
  updatedAt: true,
  county: { select: { divisionCode: true } },
} as const satisfies Prisma.TownSelect;

/**
 * The town being edited, at the version the editor loaded.
 * @throws AppError NOT_FOUND | CONFLICT (saved by someone else since)
 */
async function loadForEdit(tx: Tx, townCode: string, expectedUpdatedAt: string) {
  const town = await tx.town.findUnique({
    where: { divisionCode: townCode },
    select: editedSelect,
  });
  if (!town) throw new AppError("NOT_FOUND", {}, { townCode });
  if (town.updatedAt.getTime() !== new Date(expectedUpdatedAt).getTime()) {
    throw new AppError("CONFLICT", "townRegister.errors.staleEdit", { townCode });
  }
  return town;
}

/**
 * Writes the edited fields only if the town is still at the version read (atomic check).
 * @throws AppError CONFLICT
 */
async function updateAtVersion(
  tx: Tx,
  town: { id: number; updatedAt: Date; divisionCode: string },
  data: Prisma.TownUncheckedUpdateManyInput,
): Promise<void> {
  const { count } = await tx.town.updateMany({
    where: { id: town.id, updatedAt: town.updatedAt },
    data,
  });
  if (count === 0) {
    throw new AppError("CONFLICT", "townRegister.errors.staleEdit", {
      townCode: town.divisionCode,
    });
  }
}

/** @throws AppError CONFLICT (field `field`) when another town has this code. */
async function assertCodeFree(tx: Tx, code: string, field: string): Promise<void> {
  if (await tx.town.findUnique({ where: { divisionCode: code }, select: { id: true } })) {
    throw fieldError(field, "townRegister.errors.codeTaken", { code }, "CONFLICT");
  }
}

/**
 * Adds a town to a county with an ADDED event (e.g. a local unit missing from the NBS list).
 * @returns the new town's id and code.
 * @throws ZodError; AppError FORBIDDEN | VALIDATION (unknown county) | CONFLICT (code taken)
 */
export async function createTown(
  actor: Actor,
  input: unknown,
): Promise<{ id: number; divisionCode: string }> {
  authorize(actor, "town.manage");
  const data = createTownSchema.parse(input);
  return db().$transaction(async (tx) => {
    const county = await tx.county.findUnique({
      where: { divisionCode: data.countyCode },
      select: { id: true },
    });
    if (!county) throw fieldError("countyCode", "validation.unknownCounty");
    await assertCodeFree(tx, data.divisionCode, "divisionCode");
    const town = await tx.town.create({
      data: {
        countyId: county.id,
        divisionCode: data.divisionCode,
        name: data.name,
        nameEn: data.nameEn,
        kind: data.kind,
        townType: data.townType,
        isCountySeat: data.isCountySeat,
        isLocalUnit: data.isLocalUnit,
        sourceNote: data.sourceNote,
        events: {
          create: {
            kind: "ADDED",
            effectiveOn: fromIsoDate(data.effectiveOn),
            newValue: data.divisionCode,
            document: data.document,
            note: data.note || null,
            createdById: actor.id,
          },
        },
      },
      select: { id: true, divisionCode: true },
    });
    await writeAudit(tx, actor, "town.create", town.id, {
      after: {
        countyCode: data.countyCode,
        divisionCode: data.divisionCode,
        name: data.name,
        nameEn: data.nameEn,
        kind: data.kind,
        townType: data.townType,
        isCountySeat: data.isCountySeat,
        isLocalUnit: data.isLocalUnit,
        effectiveOn: data.effectiveOn,
        document: data.document,
      },
    });
    return town;
  });
}

/**
 * Edits a town's type, county-seat flag, English name and source note (no event: these are
 * attributes, not history).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale)
 */
export async function updateTown(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "town.manage");
  const data = updateTownSchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await loadForEdit(tx, data.townCode, data.expectedUpdatedAt);
    const after = {
      townType: data.townType,
      isCountySeat: data.isCountySeat,
      nameEn: data.nameEn === undefined ? before.nameEn : data.nameEn,
      sourceNote: data.sourceNote === undefined ? before.sourceNote : data.sourceNote,
    };
    await updateAtVersion(tx, before, after);
    const edited = (t: typeof after) => ({ divisionCode: before.divisionCode, ...t });
    await writeAudit(
      tx,
      actor,
      "town.update",
      before.id,
      changes(edited(before), edited(after), Object.keys(after) as (keyof typeof after)[], [
        "divisionCode",
      ]),
    );
  });
}

/**
 * Renames a town (RENAMED: the names before and after); Town.name takes the new name.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale) | VALIDATION (same name)
 */
export async function renameTown(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "town.manage");
  const data = renameTownSchema.parse(input);
  await db().$transaction(async (tx) => {
    const town = await loadForEdit(tx, data.townCode, data.expectedUpdatedAt);
    if (town.name === data.newName) throw fieldError("newName", "townRegister.errors.sameName");
    await updateAtVersion(tx, town, {
      name: data.newName,
      ...(data.newNameEn && { nameEn: data.newNameEn }),
    });
    await tx.townEvent.create({
      data: {
        townId: town.id,
        kind: "RENAMED",
        effectiveOn: fromIsoDate(data.effectiveOn),
        previousValue: town.name,
        newValue: data.newName,
        document: data.document,
        note: data.note || null,
        createdById: actor.id,
      },
    });
    await writeAudit(tx, actor, "town.rename", town.id, {
      before: { name: town.name, nameEn: town.nameEn },
      after: {
        divisionCode: town.divisionCode,
        name: data.newName,
        nameEn: data.newNameEn ?? town.nameEn,
        effectiveOn: data.effectiveOn,
        document: data.document,
      },
    });
  });
}

/**
 * Changes a town's division code (CODE_CHANGED: the codes before and after). The new code is
 * unique and inside the town's county; links with the old code then lead to the town through
 * this event (./queries.ts `currentCodeOf`).
 * @returns the new code.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale, code taken) | VALIDATION
 */
export async function recodeTown(actor: Actor, input: unknown): Promise<{ divisionCode: string }> {
  authorize(actor, "town.manage");
  const data = recodeTownSchema.parse(input);
  return db().$transaction(async (tx) => {
    const town = await loadForEdit(tx, data.townCode, data.expectedUpdatedAt);
    if (data.newCode === town.divisionCode) {
      throw fieldError("newCode", "townRegister.errors.sameCode");
    }
    if (!codeInsideCounty(data.newCode, town.county.divisionCode)) {
      throw fieldError("newCode", "townRegister.errors.codeOutsideCounty");
    }
    await assertCodeFree(tx, data.newCode, "newCode");
    await updateAtVersion(tx, town, { divisionCode: data.newCode });
    await tx.townEvent.create({
      data: {
        townId: town.id,
        kind: "CODE_CHANGED",
        effectiveOn: fromIsoDate(data.effectiveOn),
        previousValue: town.divisionCode,
        newValue: data.newCode,
        document: data.document,
        note: data.note || null,
        createdById: actor.id,
      },
    });
    await writeAudit(tx, actor, "town.recode", town.id, {
      before: { divisionCode: town.divisionCode },
      after: { divisionCode: data.newCode, effectiveOn: data.effectiveOn, document: data.document },
    });
    return { divisionCode: data.newCode };
  });
}

/**
 * Merges a town into another town of its county (MERGED, relatedTownId the survivor):
 * Town.mergedIntoId / mergedOn are set; from that date the town counts under the survivor.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale) | VALIDATION (field
 *   intoCode: unknown town, itself, already merged, a merged town, another county)
 */
export async function mergeTown(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "town.manage");
  const data = mergeTownSchema.parse(input);
  await db().$transaction(async (tx) => {
    const town = await loadForEdit(tx, data.townCode, data.expectedUpdatedAt);
    const into = await tx.town.findUnique({
      where: { divisionCode: data.intoCode },
      select: { id: true, countyId: true, mergedIntoId: true, name: true },
    });
    if (!into) throw fieldError("intoCode", "validation.unknownTown");
    const refusal = mergeRefusal(town, into);
    if (refusal) throw fieldError("intoCode", refusal);
    const mergedOn = fromIsoDate(data.effectiveOn);
    await updateAtVersion(tx, town, { mergedIntoId: into.id, mergedOn });
    await tx.townEvent.create({
      data: {
        townId: town.id,
        kind: "MERGED",
        effectiveOn: mergedOn,
        relatedTownId: into.id,
        previousValue: town.divisionCode,
        newValue: data.intoCode,
        document: data.document,
        note: data.note || null,
        createdById: actor.id,
      },
    });
    await writeAudit(tx, actor, "town.merge", town.id, {
      after: {
        townCode: town.divisionCode,
        intoCode: data.intoCode,
        mergedOn: isoDate(mergedOn),
        document: data.document,
      },
    });
  });
}
