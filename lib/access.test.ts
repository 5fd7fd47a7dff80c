/**
 * The access matrix: every action of the catalogue × every role × a target inside and outside
 * the actor's scope, decided by running the real use case behind the action against
 * PostgreSQL. The expectations are written out by hand (not derived from lib/access.ts), so a
 * change to the role map, to a scope filter or to a use case's check shows up here as a
 * failing cell; an action without a use case in `useCases` fails the coverage test (and does
 * not compile).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allActions, type Action, type Actor } from "@/lib/access";
import { getAssessmentYear, getCountyAssessment } from "@/lib/assessments/queries";
import { createScheme } from "@/lib/assessments/schemes";
import { listAuditLog, auditFilterSchema } from "@/lib/audit/queries";
import { createApiToken } from "@/lib/auth/api-tokens";
import { loadActor } from "@/lib/auth/session";
import { getCountyForActor } from "@/lib/counties/queries";
import { getSummaries } from "@/lib/dashboard/queries";
import { AppError } from "@/lib/errors";
import type { RatingStatus, ReportStatus, Role } from "@/lib/generated/prisma/enums";
import type { PrismaClient } from "@/lib/prisma-client";
import { decideRating } from "@/lib/ratings/decisions";
import { createRatings } from "@/lib/ratings/panels";
import { getRatingView } from "@/lib/ratings/queries";
import { saveSelfAssessment } from "@/lib/ratings/self-assessment";
import { saveSheet } from "@/lib/ratings/sheets";
import {
  approveReport,
  confirmReport,
  returnToCounty,
  saveReport,
  submitReport,
} from "@/lib/reports/mutations";
import { listConfirmationQueue } from "@/lib/reports/queries";
import { setTasks } from "@/lib/tasks/mutations";
import { builders, scratchApp } from "@/lib/testing/builders";
import { listProgrammeYears, updateYearSettings } from "@/lib/years/admin";
import { recordTitleEvent } from "@/lib/towns/events";
import { getTownForActor, listTownsForActor } from "@/lib/towns/queries";
import { createUser } from "@/lib/users/mutations";

// What each role may do at all (hand-written; the source of truth is the issues' role lists).
const allowed: Record<Role, Action[]> = {
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
const readActions: Action[] = [
  "dashboard.city.view",
  "county.view",
  "town.view",
  "rating.view",
  "audit.view",
  "assessment.view",
  "assessment.county",
  "programme.view",
  "confirmation.view",
];
/** Actions on one town or county: their out-of-scope target lies in another county. */
const scopedActions: Action[] = [
  "county.view",
  "town.view",
  "report.edit",
  "report.submit",
  "report.review",
  "report.confirm",
  "report.returnToCounty",
  "rating.view",
  "rating.selfAssess",
  "rating.score",
  "rating.approve",
  "assessment.county",
];

const YEAR = 2026;
const COUNTY = { in: "330825", out: "330822" } as const;
const TOWN = { in: "330825109", out: "330822101" } as const;

let drop: () => Promise<void>;
let prisma: PrismaClient;
let build: ReturnType<typeof builders>;
const actors = {} as Record<Role, Actor>;
const taskIds = {} as Record<"in" | "out", number>;
const townIds = {} as Record<"in" | "out", number>;
let ratingYear = 2040;
let serial = 0;

beforeAll(async () => {
  const app = await scratchApp("access");
  prisma = app.prisma;
  drop = app.drop;
  build = builders(prisma);
  const a = await build.county(COUNTY.in, "龙游县");
  const b = await build.county(COUNTY.out, "常山县");
  const a1 = await build.town(a.id, TOWN.in, { name: "溪口镇" });
  await build.town(a.id, "330825101", { name: "湖镇镇" });
  const b1 = await build.town(b.id, TOWN.out, { name: "白石镇" });
  await build.year(YEAR);
  await build.indicator(YEAR, "communityGyms", { isRequired: false });
  townIds.in = a1.id;
  townIds.out = b1.id;
  taskIds.in = (await build.task(a1.id, YEAR)).id;
  taskIds.out = (await build.task(b1.id, YEAR)).id;
  actors.CITY_ADMIN = await build.actor("CITY_ADMIN");
  actors.CITY_LEADER = await build.actor("CITY_LEADER");
  actors.COUNTY_REVIEWER = await build.actor("COUNTY_REVIEWER", { countyId: a.id });
  actors.TOWNSHIP_STAFF = await build.actor("TOWNSHIP_STAFF", { townId: a1.id });
});

afterAll(async () => {
  await drop?.();
});

/** A new report of the in- or out-of-scope town, in a period of its own, in a given status. */
async function freshReport(target: "in" | "out", status: ReportStatus) {
  const period = await build.period(YEAR);
  return build.report(taskIds[target], period.id, status, 2);
}

type Target = "in" | "out";

