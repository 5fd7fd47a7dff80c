/**
 * zod schemas for the creation list (创建名单): bulk-setting the tasks of a year and publishing
 * them. Messages are keys of the `validation` and `tasks` catalogues.
 */
import { z } from "zod";
import { CreationTarget, Track } from "@/lib/generated/prisma/enums";

const townCodes = z
  .array(z.string().regex(/^\d{9}$/, "validation.codeFormat"))
  .min(1, "tasks.noneSelected")
  .max(500);
const year = z.coerce.number().int().min(2000).max(2100);

/** Sets target, track and deadline (a calendar date, YYYY-MM-DD) on the chosen towns' tasks. */
export const setTasksSchema = z.object({
  year,
  townCodes,
  target: z.enum(CreationTarget, { error: "validation.invalidChoice" }),
  track: z.enum(Track, { error: "validation.invalidChoice" }),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "validation.format"),
});

/** Publishes the chosen towns' draft tasks of a year. */
export const publishTasksSchema = z.object({ year, townCodes });

/** The year a creation-list file is imported into (the file itself is checked row by row). */
export const importCreationListSchema = z.object({ year });
