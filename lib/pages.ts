/**
 * Page helpers. A page a signed-in user may not open (out of their scope, not for their role,
 * or naming nothing) sends them to their own home with the `unavailable` notice; a signed-out
 * visitor gets the not-found page. Both cases look the same whether the thing exists or not, so
 * a page never reveals what lies outside the user's scope. (The API keeps answering 403/404.)
 */
import "server-only";
import { notFound, redirect } from "next/navigation";
import { landingPath } from "@/lib/access";
import { getActor } from "@/lib/auth/session";
import { fromDatabaseError, isAppError } from "@/lib/errors";
import { UNAVAILABLE_NOTICE, withNotice } from "@/lib/notices";

/**
 * Leaves a page the current user may not open: a signed-in user is redirected to their home
 * (lib/access.ts landingPath) with `?notice=unavailable`; a signed-out visitor sees not-found.
 * Never returns.
 */
export async function leaveUnavailablePage(): Promise<never> {
  const actor = await getActor();
  if (!actor) notFound();
  const home = landingPath(actor, {
    countyCode: actor.county?.divisionCode,
    townCode: actor.town?.divisionCode,
  });
  redirect(withNotice(home, UNAVAILABLE_NOTICE));
}

/**
 * Runs a page's data load; AppError NOT_FOUND or FORBIDDEN leaves the page
 * (`leaveUnavailablePage`), and so does VALIDATION (a malformed or out-of-range id or code in
 * the URL names nothing).
 */
export async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error, "NOT_FOUND") || isAppError(error, "FORBIDDEN")) {
      return leaveUnavailablePage();
    }
    if (isAppError(error, "VALIDATION")) return leaveUnavailablePage();
    // A database refusal of the URL's id (out of the integer range, gone) names nothing too.
    const refusal = fromDatabaseError(error);
    if (refusal?.code === "VALIDATION" || refusal?.code === "NOT_FOUND") {
      return leaveUnavailablePage();
    }
    throw error;
  }
}
