import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issueFields } from "./issues";

const schema = z.object({
  reportId: z.coerce.number().int().positive().max(2_147_483_647),
  expectedVersion: z.coerce.number().int().min(1),
  comment: z.string().trim().min(2).max(5),
  items: z.array(z.string()).min(1),
});
const fields = (input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? {} : issueFields(result.error.issues);
};

describe("issueFields", () => {
  it("names a number past its bounds out of range, and a fraction where a whole number belongs malformed", () => {
    expect(
      fields({ reportId: "99999999999", expectedVersion: 0, comment: "好的", items: ["a"] }),
    ).toEqual({ reportId: "validation.outOfRange", expectedVersion: "validation.outOfRange" });
    expect(
      fields({ reportId: "1.5", expectedVersion: "-3", comment: "好的", items: ["a"] }),
    ).toEqual({ reportId: "validation.format", expectedVersion: "validation.outOfRange" });
    // Past 2^53 zod reports its own bound for whole numbers first (origin "int").
    expect(
      fields({
        reportId: "99999999999999999999",
        expectedVersion: "-99999999999999999999",
        comment: "好的",
        items: ["a"],
      }),
    ).toEqual({ reportId: "validation.outOfRange", expectedVersion: "validation.outOfRange" });
  });

  it("keeps too short and too long for text and lists, required for what is missing", () => {
    expect(fields({ reportId: 1, expectedVersion: 1, comment: "好", items: [] })).toEqual({
      comment: "validation.tooShort",
      items: "validation.tooShort",
    });
    expect(fields({ reportId: 1, expectedVersion: 1, comment: "太长的一句话" })).toEqual({
      comment: "validation.tooLong",
      items: "validation.required",
    });
  });
});
