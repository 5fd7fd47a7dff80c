/**
 * next-intl request configuration: the locale comes from the `NEXT_LOCALE` cookie (no locale
 * prefix in URLs, so links stay shareable between languages), messages from the catalogues.
 */
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "./catalogue";
import { localeCookie, timeZone, toLocale } from "./config";

export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(localeCookie)?.value);
  const messages = await loadMessages(locale);
  return {
    locale,
    messages,
    timeZone,
    formats: {
      dateTime: {
        date: { year: "numeric", month: "2-digit", day: "2-digit" },
        dateTime: {
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
        },
      },
      number: {
        points: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
        wan: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
      },
    },
  };
});
