/**
 * The title history of the town register: awarding a title (基本达标, 省级样板) and stripping it
 * after a failed spot check (摘帽), each a dated TownEvent with the document that decided it.
 * These use cases are the only writers of `TownEvent.attainmentAfter` outside the seed: after
 * every change they refold the town's title events (lib/domain/attainment.ts), so an event
 * dated before others updates the attainment of every later one. zod → access (town.manage) →
 * one transaction → one audit row.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { fromIsoDate } from "@/lib/domain/calendar";
import { titleEventSchema } from "@/lib/validation/town";
import { refreshAttainment } from "./internal";

/**
 * Records a title awarded to, or stripped from, a town on a date.
 * @returns the event id.
 * @throws ZodError; AppError FORBIDDEN (not a city administrator) | NOT_FOUND (unknown town)
 */
export async function recordTitleEvent(actor: Actor, input: unknown): Promise<{ id: number }> {
  const scope = authorize(actor, "town.manage");
  const data = titleEventSchema.parse(input);
  return db().$transaction(async (tx) => {
    const town = scope.found(
      await tx.town.findFirst({
        where: { AND: [{ divisionCode: data.townCode }, scope.towns] },
        select: { id: true },
      }),
      { townCode: data.townCode },
    );
    const event = await tx.townEvent.create({
      data: {
        townId: town.id,
        kind: data.kind,
        title: data.title,
        effectiveOn: fromIsoDate(data.effectiveOn),
        year: data.kind === "TITLE_AWARDED" ? (data.year ?? null) : null,
        document: data.document,
        note: data.note || null,
        createdById: actor.id,
      },
      select: { id: true },
    });
    await refreshAttainment(tx, town.id);
    const stored = await tx.townEvent.findUniqueOrThrow({
      where: { id: event.id },
      select: { attainmentAfter: true },
    });
    await writeAudit(
      tx,
      actor,
      data.kind === "TITLE_AWARDED" ? "town.titleAwarded" : "town.titleStripped",
      event.id,
      {
        after: {
          townCode: data.townCode,
          title: data.title,
          effectiveOn: data.effectiveOn,
          year: data.year ?? null,
          document: data.document,
          attainmentAfter: stored.attainmentAfter,
        },
      },
    );
    return event;
  });
}
