/**
 * Refused writes in the audit log (issue 14, item 9): a 403 or a 404 on a write is recorded
 * once through the presenter (actor when known, client address, what was refused), a refused
 * read is not, and a flood from one address costs at most REFUSALS_PER_MINUTE rows plus one
 * summary row per minute, while another address still gets its own rows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/prisma-client";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { scratchApp } from "@/lib/testing/builders";
import { MAX_ADDRESSES, REFUSALS_PER_MINUTE, RefusalThrottle } from "./refusals";

vi.mock("next-intl/server", () => ({
  getTranslations: async () => (key: string) => key,
}));

const { presentError } = await import("@/lib/errors/present");
const { flushRefusals } = await import("./refusals");

let prisma: PrismaClient;
let drop: () => Promise<void>;
let userId = 0;

beforeAll(async () => {
  ({ prisma, drop } = await scratchApp("audit_refusals"));
  const user = await prisma.user.create({
    data: {
      username: "staff-330825109",
      displayName: "溪口镇",
      passwordHash: "x",
      role: "CITY_ADMIN",
    },
  });
  userId = user.id;
});
afterAll(async () => {
  vi.useRealTimers();
  await drop?.();
});
beforeEach(async () => {
  vi.spyOn(log, "warn").mockImplementation(() => undefined);
  await prisma.auditLog.deleteMany();
});

const client = (ip: string) => ({ ip, userAgent: "attack/1.0" });
const actor = (ip: string) => ({ id: userId, username: "staff-330825109", client: client(ip) });

describe("RefusalThrottle (pure)", () => {
  it("gives each address its first rows of a minute, then counts; a new minute starts over", () => {
    const throttle = new RefusalThrottle(3, 100);
    const t0 = Date.UTC(2026, 11, 5, 1, 20, 0);
    const taken = Array.from({ length: 5 }, () => throttle.take("10.0.0.1", t0 + 1000));
    expect(taken).toEqual([true, true, true, false, false]);
    expect(throttle.take("10.0.0.2", t0 + 2000)).toBe(true);
    expect(throttle.due(t0 + 59_999)).toEqual([]);
    expect(throttle.due(t0 + 60_000)).toEqual([
      { ip: "10.0.0.1", minute: t0 / 60_000, suppressed: 2 },
    ]);
    expect(throttle.take("10.0.0.1", t0 + 60_001)).toBe(true);
  });

  it("a counter that rolls over before a flush still hands over its count", () => {
    const throttle = new RefusalThrottle(1, 100);
    const t0 = Date.UTC(2026, 11, 5, 1, 20, 0);
    throttle.take(null, t0);
    throttle.take(null, t0 + 1);
    throttle.take(null, t0 + 60_000); // next minute, no flush in between
    expect(throttle.due(t0 + 60_001)).toEqual([{ ip: null, minute: t0 / 60_000, suppressed: 1 }]);
  });

  it("past MAX addresses, new ones share one counter that writes no row of its own", () => {
    const throttle = new RefusalThrottle(10, 2);
    const t0 = Date.UTC(2026, 11, 5, 1, 20, 0);
    expect(throttle.take("a", t0)).toBe(true);
    expect(throttle.take("b", t0)).toBe(true);
    expect(throttle.take("c", t0)).toBe(false);
    expect(throttle.take("d", t0)).toBe(false);
    expect(throttle.due(t0 + 60_000)).toEqual([{ ip: null, minute: t0 / 60_000, suppressed: 2 }]);
    expect(MAX_ADDRESSES).toBeGreaterThan(1000);
  });
});

describe("refused writes through the presenter", () => {
  it("records a 403 and a forged-id 404 on a write once each, with actor, address and what", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2026, 11, 5, 1, 0, 1));
    const forbidden = await presentError(
      new AppError("FORBIDDEN", {}, undefined, { action: "report.review" }),
      { actor: actor("203.0.113.9"), where: "report.approve", write: true },
    );
    expect(forbidden.status).toBe(403);
    const notFound = await presentError(new AppError("NOT_FOUND"), {
      actor: null,
      client: client("203.0.113.10"),
      where: "POST /api/reports/999999/evidence",
      write: true,
    });
    expect(notFound.status).toBe(404);
    // A refused read is not a refused write: not recorded.
    await presentError(new AppError("NOT_FOUND"), { actor: null, where: "GET /export/towns" });
    const rows = await prisma.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.action, r.actorId, r.ip, r.userAgent, r.after])).toEqual([
      [
        "access.denied",
        userId,
        "203.0.113.9",
        "attack/1.0",
        { action: "report.review", code: "FORBIDDEN", where: "report.approve" },
      ],
      [
        "access.denied",
        null,
        "203.0.113.10",
        "attack/1.0",
        {
          action: "POST /api/reports/999999/evidence",
          code: "NOT_FOUND",
          where: "POST /api/reports/999999/evidence",
        },
      ],
    ]);
  });

  it("a flood of 60 refusals from one address in a minute: 10 rows, then one summary row", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.UTC(2026, 11, 5, 1, 30, 0);
    vi.setSystemTime(t0 + 1000);
    const refuse = (ip: string) =>
      presentError(new AppError("FORBIDDEN", {}, undefined, { action: "task.publish" }), {
        actor: actor(ip),
        where: "task.set",
        write: true,
      });
    await Promise.all(Array.from({ length: 60 }, () => refuse("198.51.100.7")));
    await refuse("198.51.100.8"); // another address is not silenced by the flood
    expect(await prisma.auditLog.count({ where: { ip: "198.51.100.7" } })).toBe(
      REFUSALS_PER_MINUTE,
    );
    expect(await prisma.auditLog.count({ where: { ip: "198.51.100.8" } })).toBe(1);
    vi.setSystemTime(t0 + 60_500);
    await flushRefusals();
    const summary = await prisma.auditLog.findMany({ where: { entityId: "*" } });
    expect(summary.map((r) => [r.action, r.ip, r.after])).toEqual([
      [
        "access.denied",
        "198.51.100.7",
        {
          action: "*",
          code: "*",
          where: "*",
          suppressed: 60 - REFUSALS_PER_MINUTE,
          minute: new Date(t0).toISOString(),
        },
      ],
    ]);
    // Flushed once: a second flush writes nothing more.
    await flushRefusals();
    expect(await prisma.auditLog.count()).toBe(REFUSALS_PER_MINUTE + 1 + 1);
  });
});
