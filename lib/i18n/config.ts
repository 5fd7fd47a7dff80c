/**
 * Locales of the UI. zh-CN is the default for every visitor; English is chosen with the
 * language switch and remembered in the `NEXT_LOCALE` cookie. All dates and times are shown
 * in Asia/Shanghai, whatever the server's or the browser's zone.
 */
export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "zh-CN";
export const localeCookie = "NEXT_LOCALE";
export const timeZone = "Asia/Shanghai";

/** Narrows any string (cookie value, header) to a supported locale, else the default. */
export function toLocale(value: string | undefined | null): Locale {
  return locales.find((l) => l === value) ?? defaultLocale;
}
