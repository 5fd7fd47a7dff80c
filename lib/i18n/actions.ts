"use server";
/**
 * Server action behind the language switch: stores the chosen locale in the NEXT_LOCALE
 * cookie for a year. A preference, not programme data, so it is not audited.
 */
import { cookies } from "next/headers";
import { z } from "zod";
import { localeCookie, locales } from "./config";

const input = z.enum(locales);

/** Sets the UI language. @throws ZodError when `locale` is not zh-CN or en. */
export async function setLocale(locale: string): Promise<void> {
  const value = input.parse(locale);
  (await cookies()).set(localeCookie, value, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
  });
}
