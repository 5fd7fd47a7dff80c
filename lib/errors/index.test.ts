import { describe, expect, it } from "vitest";
import { fromDatabaseError } from "./index";

/** An error shaped as Prisma's known request errors are (name and code). */
function prismaError(code: string): Error {
  return Object.assign(new Error(`Invalid invocation:\n\nfailed (${code})`), {
    name: "PrismaClientKnownRequestError",
    code,
  });
}

describe("fromDatabaseError", () => {
  it.each([
    ["P2000", "VALIDATION", "validation.outOfRange"],
    ["P2020", "VALIDATION", "validation.outOfRange"],
    ["P2002", "CONFLICT", "errors.duplicate"],
    ["P2034", "CONFLICT", "errors.tryAgain"],
  ])("turns %s into %s (%s)", (prisma, code, key) => {
    const error = fromDatabaseError(prismaError(prisma));
    expect(error?.code).toBe(code);
    expect(error?.user.message?.key).toBe(key);
  });

  it.each([
    ["22003", "VALIDATION", "validation.outOfRange"],
    ["22001", "VALIDATION", "validation.outOfRange"],
    ["23505", "CONFLICT", "errors.duplicate"],
    ["40P01", "CONFLICT", "errors.tryAgain"],
  ])("judges a failed raw statement (P2010) by its SQLSTATE %s: %s (%s)", (sqlstate, code, key) => {
    // The shape of a raw statement's failure through the pg driver adapter (seen in the log of
    // a 15-digit draft value, e2e/attack.spec.ts).
    const error = Object.assign(prismaError("P2010"), {
      meta: { driverAdapterError: { cause: { originalCode: sqlstate, kind: "ValueOutOfRange" } } },
    });
    const appError = fromDatabaseError(error);
    expect(appError?.code).toBe(code);
    expect(appError?.user.message?.key).toBe(key);
  });

  it("leaves a raw statement's other failures unexpected", () => {
    const error = Object.assign(prismaError("P2010"), {
      meta: { driverAdapterError: { cause: { originalCode: "42P01" } } },
    });
    expect(fromDatabaseError(error)).toBeNull();
    expect(fromDatabaseError(prismaError("P2010"))).toBeNull();
  });

  it("turns a record that is gone (P2025) into NOT_FOUND", () => {
    expect(fromDatabaseError(prismaError("P2025"))?.code).toBe("NOT_FOUND");
  });

  it("turns the server's overload into UNAVAILABLE with a Retry-After", () => {
    // No transaction started in time (Prisma) / no pool connection in time (pg-pool).
    for (const error of [
      prismaError("P2028"),
      new Error("timeout exceeded when trying to connect"),
    ]) {
      const appError = fromDatabaseError(error);
      expect(appError?.code).toBe("UNAVAILABLE");
      expect(appError?.status).toBe(503);
      expect(appError?.retryAfterSeconds).toBe(5);
    }
  });

  it("leaves every other error unexpected", () => {
    expect(fromDatabaseError(prismaError("P1001"))).toBeNull();
    expect(fromDatabaseError(new Error("boom"))).toBeNull();
    expect(fromDatabaseError("P2020")).toBeNull();
  });
});
