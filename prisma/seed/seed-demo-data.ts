/**
 * Loads the Quzhou demo data set (see docs/DEMO-DATA.md) in one transaction: a failure
 * leaves the database as it was. Idempotent: when SystemSetting `demoData` already records
 * this seed version, nothing happens. `reset` first empties every table except Prisma's
 * migration history (TRUNCATE … RESTART IDENTITY CASCADE), so ids restart and the data set
 * comes out identical on every run.
 */
import { hashPassword } from "@/lib/auth/password";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_PASSWORD } from "./accounts";
import { buildAssessments } from "./assessments";
import { townProfiles } from "./divisions";
import { buildProgramme } from "./programme";
import { buildStarRatings } from "./ratings";
import { buildTitleEvents } from "./titles";
import { writeDemoData, type DemoData } from "./write";

/** Bump when the demo data changes, so existing installations know to reload (--reset). */
export const DEMO_DATA_VERSION = "2026.1";
/** The fixed "as of" instant of the data set (the demo's today: 2023 Q4 reports are coming in). */
export const DEMO_DATA_SEEDED_AT = "2024-01-12T09:00:00+08:00";
export const DEMO_DATA_KEY = "demoData";

export type DemoDataSetting = { version: string; seededAt: string; note: string };

/** Builds the whole data set in memory (pure, about a second). */
export function buildDemoData(): DemoData {
  const plan = buildProgramme(townProfiles());
  const { targets, assessments } = buildAssessments(plan);
  return {
    plan,
    titleEvents: buildTitleEvents(plan.towns),
    ratings: buildStarRatings(plan.towns),
    assessmentTargets: targets,
    assessments,
  };
}

async function truncateAll(tx: Prisma.TransactionClient): Promise<void> {
  const tables = await tx.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = tables.map((t) => `"${t.tablename.replaceAll('"', '""')}"`).join(", ");
  await tx.$executeRawUnsafe(`TRUNCATE TABLE ${list} RESTART IDENTITY CASCADE`);
}

function isCurrent(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { version?: unknown }).version === DEMO_DATA_VERSION
  );
}

/**
 * Seeds the demo data unless this version is already loaded.
 * @param options.reset wipe every table (except `_prisma_migrations`) and seed again.
 * @returns `{ skipped: true }` when the current version was already there and nothing changed.
 * @throws when the database holds other data (or another demo version) and `reset` is not set,
 *   or when any insert fails (the transaction is rolled back).
 */
export async function seedDemoData(
  prisma: PrismaClient,
  options: { reset?: boolean } = {},
): Promise<{ skipped: boolean }> {
  const reset = options.reset ?? false;
  if (!reset) {
    const existing = await prisma.systemSetting.findUnique({ where: { key: DEMO_DATA_KEY } });
    if (existing && isCurrent(existing.value)) return { skipped: true };
  }
  const data = buildDemoData();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seededAt = new Date(DEMO_DATA_SEEDED_AT);

  return prisma.$transaction(
    async (tx) => {
      if (reset) {
        await truncateAll(tx);
      } else {
        const existing = await tx.systemSetting.findUnique({ where: { key: DEMO_DATA_KEY } });
        if (existing && isCurrent(existing.value)) return { skipped: true };
        if (existing) {
          throw new Error(
            `The database holds another version of the demo data; reload it with --reset (wipes all data).`,
          );
        }
        if ((await tx.town.count()) > 0 || (await tx.user.count()) > 0) {
          throw new Error(
            "The database already holds towns or users; demo data is only loaded into an empty database (or with --reset, which wipes all data).",
          );
        }
      }
      await writeDemoData(tx, data, passwordHash, seededAt);
      const setting: DemoDataSetting = {
        version: DEMO_DATA_VERSION,
        seededAt: DEMO_DATA_SEEDED_AT,
        note: "演示数据：区划为真实数据，其余（创建名单、达标、指标值、项目、评分、考核）均为演示拟定，仅复现公开发布的汇总数字。Demo data; see docs/DEMO-DATA.md.",
      };
      await tx.systemSetting.create({
        data: { key: DEMO_DATA_KEY, value: setting, updatedAt: seededAt },
      });
      return { skipped: false };
    },
    { maxWait: 20_000, timeout: 180_000 },
  );
}
