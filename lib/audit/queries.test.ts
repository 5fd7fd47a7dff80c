/**
 * The audit log page's query against a real database: ids come back as names (users, towns),
 * the town filter keeps the rows about that town, and the person filter matches the user name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { loadActor } from "@/lib/auth/session";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { fieldChanges } from "./display";
import { auditFilterSchema, listAuditLog } from "./queries";
import { changes, writeAudit } from "./write";

let database: ScratchDatabase;
let prisma: PrismaClient;
let admin: Actor;
let baishi: number;
let staffId: number;

beforeAll(async () => {
  database = await createScratchDatabase("audit_queries");
  process.env.DATABASE_URL = database.url;
  prisma = createPrismaClient(database.url, { max: 2 });
  const city = await prisma.city.create({
    data: { divisionCode: "3308", name: "衢州市", nameEn: "Quzhou" },
  });
  const county = await prisma.county.create({
    data: {
      cityId: city.id,
      divisionCode: "330822",
      name: "常山县",
      nameEn: "Changshan",
      kind: "COUNTY",
    },
  });
  const [t1, t2] = await Promise.all([
    prisma.town.create({
      data: {
        countyId: county.id,
        divisionCode: "330822104",
        name: "白石镇",
        nameEn: "Baishi",
        kind: "TOWN",
      },
    }),
    prisma.town.create({
      data: { countyId: county.id, divisionCode: "330822105", name: "招贤镇", kind: "TOWN" },
    }),
  ]);
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
  await prisma?.$disconnect();
  await database?.drop();
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
  });
});
