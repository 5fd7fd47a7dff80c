/**
 * What the lists behind the key figures (/towns, /projects) read from their URL, and where
 * their "back" link leads. The URL holds identifiers only: `year`, `figure` (a figure key) and
 * `county` (a county's 6-digit division code).
 */
import "server-only";
import { can, type Actor } from "@/lib/access";
import type { PageSearchParams } from "@/lib/auth/session";
import type { Area } from "./queries";
import { queryValue } from "@/lib/http/query";

/** The raw `figure` and the area (`county`, else the city) of a list's URL. */
export function listParams(query: PageSearchParams): {
  figure: string | undefined;
  county: string | null;
  area: Area;
} {
  const rawCounty = queryValue(query.county);
  const county = rawCounty && /^\d{6}$/.test(rawCounty) ? rawCounty : null;
  return {
    figure: queryValue(query.figure),
    county,
    area: county ? { kind: "county", code: county } : { kind: "city" },
  };
}

/** The dashboard a list came from: its county's page, else the cockpit (city roles), else home. */
export function listBackHref(actor: Actor, county: string | null, year: number): string {
  if (county) return `/counties/${county}?year=${year}`;
  return can(actor, "dashboard.city.view") ? `/dashboard?year=${year}` : "/";
}
