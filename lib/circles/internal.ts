/**
 * What the circle reads and writes share: the version token of a belt, circle or membership
 * (optimistic concurrency: those tables have no version column, so the token is a hash of the
 * fields an editor sees), and the closed years read under a share lock inside a change.
 * Unscoped: app/ and components/ may not import it.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A short token for the state of a row as an editor saw it: equal tokens, equal fields.
 * @param fields the row's editable fields (order-independent).
 */
export function versionOf(fields: Record<string, string | number | boolean | null>): string {
  const stable = Object.keys(fields)
    .sort()
    .map((key) => [key, fields[key]]);
  return createHash("sha256").update(JSON.stringify(stable)).digest("base64url").slice(0, 16);
}

/** The version token of a belt. */
export const beltVersion = (b: {
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  fromYear: number;
  untilYear: number | null;
}) =>
  versionOf({
    code: b.code,
    name: b.name,
    nameEn: b.nameEn,
    description: b.description,
    fromYear: b.fromYear,
    untilYear: b.untilYear,
  });

/** The version token of a circle (its own fields, not its towns: they have their own). */
export const circleVersion = (c: {
  beltId: number | null;
  code: string;
  name: string;
  nameEn: string;
  isModel: boolean;
  description: string | null;
  fromYear: number;
  untilYear: number | null;
}) =>
  versionOf({
    beltId: c.beltId,
    code: c.code,
    name: c.name,
    nameEn: c.nameEn,
    isModel: c.isModel,
    description: c.description,
    fromYear: c.fromYear,
    untilYear: c.untilYear,
  });

/** The version token of a membership. */
export const membershipVersion = (m: {
  isLead: boolean;
  fromYear: number;
  untilYear: number | null;
}) => versionOf({ isLead: m.isLead, fromYear: m.fromYear, untilYear: m.untilYear });

/**
 * The CLOSED years, ascending. Inside a change (`tx`) every year row is share-locked, so no
 * year can be closed while the change decides what it may touch.
 */
export async function closedYears(
  client: Pick<Prisma.TransactionClient, "$queryRaw">,
  lock = false,
): Promise<number[]> {
  const rows = lock
    ? await client.$queryRaw<{ year: number; status: string }[]>`
        SELECT year, status::text AS status FROM "Year" ORDER BY year FOR SHARE`
    : await client.$queryRaw<{ year: number; status: string }[]>`
        SELECT year, status::text AS status FROM "Year" ORDER BY year`;
  return rows.filter((r) => r.status === "CLOSED").map((r) => r.year);
}