/** A fresh open year with an ACTIVE rating scheme (each rating use case runs on its own). */
async function freshRatingYear() {
  const year = ++ratingYear;
  await prisma.year.create({ data: { year, status: "OPEN" } });
  return { year, scheme: await build.scheme(year) };
}

/**
 * A rating of the in- or out-of-scope town in a fresh year, in a status; the in-scope town's
 * panel is the county reviewer actor.
 */
async function freshRating(target: Target, status: RatingStatus = "SCORING") {
  const { year, scheme } = await freshRatingYear();
  const panel = target === "in" ? [actors.COUNTY_REVIEWER.id] : [];
  const rating = await build.rating(townIds[target], year, scheme.id, panel);
  await prisma.starRating.update({ where: { id: rating.id }, data: { status } });
  return rating;
}

/** Each action's use case, run on the in- or out-of-scope target. */
const useCases: Record<Action, (actor: Actor, target: Target) => Promise<unknown>> = {
  "dashboard.city.view": (actor) => getSummaries(actor, { kind: "city" }, YEAR),
  "county.view": (actor, target) => getCountyForActor(actor, COUNTY[target]),
  "town.view": (actor, target) => getTownForActor(actor, TOWN[target]),
  "report.edit": async (actor, target) => {
    const report = await freshReport(target, "DRAFT");
    return saveReport(actor, { reportId: report.id, expectedVersion: report.version });
  },
  "report.submit": async (actor, target) => {
    const report = await freshReport(target, "DRAFT");
    return submitReport(actor, { reportId: report.id, expectedVersion: report.version });
  },
  "report.review": async (actor, target) => {
    const report = await freshReport(target, "SUBMITTED");
    return approveReport(actor, { reportId: report.id, expectedVersion: report.version });
  },
  "report.confirm": async (actor, target) => {
    const report = await freshReport(target, "COUNTY_APPROVED");
    return confirmReport(actor, { reportId: report.id, expectedVersion: report.version });
  },
  "report.returnToCounty": async (actor, target) => {
    const report = await freshReport(target, "COUNTY_APPROVED");
    return returnToCounty(actor, {
      reportId: report.id,
      expectedVersion: report.version,
      comment: "请核实",
    });
  },
  "task.publish": (actor, target) =>
    setTasks(actor, {
      year: YEAR,
      townCodes: [TOWN[target]],
      target: "BASIC_COMPLIANCE",
      track: "STANDARD",
      deadline: `${YEAR}-12-31`,
    }),
  "rating.view": async (actor, target) => {
    const rating = await freshRating(target);
    return getRatingView(actor, TOWN[target], rating.year);
  },
  "rating.selfAssess": async (actor, target) => {
    const rating = await freshRating(target);
    return saveSelfAssessment(actor, { ratingId: rating.id, expectedVersion: 0, items: {} });
  },
  "rating.score": async (actor, target) => {
    const rating = await freshRating(target);
    return saveSheet(actor, { ratingId: rating.id, expectedVersion: 0, items: {} });
  },
  "rating.approve": async (actor, target) => {
    const rating = await freshRating(target, "SUBMITTED");
    return decideRating(actor, { ratingId: rating.id, expectedVersion: 1, decision: "APPROVE" });
  },
  "rating.manage": async (actor, target) => {
    const { year } = await freshRatingYear();
    return createRatings(actor, { year, townCodes: [TOWN[target]] });
  },
  "programme.view": (actor) => listProgrammeYears(actor),
  "programme.manage": (actor) =>
    updateYearSettings(actor, { year: YEAR, taskDeadlineOn: `${YEAR}-12-15` }),
  "town.manage": (actor, target) =>
    recordTitleEvent(actor, {
      townCode: TOWN[target],
      kind: "TITLE_AWARDED",
      title: "BASIC_COMPLIANCE",
      effectiveOn: `${YEAR}-06-01`,
      year: YEAR - 1,
      document: "衢美镇办〔2026〕1号",
    }),
  "user.manage": (actor) =>
    createUser(actor, {
      username: `new-user-${++serial}`,
      displayName: "新用户",
      password: "Access#2026x",
      role: "CITY_LEADER",
    }),
  "audit.view": (actor) => listAuditLog(actor, auditFilterSchema.parse({})),
  "confirmation.view": (actor) => listConfirmationQueue(actor, YEAR),
  "assessment.view": (actor) => getAssessmentYear(actor, YEAR),
  "assessment.county": (actor, target) => getCountyAssessment(actor, COUNTY[target]),
  "assessment.manage": (actor) =>
    createScheme(actor, {
      year: YEAR,
      name: `考核方案 ${++serial}`,
      nameEn: `Scheme ${serial}`,
      tieBreakers: [],
      excellentPercent: "30",
      excellentRounding: "HALF_UP",
      goodMinPoints: "85",
      passMinPoints: "60",
    }),
  "account.manage": (actor) => createApiToken(actor, { name: `token ${++serial}` }),
};

