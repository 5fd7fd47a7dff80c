/**
 * zod schemas for user administration and passwords, shared by forms and server actions.
 * Messages are keys into the `validation` message catalogue, translated where shown.
 * Password policy (one owner: `passwordProblems`; the server's schemas and the browser's
 * forms both use it): at least 10 characters (NIST SP 800-63B §3.1.1.2 asks for 8 or more and a
 * blocklist; 10 is ours), at most 128; at least two of lower-case letters, upper-case letters,
 * digits and other characters (GB/T 22239-2019 等保 2.0 asks for complexity); not one of the
 * common passwords (./common-passwords.ts); not containing the user name.
 */
import { z } from "zod";
import { storableString } from "./text";
import { Role } from "@/lib/generated/prisma/enums";
import { commonPasswords } from "./common-passwords";

/** The shortest password accepted. */
export const PASSWORD_MIN_LENGTH = 10;

const common = new Set(commonPasswords);
const characterClasses = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/];

/**
 * What is wrong with a password under the policy, as message keys in the order the rules are
 * listed above (empty when it passes).
 * @param username the account's user name, when known (a password containing it is refused;
 *   names shorter than 3 characters are not looked for).
 */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push("validation.passwordTooShort");
  if (password.length > 128) problems.push("validation.tooLong");
  if (characterClasses.filter((c) => c.test(password)).length < 2) {
    problems.push("validation.passwordOneClass");
  }
  if (common.has(password.toLowerCase())) problems.push("validation.passwordCommon");
  const name = username?.trim().toLowerCase() ?? "";
  if (name.length >= 3 && password.toLowerCase().includes(name)) {
    problems.push("validation.passwordHasUsername");
  }
  return problems;
}

/** Adds the policy's problems of `password` for `username` at `path` (object refinements). */
function checkPassword(
  password: string,
  username: string,
  path: string,
  ctx: z.RefinementCtx,
): void {
  for (const message of passwordProblems(password, username)) {
    ctx.addIssue({ code: "custom", path: [path], message });
  }
}

const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "validation.usernameFormat")
  .max(40, "validation.usernameFormat")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "validation.usernameFormat");

const displayName = storableString()
  .trim()
  .min(1, "validation.required")
  .max(40, "validation.tooLong");
const optionalCode = (digits: number) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(
      z
        .string()
        .regex(new RegExp(`^\\d{${digits}}$`), "validation.codeFormat")
        .optional(),
    )
    .optional();

const scopeFields = {
  role: z.enum(Role, { error: "validation.required" }),
  countyCode: optionalCode(6),
  townCode: optionalCode(9),
};

/** Checks that the scope matches the role: reviewers a county, staff a town, city roles none. */
function scopeMatchesRole(
  value: { role: Role; countyCode?: string; townCode?: string },
  ctx: z.RefinementCtx,
): void {
  if (value.role === "COUNTY_REVIEWER" && !value.countyCode) {
    ctx.addIssue({ code: "custom", path: ["countyCode"], message: "validation.countyRequired" });
  }
  if (value.role === "TOWNSHIP_STAFF" && !value.townCode) {
    ctx.addIssue({ code: "custom", path: ["townCode"], message: "validation.townRequired" });
  }
}

export const createUserSchema = z
  .object({ username, displayName, password: z.string(), ...scopeFields })
  .superRefine(scopeMatchesRole)
  .superRefine((v, ctx) => checkPassword(v.password, v.username, "password", ctx));

export const updateUserSchema = z
  .object({
    id: z.coerce.number().int().positive(),
    displayName,
    isActive: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
    /** The updatedAt the editor loaded (ISO); a different one means someone else saved first. */
    expectedUpdatedAt: z.iso.datetime({ offset: true }),
    ...scopeFields,
  })
  .superRefine(scopeMatchesRole);

/**
 * The own-password change of the account `username` (the server passes the actor's name, the
 * browser's form the name the page shows).
 */
export function changePasswordSchema(username: string) {
  return z
    .object({
      currentPassword: z.string().min(1, "validation.required").max(256),
      newPassword: z.string(),
      confirmPassword: z.string(),
    })
    .superRefine((v, ctx) => checkPassword(v.newPassword, username, "newPassword", ctx))
    .refine((v) => v.newPassword === v.confirmPassword, {
      path: ["confirmPassword"],
      message: "validation.passwordMismatch",
    })
    .refine((v) => v.newPassword !== v.currentPassword, {
      path: ["newPassword"],
      message: "validation.passwordUnchanged",
    });
}

export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;
