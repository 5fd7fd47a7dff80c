/**
 * next-intl request configuration: the locale comes from the `NEXT_LOCALE` cookie (no locale
 * prefix in URLs, so links stay shareable between languages), messages from the catalogues.
 */
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "./catalogue";
import { localeCookie, timeZone, toLocale } from "./config";
import { formats } from "./formats";

export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(localeCookie)?.value);
  const messages = await loadMessages(locale);
  return {
    locale,
    messages,
    timeZone,
    formats,
  };
});