/** Runs the use case and names its outcome: ALLOW or the AppError code. */
async function outcome(actor: Actor, action: Action, target: Target): Promise<string> {
  try {
    await useCases[action](actor, target);
    return "ALLOW";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/** Whether the target is inside the role's scope (hand-worked for the fixture above). */
function inScope(role: Role, action: Action, target: Target): boolean {
  if (role === "CITY_ADMIN" || role === "CITY_LEADER") return true;
  if (!scopedActions.includes(action)) return true;
  return target === "in";
}

function expected(role: Role, action: Action, target: Target): string {
  if (!allowed[role].includes(action))
    return readActions.includes(action) ? "NOT_FOUND" : "FORBIDDEN";
  return inScope(role, action, target) ? "ALLOW" : "NOT_FOUND";
}

describe("access matrix (real use cases on PostgreSQL)", () => {
  it("has a use case behind every action of the catalogue", () => {
    expect(Object.keys(useCases).sort()).toEqual([...allActions].sort());
    const granted = new Set(Object.values(allowed).flat());
    expect([...granted].filter((a) => !allActions.includes(a))).toEqual([]);
  });

  const roles: Role[] = ["CITY_ADMIN", "CITY_LEADER", "COUNTY_REVIEWER", "TOWNSHIP_STAFF"];
  for (const role of roles) {
    for (const action of allActions) {
      for (const target of ["in", "out"] as const) {
        it(`${role} · ${action} · ${target}-of-scope target → ${expected(role, action, target)}`, async () => {
          expect(await outcome(actors[role], action, target)).toBe(expected(role, action, target));
        });
      }
    }
  }

  it("a temporary password is a gate: every action but the own account is refused until changed", async () => {
    const gated = { ...actors.COUNTY_REVIEWER, mustChangePassword: true };
    const refused = [
      await outcome(gated, "county.view", "in"),
      await outcome(gated, "report.review", "in"),
      await outcome(gated, "rating.view", "in"),
    ];
    expect(refused).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
    await expect(getCountyForActor(gated, COUNTY.in)).rejects.toMatchObject({
      user: { message: { key: "auth.changePasswordFirst" } },
    });
    // Their own account stays reachable, but not a new API token.
    await expect(createApiToken(gated, { name: "gated" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("a refused write changes nothing", async () => {
    const report = await freshReport("out", "SUBMITTED");
    const before = await prisma.auditLog.count();
    expect(await outcome(actors.COUNTY_REVIEWER, "report.review", "out")).toBe("NOT_FOUND");
    await expect(
      approveReport(actors.COUNTY_REVIEWER, { reportId: report.id, expectedVersion: 2 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(
      await prisma.progressReport.findUniqueOrThrow({ where: { id: report.id } }),
    ).toMatchObject({ status: "SUBMITTED", version: 2 });
    expect(await prisma.auditLog.count()).toBe(before);
  });
});

describe("scoped lists", () => {
  it("lists exactly the towns in scope", async () => {
    const codes = async (role: Role) =>
      (await listTownsForActor(actors[role])).map((t) => t.divisionCode);
    expect(await codes("CITY_LEADER")).toEqual(["330822101", "330825101", "330825109"]);
    expect(await codes("COUNTY_REVIEWER")).toEqual(["330825101", "330825109"]);
    expect(await codes("TOWNSHIP_STAFF")).toEqual(["330825109"]);
  });
});

describe("role and scope are re-read from the database", () => {
  it("a disabled user has no actor, a demoted one gets the new role at once", async () => {
    const user = await prisma.user.create({
      data: { username: "temp-admin", displayName: "临时", passwordHash: "x", role: "CITY_ADMIN" },
    });
    expect((await loadActor(user.id))?.role).toBe("CITY_ADMIN");
    await prisma.user.update({ where: { id: user.id }, data: { role: "CITY_LEADER" } });
    const demoted = (await loadActor(user.id))!;
    expect(await outcome(demoted, "user.manage", "in")).toBe("FORBIDDEN");
    await prisma.user.update({ where: { id: user.id }, data: { isActive: false } });
    expect(await loadActor(user.id)).toBeNull();
  });

  it("a session from before a password change is no longer valid", async () => {
    const changedAt = new Date("2026-11-01T08:00:00Z");
    const user = await prisma.user.create({
      data: {
        username: "pw-user",
        displayName: "改密",
        passwordHash: "x",
        role: "CITY_LEADER",
        passwordChangedAt: changedAt,
      },
    });
    expect(await loadActor(user.id, changedAt.getTime())).not.toBeNull();
    expect(await loadActor(user.id, 0)).toBeNull();
  });

  it("the database refuses a scope that does not match the role", async () => {
    await expect(
      prisma.user.create({
        data: {
          username: "bad-scope",
          displayName: "x",
          passwordHash: "x",
          role: "COUNTY_REVIEWER",
        },
      }),
    ).rejects.toThrow(/User_scope_matches_role/);
  });
});
