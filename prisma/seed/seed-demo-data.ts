/**
 * Loads the Quzhou demo data set (see docs/DEMO-DATA.md) in one transaction: a failure
 * leaves the database as it was. The data lives at a reference date (./clock.ts): the clock's
 * Shanghai date by default, or the date given. Idempotent: when SystemSetting `demoData` already
 * records this seed version and the same programme year, nothing happens. `reset` first
 * empties every table except Prisma's migration history (TRUNCATE … RESTART IDENTITY CASCADE),
 * so ids restart and the same date gives the same data set.
 */
import { hashPassword } from "@/lib/auth/password";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_PASSWORD } from "./accounts";
import { buildAssessmentPlan } from "./assessments";
import { demoClock, type DemoClock } from "./clock";
import { townProfiles } from "./divisions";
import { buildProgramme } from "./programme";
import { buildStarRatings } from "./ratings";
import { buildTitleEvents } from "./titles";
import { writeDemoData, type DemoData } from "./write";

/** Bump when the demo data changes, so existing installations know to reload it. */
export const DEMO_DATA_VERSION = "2026.4";
export const DEMO_DATA_KEY = "demoData";

/** What the `demoData` setting records. */
export type DemoDataSetting = { version: string; today: string; seededAt: string; note: string };

/** Builds the whole data set in memory (pure, a few seconds). */
export function buildDemoData(clock: DemoClock): DemoData {
  const plan = buildProgramme(townProfiles(), clock);
  return {
    plan,
    titleEvents: buildTitleEvents(plan.towns),
    ratings: buildStarRatings(plan.towns, clock),
    assessments: buildAssessmentPlan(plan),
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

/** The loaded demo data's setting, or null when none is loaded. */
function asSetting(value: unknown): DemoDataSetting | null {
  return typeof value === "object" && value !== null && "version" in value
    ? (value as DemoDataSetting)
    : null;
}

/** True when the loaded demo data is this version for the clock's programme year. */
function isCurrent(setting: DemoDataSetting | null, clock: DemoClock): boolean {
  return (
    setting?.version === DEMO_DATA_VERSION && setting.today?.slice(0, 4) === String(clock.year)
  );
}

/**
 * What `seedDemoData` did: `skipped` when the current data was already there, `replaced` when
 * it reloaded demo data of an earlier version or year (with `replaceOutdated`).
 */
export type SeedOutcome = { skipped: boolean; replaced?: string; today: string };

/**
 * Seeds the demo data unless this version for this programme year is already loaded.
 * @param options.reset wipe every table (except `_prisma_migrations`) and seed again.
 * @param options.today the reference date "YYYY-MM-DD" (default: today in Asia/Shanghai).
 * @param options.replaceOutdated reload (wiping everything) when the database holds demo data
 *   of another version or an earlier year; without it such a database is an error.
 * @throws when the database holds other data and `reset` is not set, when the demo data is
 *   outdated and `replaceOutdated` is not set, or when any insert fails (all rolled back).
 */
export async function seedDemoData(
  prisma: PrismaClient,
  options: { reset?: boolean; today?: string; replaceOutdated?: boolean } = {},
): Promise<SeedOutcome> {
  const clock = demoClock(options.today);
  let reset = options.reset ?? false;
  let replaced: string | undefined;
  const existing = asSetting(
    (await prisma.systemSetting.findUnique({ where: { key: DEMO_DATA_KEY } }))?.value,
  );
  if (!reset && existing) {
    if (isCurrent(existing, clock)) return { skipped: true, today: existing.today };
    if (!options.replaceOutdated) {
      throw new Error(
        `The database holds the demo data of ${existing.today ?? "an older version"}; reload it with --reset (wipes all data).`,
      );
    }
    reset = true;
    replaced = existing.today ?? existing.version;
  }
  const data = buildDemoData(clock);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seededAt = clock.now;

  return prisma.$transaction(
    async (tx) => {
      if (reset) {
        await truncateAll(tx);
      } else if ((await tx.town.count()) > 0 || (await tx.user.count()) > 0) {
        throw new Error(
          "The database already holds towns or users; demo data is only loaded into an empty database (or with --reset, which wipes all data).",
        );
      }
      await writeDemoData(tx, data, passwordHash, seededAt);
      const setting: DemoDataSetting = {
        version: DEMO_DATA_VERSION,
        today: clock.today,
        seededAt: seededAt.toISOString(),
        note: "演示数据：区划为真实数据，其余（创建名单、达标、指标值、项目、评分、考核）均为演示拟定，2022年汇总数字复现公开报道。Demo data; see docs/DEMO-DATA.md.",
      };
      await tx.systemSetting.create({
        data: { key: DEMO_DATA_KEY, value: setting, updatedAt: seededAt },
      });
      return { skipped: false, replaced, today: clock.today };
    },
    { maxWait: 20_000, timeout: 300_000 },
  );
}
