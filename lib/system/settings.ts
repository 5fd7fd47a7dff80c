/**
 * Installation-wide settings (SystemSetting rows). The `demoData` key is written by the demo
 * seed; when present the UI marks every page 演示数据.
 */
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { liveFigures } from "@/lib/system/data-version";

/**
 * True when the database holds the demo data set (cached per request, and read once per data
 * version in this process: lib/system/data-version.ts).
 */
export const isDemoData = cache(async (): Promise<boolean> =>
  liveFigures(
    "demoData",
    async () => {
      const row = await db().systemSetting.findUnique({ where: { key: "demoData" } });
      return row !== null;
    },
    { readsDrafts: false },
  ),
);
