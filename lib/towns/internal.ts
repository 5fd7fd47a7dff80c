/**
 * Helpers of the town-register use cases (./events.ts) that run inside their transaction after
 * access was decided. Unscoped, so app/ and components/ may not import them.
 */
import "server-only";
import { foldTitleEvents, TITLE_EVENT_KINDS, type TitleEvent } from "@/lib/domain/attainment";
import { isoDate } from "@/lib/domain/calendar";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * Refolds a town's title events and stores each one's attainmentAfter where it changed.
 * Runs inside the caller's transaction, after it changed the town's title events.
 * @returns how many events were updated.
 */
export async function refreshAttainment(tx: Tx, townId: number): Promise<number> {
  const rows = await tx.townEvent.findMany({
    where: { townId, kind: { in: [...TITLE_EVENT_KINDS] } },
    select: { id: true, kind: true, title: true, effectiveOn: true, attainmentAfter: true },
  });
  const events: (TitleEvent & { stored: string | null })[] = rows.flatMap((r) =>
    r.title && r.title !== "NONE"
      ? [
          {
            id: r.id,
            kind: r.kind as TitleEvent["kind"],
            title: r.title,
            effectiveOn: isoDate(r.effectiveOn),
            stored: r.attainmentAfter,
          },
        ]
      : [],
  );
  let updated = 0;
  for (const event of foldTitleEvents(events)) {
    if (event.stored === event.attainmentAfter) continue;
    await tx.townEvent.update({
      where: { id: event.id },
      data: { attainmentAfter: event.attainmentAfter },
    });
    updated++;
  }
  return updated;
}
