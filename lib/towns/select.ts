/**
 * The Prisma selections of a town's and a county's names that lists and pages show (the one
 * shape, so every module names a place the same way).
 */
import type { Prisma } from "@/lib/generated/prisma/client";

/** A county's code and names. */
export const countyNameSelect = {
  divisionCode: true,
  name: true,
  nameEn: true,
} as const satisfies Prisma.CountySelect;

/** A town's code and names with its county's. */
export const townWithCountySelect = {
  divisionCode: true,
  name: true,
  nameEn: true,
  county: { select: countyNameSelect },
} as const satisfies Prisma.TownSelect;
