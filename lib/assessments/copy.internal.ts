/**
 * Copying assessment schemes (考核方案沿用): a scheme's DRAFT copy with its items and per-county
 * targets, into the same year (a new version) or another year. Entered values and runs are
 * never copied (they belong to the year). Unscoped helpers that run inside the caller's
 * transaction after access and the year's status were decided: ./schemes.ts (copy from last
 * year, new version) and the opening of a new year (issue 12) call them. No server-only import,
 * so the demo seed can call them too.
 */
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * The scheme of `year` that a copy starts from: the ACTIVE one (in use), else the newest
 * version; null when the year has none.
 */
export async function currentScheme(tx: Tx, year: number): Promise<{ id: number } | null> {
  return (
    (await tx.assessmentScheme.findFirst({
      where: { year, status: "ACTIVE" },
      select: { id: true },
    })) ??
    (await tx.assessmentScheme.findFirst({
      where: { year },
      orderBy: { version: "desc" },
      select: { id: true },
    }))
  );
}

/**
 * Copies scheme `schemeId` as a DRAFT of `toYear` with the next free version of that year;
 * the year in its names ("2025年度…") becomes `toYear`.
 * @returns the new scheme's id and version.
 */
export async function copyScheme(
  tx: Tx,
  schemeId: number,
  toYear: number,
): Promise<{ id: number; version: number }> {
  const source = await tx.assessmentScheme.findUniqueOrThrow({
    where: { id: schemeId },
    include: { items: { include: { targets: true }, orderBy: { sortOrder: "asc" } } },
  });
  const last = await tx.assessmentScheme.findFirst({
    where: { year: toYear },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const rename = (name: string) =>
    source.year === toYear ? name : name.replaceAll(String(source.year), String(toYear));
  const copy = await tx.assessmentScheme.create({
    data: {
      year: toYear,
      version: (last?.version ?? 0) + 1,
      name: rename(source.name),
      nameEn: rename(source.nameEn),
      status: "DRAFT",
      tieBreakers: source.tieBreakers,
      excellentShare: source.excellentShare,
      excellentRounding: source.excellentRounding,
      goodMinPoints: source.goodMinPoints,
      passMinPoints: source.passMinPoints,
      sourceNote: source.sourceNote,
    },
    select: { id: true, version: true },
  });
  for (const { id: _id, schemeId: _scheme, targets, ...item } of source.items) {
    await tx.assessmentItem.create({
      data: {
        ...item,
        schemeId: copy.id,
        targets: {
          createMany: {
            data: targets.map((t) => ({ countyId: t.countyId, targetValue: t.targetValue })),
          },
        },
      },
    });
  }
  return copy;
}

/**
 * Opens `toYear`'s assessment with DRAFT copies of `fromYear`'s schemes: the year's current
 * scheme (the ACTIVE one, else its newest version), with items and per-county targets, as the
 * next version(s) of `toYear`. The administrator then adjusts targets and activates it.
 * @returns how many schemes were copied (0 when `fromYear` has none).
 */
export async function copyAssessmentSchemes(
  tx: Tx,
  fromYear: number,
  toYear: number,
): Promise<number> {
  const source = await currentScheme(tx, fromYear);
  if (!source) return 0;
  await copyScheme(tx, source.id, toYear);
  return 1;
}
