/** In the programme: only a published task counts. */
import { describe, expect, it } from "vitest";
import { inProgrammeTaskWhere, inProgrammeTownWhere, isInProgramme } from "./programme";

describe("isInProgramme", () => {
  it("counts PUBLISHED and CLOSED tasks, not DRAFT ones or none", () => {
    expect(isInProgramme({ status: "PUBLISHED" })).toBe(true);
    expect(isInProgramme({ status: "CLOSED" })).toBe(true);
    expect(isInProgramme({ status: "DRAFT" })).toBe(false);
    expect(isInProgramme(null)).toBe(false);
  });
  it("builds the same rule as Prisma filters", () => {
    expect(inProgrammeTaskWhere(2026)).toEqual({
      year: 2026,
      status: { in: ["PUBLISHED", "CLOSED"] },
    });
    expect(inProgrammeTownWhere(2026, false)).toEqual({
      NOT: { tasks: { some: { year: 2026, status: { in: ["PUBLISHED", "CLOSED"] } } } },
    });
  });
});
