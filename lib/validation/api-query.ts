/**
 * zod schemas of the query strings the JSON API and the exports share: a programme year and a
 * county's 6-digit division code, both optional.
 */
import { z } from "zod";

/** `?year=` (2000–2100) and `?county=` (6-digit code), both optional. */
export const yearCountyQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  county: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

/** `?county=` (6-digit code), optional. */
export const countyQuery = yearCountyQuery.pick({ county: true });
