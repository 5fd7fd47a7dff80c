/**
 * Who may do what, on which towns and counties: the one place that says so.
 *
 * - `permissions` maps each role (glossary: CITY_ADMIN, CITY_LEADER, COUNTY_REVIEWER,
 *   TOWNSHIP_STAFF) to the actions it may take at all.
 * - `townScope` / `countyScope` / `userScope` build Prisma `where` clauses that limit every
 *   query to the actor's org scope, so queries are scoped when built (never "fetch, then check").
 * - `decide` is the pure decision used by pages, actions, route handlers and the JSON API:
 *   an action the role lacks is FORBIDDEN (403) for writes; a target outside the actor's scope
 *   is NOT_FOUND (404) so its existence is not revealed; reads the role lacks are NOT_FOUND too.
 *
 * This module is pure (no I/O) and exhaustively tested in access.test.ts against a real
 * database through the scoped `where` clauses.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";

/** The signed-in user as the server sees them, re-read from the database on every request. */
export type Actor = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Set for COUNTY_REVIEWER only. */
  countyId: number | null;
  /** Set for TOWNSHIP_STAFF only. */
  townId: number | null;
  mustChangePassword: boolean;
};

/** What an action applies to: the whole city, one county, one town, or the actor's own account. */
export type TargetKind = "city" | "county" | "town" | "self";

/**
 * Every action in the system with its target kind and whether it only reads. Later features
 * add their actions here first; the access-matrix test fails until the new action is covered.
 */
export const actionCatalogue = {
  "dashboard.city.view": { target: "city", read: true },
  "county.view": { target: "county", read: true },
  "town.view": { target: "town", read: true },
  "report.edit": { target: "town", read: false },
  "report.submit": { target: "town", read: false },
  "report.review": { target: "town", read: false },
  "report.confirm": { target: "town", read: false },
  "rating.score": { target: "town", read: false },
  "rating.approve": { target: "town", read: false },
  "task.publish": { target: "city", read: false },
  "catalogue.manage": { target: "city", read: false },
  "town.manage": { target: "city", read: false },
  "assessment.run": { target: "city", read: false },
  "user.manage": { target: "city", read: false },
  "audit.view": { target: "city", read: true },
  "account.manage": { target: "self", read: false },
} as const satisfies Record<string, { target: TargetKind; read: boolean }>;

/** One action name from the catalogue. */
export type Action = keyof typeof actionCatalogue;

/** Every action, in catalogue order. */
export const allActions = Object.keys(actionCatalogue) as Action[];

/** Role → the actions it may take (scope is applied separately). */
export const permissions: Record<Role, readonly Action[]> = {
  CITY_ADMIN: [
    "dashboard.city.view",
    "county.view",
    "town.view",
    "report.confirm",
    "rating.approve",
    "task.publish",
    "catalogue.manage",
    "town.manage",
    "assessment.run",
    "user.manage",
    "audit.view",
    "account.manage",
  ],
  CITY_LEADER: ["dashboard.city.view", "county.view", "town.view", "account.manage"],
  COUNTY_REVIEWER: ["county.view", "town.view", "report.review", "rating.score", "account.manage"],
  TOWNSHIP_STAFF: ["town.view", "report.edit", "report.submit", "account.manage"],
};

/** True when the actor's role includes `action` (scope not considered). */
export function can(actor: Pick<Actor, "role">, action: Action): boolean {
  return permissions[actor.role].includes(action);
}

/** True for the city-wide roles. */
export function isCityRole(role: Role): boolean {
  return role === "CITY_ADMIN" || role === "CITY_LEADER";
}

// A where clause that matches nothing: used when a scoped role lacks its scope id (a broken
// account must see nothing rather than everything).
const NO_ID = -1;

/** Prisma filter for the towns the actor may see. */
export function townScope(actor: Actor): Prisma.TownWhereInput {
  switch (actor.role) {
    case "CITY_ADMIN":
    case "CITY_LEADER":
      return {};
    case "COUNTY_REVIEWER":
      return { countyId: actor.countyId ?? NO_ID };
    case "TOWNSHIP_STAFF":
      return { id: actor.townId ?? NO_ID };
  }
}

/** Prisma filter for the counties the actor may see (township staff see none as a county). */
export function countyScope(actor: Actor): Prisma.CountyWhereInput {
  switch (actor.role) {
    case "CITY_ADMIN":
    case "CITY_LEADER":
      return {};
    case "COUNTY_REVIEWER":
      return { id: actor.countyId ?? NO_ID };
    case "TOWNSHIP_STAFF":
      return { id: NO_ID };
  }
}

/** The outcome of an access decision. */
export type Decision = "ALLOW" | "FORBIDDEN" | "NOT_FOUND";

/**
 * Decides an action on a target whose scope membership is already known.
 * @param inScope whether the target lies in the actor's scope (for `self`: is the actor's own
 *                account; for `city`: always true for city roles).
 */
export function decide(actor: Pick<Actor, "role">, action: Action, inScope: boolean): Decision {
  const { read } = actionCatalogue[action];
  if (!can(actor, action)) return read ? "NOT_FOUND" : "FORBIDDEN";
  return inScope ? "ALLOW" : "NOT_FOUND";
}

/** Throws the AppError matching a non-ALLOW decision. @throws AppError FORBIDDEN | NOT_FOUND */
export function enforce(decision: Decision, detail?: unknown): void {
  if (decision !== "ALLOW") throw new AppError(decision, detail);
}

/**
 * Checks an action whose target is the whole city or the actor's own account.
 * @throws AppError FORBIDDEN (writes) or NOT_FOUND (reads) when the role lacks the action.
 */
export function assertCan(actor: Actor, action: Action): void {
  const { target } = actionCatalogue[action];
  const inScope = target === "self" || (target === "city" && isCityRole(actor.role));
  enforce(decide(actor, action, inScope), { actor: actor.id, action });
}

/** The path a user lands on after signing in, by role. */
export function landingPath(
  actor: Pick<Actor, "role">,
  scope: { countyCode?: string | null; townCode?: string | null },
): string {
  switch (actor.role) {
    case "CITY_ADMIN":
    case "CITY_LEADER":
      return "/dashboard";
    case "COUNTY_REVIEWER":
      return scope.countyCode ? `/counties/${scope.countyCode}` : "/account";
    case "TOWNSHIP_STAFF":
      return scope.townCode ? `/towns/${scope.townCode}` : "/account";
  }
}
