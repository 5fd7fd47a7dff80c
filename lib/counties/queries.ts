/**
 * Reads of counties (县（市、区）) through the actor's scope.
 */
import "server-only";
import { authorize, type Action, type Actor } from "@/lib/access";
import { db } from "@/lib/db";

/**
 * The county with this 6-digit code, if the actor may take `action` on it.
 * @throws AppError NOT_FOUND | FORBIDDEN
 */
export async function getCountyForActor(
  actor: Actor,
  divisionCode: string,
  action: Action = "county.view",
) {
  const scope = authorize(actor, action);
  return scope.found(
    /^\d{6}$/.test(divisionCode)
      ? await db().county.findFirst({ where: { AND: [{ divisionCode }, scope.counties] } })
      : null,
    { divisionCode },
  );
}

/** The counties the actor may see for `action`, by division code. */
export async function listCountiesForActor(actor: Actor, action: Action = "county.view") {
  const scope = authorize(actor, action);
  return db().county.findMany({
    where: scope.counties,
    select: { id: true, divisionCode: true, name: true, nameEn: true },
    orderBy: { divisionCode: "asc" },
  });
}
