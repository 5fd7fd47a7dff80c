/**
 * zod schemas for user administration and passwords, shared by forms and server actions.
 * Messages are keys into the `validation` message catalogue, translated where shown.
 * Password rule: 8–128 characters with at least one letter and one digit (GB/T 22239-2019
 * 等保 2.0 asks for complexity; the exact rule is ours and configurable here).
 */
import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";

export const passwordSchema = z
  .string()
  .min(8, "validation.passwordTooShort")
  .max(128, "validation.tooLong")
  .regex(/[A-Za-z]/, "validation.passwordNeedsLetter")
  .regex(/\d/, "validation.passwordNeedsDigit");

const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "validation.usernameFormat")
  .max(40, "validation.usernameFormat")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "validation.usernameFormat");

const displayName = z.string().trim().min(1, "validation.required").max(40, "validation.tooLong");
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
  .object({ username, displayName, password: passwordSchema, ...scopeFields })
  .superRefine(scopeMatchesRole);

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

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "validation.required").max(256),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordMismatch",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "validation.passwordUnchanged",
  });

export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;
