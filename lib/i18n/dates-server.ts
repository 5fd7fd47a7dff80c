/**
 * `getDates()`: the UI's date formats (lib/i18n/dates.ts) for async server components.
 */
import { getFormatter } from "next-intl/server";
import { datesOf, type Dates } from "./dates";

/** The date formats of the request's locale (see lib/i18n/dates.ts). */
export async function getDates(): Promise<Dates> {
  return datesOf(await getFormatter());
}
