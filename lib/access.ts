/**
 * Who may do what, on which towns and counties: the one place that says so.
 *
 * - `actionCatalogue` lists every action with its target kind (city, county, town, own account)
 *   and whether it only reads; `permissions` maps each role (glossary: CITY_ADMIN, CITY_LEADER,
 *   COUNTY_REVIEWER, TOWNSHIP_STAFF) to the actions it may take at all. Every action has a use
 *   case behind it; lib/access.test.ts runs each against PostgreSQL, per role, in and out of scope.
 * - `authorize(actor, action)` is the one gate: it decides "may this role do it" and returns the
 *   actor's `Scope`, whose Prisma `where` clauses (towns, counties, tasks, reports, evidence…)
 *   limit a query to the actor's org scope, and whose `found()` turns "not in scope" into
 *   NOT_FOUND. The builders are private to this module, so a query can only be scoped through
 *   `authorize`, and never without the role check ("fetch, then check" never happens).
 * - Outcomes: an action the role lacks is FORBIDDEN (403) for writes and NOT_FOUND (404) for
 *   reads; a target outside the scope is NOT_FOUND, so its existence is not revealed.
 *
 * This module is pure (no I/O): the where clauses run in the callers' queries.
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
  /** The client of the current request (for the audit log); absent outside a request. */
  client?: { ip: string | null; userAgent: string | null };
};

/** What an action applies to: the whole city, one county, one town, or the actor's own account. */
export type TargetKind = "city" | "county" | "town" | "self";

/**
 * Every action in the system with its target kind and whether it only reads. A new feature
 * adds its actions here together with the use cases behind them; the access-matrix test fails
 * for an action without one.
 */
export const actionCatalogue = {
  "dashboard.city.view": { target: "city", read: true },
  "county.view": { target: "county", read: true },
  "town.view": { target: "town", read: true },
  "report.edit": { target: "town", read: false },
  "report.submit": { target: "town", read: false },
  "report.review": { target: "town", read: false },
  "report.confirm": { target: "town", read: false },
  "report.returnToCounty": { target: "town", read: false },
  /** The city confirmation queue, read (the leader follows it; confirming is report.confirm). */
  "confirmation.view": { target: "city", read: true },
  "task.publish": { target: "city", read: false },
  "rating.view": { target: "town", read: true },
  "rating.selfAssess": { target: "town", read: false },
  "rating.score": { target: "town", read: false },
  "rating.approve": { target: "town", read: false },
  "rating.manage": { target: "city", read: false },
  "assessment.view": { target: "city", read: true },
  "assessment.county": { target: "county", read: true },
  "assessment.manage": { target: "city", read: false },
  "programme.view": { target: "city", read: true },
  "programme.manage": { target: "city", read: false },
  "town.manage": { target: "city", read: false },
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
    "report.returnToCounty",
    "confirmation.view",
    "task.publish",
    "rating.view",
    "rating.approve",
    "rating.manage",
    "assessment.view",
    "assessment.county",
    "assessment.manage",
    "programme.view",
    "programme.manage",
    "town.manage",
    "user.manage",
    "audit.view",
    "account.manage",
  ],
  CITY_LEADER: [
    "dashboard.city.view",
    "county.view",
    "town.view",
    "confirmation.view",
    "rating.view",
    "assessment.view",
    "assessment.county",
    "programme.view",
    "account.manage",
  ],
  COUNTY_REVIEWER: [
    "county.view",
    "town.view",
    "report.review",
    "rating.view",
    "rating.score",
    "assessment.county",
    "account.manage",
  ],
  TOWNSHIP_STAFF: [
    "town.view",
    "report.edit",
    "report.submit",
    "rating.view",
    "rating.selfAssess",
    "account.manage",
  ],
};

/** True when the actor's role includes `action` (scope not considered); for showing UI. */
export function can(actor: Pick<Actor, "role">, action: Action): boolean {
  return permissions[actor.role].includes(action);
}

/** True for the city-wide roles. */
export function isCityRole(role: Role): boolean {
  return role === "CITY_ADMIN" || role === "CITY_LEADER";
}

/** True when `action` only reads. */
export function isReadAction(action: Action): boolean {
  return actionCatalogue[action].read;
}

// A where clause that matches nothing: used when a scoped role lacks its scope id (a broken
// account must see nothing rather than everything).
const NO_ID = -1;

