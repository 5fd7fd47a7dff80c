/**
 * The password policy (lib/validation/user.ts): length, two kinds of characters, the common
 * passwords list, the user name; the same schema the form and the server use.
 */
import { describe, expect, it } from "vitest";
import { changePasswordSchema, createUserSchema, passwordProblems } from "./user";

describe("passwordProblems", () => {
  it("accepts a long password of two kinds that is neither common nor the user name", () => {
    expect(passwordProblems("Longyou-Shuiku2026", "staff-330825109")).toEqual([]);
    expect(passwordProblems("bamboo river 77", "admin")).toEqual([]);
  });

  it.each([
    ["password1", ["validation.passwordTooShort"]], // the issue's example: 9 characters
    ["Abc12345!", ["validation.passwordTooShort"]],
    ["abcdefghijkl", ["validation.passwordOneClass"]],
    ["12345678901", ["validation.passwordOneClass", "validation.passwordCommon"]],
    ["password123", ["validation.passwordCommon"]],
    ["PASSWORD123", ["validation.passwordCommon"]], // the list is compared case-insensitively
    ["1q2w3e4r5t", ["validation.passwordCommon"]],
    ["qwerty123456", ["validation.passwordCommon"]],
  ])("refuses %s", (password, problems) => {
    expect(passwordProblems(password)).toEqual(problems);
  });

  it("refuses a password containing the user name, whatever its case", () => {
    expect(passwordProblems("Leader-2026-xyz", "leader")).toEqual([
      "validation.passwordHasUsername",
    ]);
    expect(passwordProblems("my330825109Pass", "330825109")).toEqual([
      "validation.passwordHasUsername",
    ]);
    // Names under 3 characters are not looked for (they would refuse too much).
    expect(passwordProblems("ab-Longer-2026", "ab")).toEqual([]);
  });
});

describe("schemas that carry the policy", () => {
  const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
    r.error?.issues.map((i) => i.message) ?? [];

  it("the own-password change checks the new password against the account's name", () => {
    const schema = changePasswordSchema("leader");
    expect(
      messages(
        schema.safeParse({
          currentPassword: "Old-pass-2026",
          newPassword: "leader2026!!",
          confirmPassword: "leader2026!!",
        }),
      ),
    ).toEqual(["validation.passwordHasUsername"]);
    expect(
      schema.safeParse({
        currentPassword: "Old-pass-2026",
        newPassword: "Qu-zhou-2027",
        confirmPassword: "Qu-zhou-2027",
      }).success,
    ).toBe(true);
  });

  it("a new user's initial password is checked against the new user name", () => {
    const result = createUserSchema.safeParse({
      username: "baishi",
      displayName: "白石镇",
      password: "Baishi-2026",
      role: "CITY_LEADER",
    });
    expect(messages(result)).toEqual(["validation.passwordHasUsername"]);
  });
});
