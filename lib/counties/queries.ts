/**
 * Reads of counties (县（市、区）) through the actor's scope.
 */
import "server-only";
import { countyScope, decide, enforce, type Action, type Actor } from "@/lib/access";
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
  enforce(decide(actor, action, true));
  const county = /^\d{6}$/.test(divisionCode)
    ? await db().county.findFirst({ where: { AND: [{ divisionCode }, countyScope(actor)] } })
    : null;
  enforce(decide(actor, action, county !== null), { divisionCode });
  return county!;
}
