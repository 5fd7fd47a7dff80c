/**
 * The audit log page's query against a real database: ids come back as names (users, towns),
 * the town filter keeps the rows about that town, and the person filter matches the user name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { loadActor } from "@/lib/auth/session";
import type { PrismaClient } from "@/lib/prisma-client";
import { builders, scratchApp } from "@/lib/testing/builders";
import { fieldChanges } from "./display";
import { auditNames } from "./names";
import { AUDIT_EXPORT_LIMIT, auditFilterSchema, listAuditExport, listAuditLog } from "./queries";
import { changes, writeAudit } from "./write";

let app: Awaited<ReturnType<typeof scratchApp>>;
let prisma: PrismaClient;
let admin: Actor;
let baishi: number;
let staffId: number;

beforeAll(async () => {
  app = await scratchApp("audit_queries");
  prisma = app.prisma;
  const build = builders(prisma);
  const county = await build.county("330822", "常山县");
  const t1 = await build.town(county.id, "330822104", { name: "白石镇" });
  await prisma.town.update({ where: { id: t1.id }, data: { nameEn: "Baishi" } });
  const t2 = await build.town(county.id, "330822105", { name: "招贤镇" });
  // A town without an English name.
  await prisma.town.update({ where: { id: t2.id }, data: { nameEn: null } });
  baishi = t1.id;
  const a = await prisma.user.create({
    data: { username: "admin", displayName: "管理员", role: "CITY_ADMIN", passwordHash: "x" },
  });
  const s = await prisma.user.create({
    data: {
      username: "staff-1",
      displayName: "张三",
      role: "TOWNSHIP_STAFF",
      townId: t1.id,
      passwordHash: "x",
    },
  });
  staffId = s.id;
  admin = (await loadActor(a.id))!;
  const who = { ...admin, client: { ip: "10.0.0.7", userAgent: "test" } };
  await writeAudit(
    prisma,
    who,
    "town.rename",
    t1.id,
    changes({ name: "白石乡" }, { name: "白石镇" }),
  );
  await writeAudit(
    prisma,
    who,
    "town.rename",
    t2.id,
    changes({ name: "招贤乡" }, { name: "招贤镇" }),
  );
  await writeAudit(
    prisma,
    who,
    "user.update",
    s.id,
    changes(
      { role: "TOWNSHIP_STAFF", displayName: "张三" },
      { role: "COUNTY_REVIEWER", displayName: "张三" },
    ),
  );
});

afterAll(async () => {
  await app?.drop();
});

const filter = (raw: Record<string, string>) => auditFilterSchema.parse(raw);

describe("listAuditLog", () => {
  it("names the actor and the entity, with the client address and the changed fields", async () => {
    const { rows } = await listAuditLog(admin, filter({}));
    expect(rows).toHaveLength(3);
    const [user, zhaoxian, baishiRow] = rows;
    expect(user).toMatchObject({
      actorLabel: "管理员 (admin)",
      entityLabel: "张三 (staff-1)",
      ip: "10.0.0.7",
    });
    expect(fieldChanges(user!.before, user!.after)).toEqual([
      { field: "role", before: "TOWNSHIP_STAFF", after: "COUNTY_REVIEWER" },
    ]);
    expect(zhaoxian!.entityLabel).toBe("招贤镇");
    expect(baishiRow!.entityLabel).toBe("白石镇");
    const english = await listAuditLog(admin, filter({}), true);
    expect(english.rows[2]!.entityLabel).toBe("Baishi");
    // A town without an English name keeps its Chinese one.
    expect(english.rows[1]!.entityLabel).toBe("招贤镇");
  });

  it("filters by town, by person and by action", async () => {
    const byTown = await listAuditLog(admin, filter({ town: String(baishi) }));
    expect(byTown.rows.map((r) => r.entityId)).toEqual([String(baishi)]);
    expect(byTown.towns.map((t) => t.name)).toEqual(["白石镇", "招贤镇"]);
    const byAction = await listAuditLog(admin, filter({ action: "user." }));
    expect(byAction.rows.map((r) => r.entityId)).toEqual([String(staffId)]);
    expect((await listAuditLog(admin, filter({ actor: "nobody" }))).total).toBe(0);
    expect((await listAuditLog(admin, filter({ actor: "ADM" }))).total).toBe(3);
    // The person picker: every user as "显示名 (username)", filtering by the user's id.
    const all = await listAuditLog(admin, filter({}));
    expect(all.users.map((u) => u.label)).toEqual(["管理员 (admin)", "张三 (staff-1)"]);
    expect((await listAuditLog(admin, filter({ user: String(admin.id) }))).total).toBe(3);
    expect((await listAuditLog(admin, filter({ user: String(staffId) }))).total).toBe(0);
  });

  it("exports every row the filters keep, newest first, and refuses others", async () => {
    const rows = await listAuditExport(admin, filter({ action: "town.", page: "9" }));
    expect(rows.map((r) => r.entityLabel)).toEqual(["招贤镇", "白石镇"]);
    const staff = (await loadActor(staffId))!;
    await expect(listAuditExport(staff, filter({}))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("ignores hostile filter values and caps an export at 10,000 rows, newest first", async () => {
    expect(
      filter({
        user: "99999999999",
        town: "__proto__",
        from: "0000-01-01",
        to: "2023-02-30",
        page: "1e400",
      }),
    ).toEqual({ page: 1 });
    await prisma.auditLog.createMany({
      data: Array.from({ length: AUDIT_EXPORT_LIMIT + 5 }, (_, i) => ({
        action: "export.download",
        entityType: "Export",
        entityId: `cap-${i}`,
        actorName: "cap-test",
      })),
    });
    const rows = await listAuditExport(admin, filter({ actor: "cap-test" }));
    expect(AUDIT_EXPORT_LIMIT).toBe(10_000);
    expect(rows).toHaveLength(10_000);
    expect(rows[0]!.entityId).toBe(`cap-${AUDIT_EXPORT_LIMIT + 4}`);
    expect(rows.at(-1)!.entityId).toBe("cap-5");
  });
});

describe("auditNames", () => {
  it("names every kind of object; a deleted one has no name", async () => {
    const build = builders(prisma);
    const [period] = await build.year(2026);
    const indicator = await build.indicator(2026, "greenwayKm");
    const scheme = await build.scheme(2026);
    const rating = await build.rating(baishi, 2026, scheme.id);
    const sheet = await prisma.scoreSheet.create({
      data: { ratingId: rating.id, reviewerId: staffId },
    });
    const task = await build.task(baishi, 2026);
    const report = await build.report(task.id, period!.id);
    const file = await prisma.evidence.create({
      data: {
        reportId: report.id,
        fileName: "绿道验收.pdf",
        mimeType: "application/pdf",
        sizeBytes: 10,
        sha256: "0".repeat(64),
      },
    });
    const refs = [
      ["Indicator", indicator.id],
      ["RatingScheme", scheme.id],
      ["StarRating", rating.id],
      ["ScoreSheet", sheet.id],
      ["Evidence", file.id],
      ["Year", 2026],
      ["AssessmentRun", 999_999],
    ].map(([entityType, id]) => ({
      actorId: null,
      entityType: String(entityType),
      entityId: String(id),
    }));
    const names = await auditNames(refs, false);
    const periodName = (
      await prisma.reportingPeriod.findUniqueOrThrow({ where: { id: period!.id } })
    ).name;
    expect(Object.fromEntries(names)).toEqual({
      [`Indicator:${indicator.id}`]: indicator.name,
      [`RatingScheme:${scheme.id}`]: `${scheme.name} v${scheme.version}`,
      [`StarRating:${rating.id}`]: "白石镇 2026",
      [`ScoreSheet:${sheet.id}`]: "白石镇 2026 · 张三",
      [`Evidence:${file.id}`]: `「绿道验收.pdf」 · 白石镇 ${periodName}`,
      "Year:2026": "2026",
    });
    // In English: the town's English name.
    const english = await auditNames(refs, true);
    expect(english.get(`StarRating:${rating.id}`)).toBe("Baishi 2026");
  });
});