function townWhere(actor: Actor): Prisma.TownWhereInput {
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

/**
 * The star ratings an actor may reach: the city's all; a reviewer's those of their county's
 * towns and those whose panel they sit on (cross-county review, 交叉评审); staff their town's.
 */
function ratingWhere(actor: Actor, towns: Prisma.TownWhereInput): Prisma.StarRatingWhereInput {
  if (actor.role === "COUNTY_REVIEWER") {
    return { OR: [{ town: towns }, { panel: { some: { reviewerId: actor.id } } }] };
  }
  return { town: towns };
}

function countyWhere(actor: Actor): Prisma.CountyWhereInput {
  switch (actor.role) {
    case "CITY_ADMIN":
    case "CITY_LEADER":
      return {};
    case "COUNTY_REVIEWER":
      return { id: actor.countyId ?? NO_ID };
    case "TOWNSHIP_STAFF":
      return { id: NO_ID }; // township staff see no county as a county
  }
}

/**
 * The assessment runs an actor may see: the city's every run (drafts included); anyone else's
 * only runs that have been published (PUBLISHED, or SUPERSEDED by a later published version).
 */
function assessmentRunWhere(actor: Actor): Prisma.AssessmentRunWhereInput {
  return isCityRole(actor.role) ? {} : { status: { in: ["PUBLISHED", "SUPERSEDED"] } };
}

/** The outcome of an access decision. */
export type Decision = "ALLOW" | "FORBIDDEN" | "NOT_FOUND";

/**
 * Decides an action on a target whose scope membership is known: the role must have the
 * action (else FORBIDDEN for writes, NOT_FOUND for reads), the target must be in scope (else
 * NOT_FOUND).
 */
export function decide(actor: Pick<Actor, "role">, action: Action, inScope: boolean): Decision {
  if (!can(actor, action)) return isReadAction(action) ? "NOT_FOUND" : "FORBIDDEN";
  return inScope ? "ALLOW" : "NOT_FOUND";
}

function deny(actor: Actor, action: Action, decision: Decision, detail?: unknown): never {
  throw new AppError(
    decision === "FORBIDDEN" ? "FORBIDDEN" : "NOT_FOUND",
    {},
    { actor: actor.id, action, ...(detail as object) },
    { action },
  );
}

/**
 * The actor's scope for one authorised action: where clauses that limit queries to what the
 * actor may reach, and `found` to turn a target missing from a scoped query into NOT_FOUND.
 */
export type Scope = {
  readonly actor: Actor;
  readonly action: Action;
  readonly towns: Prisma.TownWhereInput;
  readonly counties: Prisma.CountyWhereInput;
  readonly tasks: Prisma.CreationTaskWhereInput;
  readonly reports: Prisma.ProgressReportWhereInput;
  /** Evidence files: of reports in scope, and of self-assessments of ratings in scope. */
  readonly evidence: Prisma.EvidenceWhereInput;
  /** Star ratings: the towns in scope, and for a reviewer also the panels they sit on. */
  readonly ratings: Prisma.StarRatingWhereInput;
  /** Score sheets the actor may write: a reviewer's own; the city's none. */
  readonly ownSheets: Prisma.ScoreSheetWhereInput;
  /** Assessment runs: the city's all; others' only published ones (with their history). */
  readonly assessmentRuns: Prisma.AssessmentRunWhereInput;
  /**
   * Returns `target` when a scoped query found it. @throws AppError NOT_FOUND when it is null
   * or undefined (unknown, or outside the scope: the two are not told apart).
   */
  found<T>(target: T | null | undefined, detail?: Record<string, unknown>): T;
};

/**
 * The one gate before any scoped read or write: checks that the actor's role may take
 * `action` and returns the actor's scope for it. For an action on the whole city the scope
 * must be the whole city (city roles); for one on the actor's own account it always is.
 * An actor who must change a temporary password may take no action but `account.manage`.
 * @throws AppError FORBIDDEN (a write the role lacks; any action but account.manage while the
 *   password must be changed) | NOT_FOUND (a read the role lacks)
 */
export function authorize(actor: Actor, action: Action): Scope {
  const { target } = actionCatalogue[action];
  const wholeScope = target === "self" || target !== "city" || isCityRole(actor.role);
  const decision = decide(actor, action, wholeScope);
  if (decision !== "ALLOW") deny(actor, action, decision);
  if (actor.mustChangePassword && action !== "account.manage") {
    // A temporary password is a gate, not a hint: nothing but changing it until then.
    throw new AppError(
      "FORBIDDEN",
      "auth.changePasswordFirst",
      { actor: actor.id, action },
      {
        action,
      },
    );
  }
  const towns = townWhere(actor);
  const tasks: Prisma.CreationTaskWhereInput = { town: towns };
  const reports: Prisma.ProgressReportWhereInput = { task: tasks };
  const ratings = ratingWhere(actor, towns);
  return {
    actor,
    action,
    towns,
    counties: countyWhere(actor),
    tasks,
    reports,
    evidence: { OR: [{ report: reports }, { selfAssessment: { rating: ratings } }] },
    ratings,
    ownSheets: { reviewerId: actor.role === "COUNTY_REVIEWER" ? actor.id : NO_ID },
    assessmentRuns: assessmentRunWhere(actor),
    found<T>(target: T | null | undefined, detail?: Record<string, unknown>): T {
      if (target === null || target === undefined) deny(actor, action, "NOT_FOUND", detail);
      return target;
    },
  };
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
