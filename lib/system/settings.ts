/**
 * Installation-wide settings (SystemSetting rows). The `demoData` key is written by the demo
 * seed; when present the UI marks every page 演示数据.
 */
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";

/** True when the database holds the demo data set (cached per request). */
export const isDemoData = cache(async (): Promise<boolean> => {
  const row = await db().systemSetting.findUnique({ where: { key: "demoData" } });
  return row !== null;
});
