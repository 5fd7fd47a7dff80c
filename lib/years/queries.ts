/**
 * The programme years (创建年度) every page chooses from. Years are not scoped: every signed-in
 * role sees the same list (what lies in each year is scoped by the readers of that data).
 * The current year is the newest OPEN year, else the newest year, else the calendar year.
 */
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { shanghaiToday } from "@/lib/domain/calendar";
import { liveFigures } from "@/lib/system/data-version";
import type { YearStatus } from "@/lib/generated/prisma/enums";

/**
 * Every year with its status, newest first (once per request; read once per data version in
 * this process, lib/system/data-version.ts). Shared between requests: do not mutate.
 */
export const listYears = cache(async (): Promise<{ year: number; status: YearStatus }[]> =>
  liveFigures(
    "years",
    () => db().year.findMany({ orderBy: { year: "desc" }, select: { year: true, status: true } }),
    { readsDrafts: false },
  ),
);

/** The newest year open for reporting, or null when none is open. */
export async function getOpenYear(): Promise<number | null> {
  return (await listYears()).find((y) => y.status === "OPEN")?.year ?? null;
}

/**
 * Parses a `?year=` value against the known years, falling back to the current year.
 * @returns the year to show, every year (newest first) and the current one.
 */
export async function resolveYear(
  raw: string | string[] | undefined | null,
): Promise<{ year: number; years: number[]; current: number }> {
  const rows = await listYears();
  const years = rows.map((y) => y.year);
  const current =
    rows.find((y) => y.status === "OPEN")?.year ?? years[0] ?? shanghaiToday().getUTCFullYear();
  const wanted = Number(Array.isArray(raw) ? raw[0] : raw);
  return { year: years.includes(wanted) ? wanted : current, years, current };
}

/**
 * A year's reporting periods (报送周期) in order: index and names in both languages, for
 * filters and pickers. Not scoped (periods are the same for every town). Empty for an unknown
 * year or one whose periods are not set yet.
 */
export const listYearPeriods = cache(
  async (year: number): Promise<{ index: number; name: string; nameEn: string }[]> =>
    db().reportingPeriod.findMany({
      where: { year },
      orderBy: { index: "asc" },
      select: { index: true, name: true, nameEn: true },
    }),
);
