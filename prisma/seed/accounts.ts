/**
 * Demo accounts: one city administrator, one city leader, two reviewers per county
 * (`reviewer-<county code>` and `reviewer2-<county code>`: a rating panel needs more than one)
 * and one staff account per town (`staff-<town code>`), all with the same demo password. The
 * seed hashes the password once and reuses the hash.
 */
import type { Role } from "@/lib/generated/prisma/enums";
import { COUNTIES, type TownProfile } from "./divisions";

/** The password of every demo account (printed by `npm run demo`). */
export const DEMO_PASSWORD = "Meizhen#2026";

export const ADMIN_USERNAME = "admin";
export const LEADER_USERNAME = "leader";

/** `reviewer-330825` for 龙游县. */
export function reviewerUsername(countyCode: string): string {
  return `reviewer-${countyCode}`;
}

/** A county's reviewers, the first one first: `reviewer-330825`, `reviewer2-330825`. */
export function reviewerUsernames(countyCode: string): [string, string] {
  return [reviewerUsername(countyCode), `reviewer2-${countyCode}`];
}

/** `staff-330825109` for 溪口镇. */
export function staffUsername(townCode: string): string {
  return `staff-${townCode}`;
}

export type AccountSeed = {
  username: string;
  displayName: string;
  role: Role;
  countyCode: string | null;
  townCode: string | null;
};

/** Every demo account, city roles first, then reviewers by county, then staff by town code. */
export function demoAccounts(towns: readonly TownProfile[]): AccountSeed[] {
  return [
    {
      username: ADMIN_USERNAME,
      displayName: "市美镇办管理员",
      role: "CITY_ADMIN",
      countyCode: null,
      townCode: null,
    },
    {
      username: LEADER_USERNAME,
      displayName: "市领导",
      role: "CITY_LEADER",
      countyCode: null,
      townCode: null,
    },
    ...COUNTIES.flatMap((county) =>
      reviewerUsernames(county.divisionCode).map((username, i) => ({
        username,
        displayName: `${county.name}审核员${i === 0 ? "" : "（二）"}`,
        role: "COUNTY_REVIEWER" as const,
        countyCode: county.divisionCode,
        townCode: null,
      })),
    ),
    ...[...towns]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((town) => ({
        username: staffUsername(town.code),
        displayName: `${town.name}填报员`,
        role: "TOWNSHIP_STAFF" as const,
        countyCode: null,
        townCode: town.code,
      })),
  ];
}
