"use server";
/**
 * Server action behind the language switch: stores the chosen locale in the NEXT_LOCALE
 * cookie for a year. A preference, not programme data, so it is not audited.
 */
import { cookies } from "next/headers";
import { z } from "zod";
import { errorState, type FormState } from "@/lib/validation/form-state";
import { localeCookie, locales } from "./config";

const input = z.enum(locales);

/**
 * Sets the UI language. A value other than zh-CN or en (only a forged call sends one) leaves
 * the cookie as it was and answers with the translated refusal.
 */
export async function setLocale(locale: string): Promise<FormState> {
  const parsed = input.safeParse(locale);
  if (!parsed.success) return errorState(parsed.error, "locale.set");
  (await cookies()).set(localeCookie, parsed.data, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
  });
  return { status: "ok" };
}
