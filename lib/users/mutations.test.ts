/**
 * User administration against a real database: validation leaves nothing behind, every change
 * writes its audit row in the same transaction, a stale edit is refused, the last administrator
 * cannot be removed, and password changes end sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Actor } from "@/lib/access";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { loadActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { changeOwnPassword, createUser, resetPassword, updateUser } from "./mutations";

let database: ScratchDatabase;
let prisma: PrismaClient;
let admin: Actor;
let reviewer: Actor;

beforeAll(async () => {
  database = await createScratchDatabase("users");
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
  await prisma.town.create({
    data: { countyId: county.id, divisionCode: "330822104", name: "白石镇", kind: "TOWN" },
  });
  const passwordHash = await hashPassword("Admin#2026");
  const a = await prisma.user.create({
    data: { username: "admin", displayName: "管理员", role: "CITY_ADMIN", passwordHash },
  });
  const r = await prisma.user.create({
    data: {
      username: "reviewer",
      displayName: "审核员",
      role: "COUNTY_REVIEWER",
      countyId: county.id,
      passwordHash,
    },
  });
  admin = (await loadActor(a.id))!;
  reviewer = (await loadActor(r.id))!;
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

const auditCount = (action: string) => prisma.auditLog.count({ where: { action } });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    if (error instanceof ZodError) return `ZOD:${error.issues.map((i) => i.message).join(",")}`;
    throw error;
  }
}

describe("createUser", () => {
  it("rejects bad input with message keys and writes nothing", async () => {
    const users = await prisma.user.count();
    expect(
      await codeOf(
        createUser(admin, {
          username: "X",
          displayName: "",
          password: "short",
          role: "TOWNSHIP_STAFF",
        }),
      ),
    ).toBe(
      "ZOD:validation.usernameFormat,validation.required,validation.townRequired,validation.passwordTooShort,validation.passwordOneClass",
    );
    expect(await prisma.user.count()).toBe(users);
    expect(await auditCount("user.create")).toBe(0);
  });

  it("refuses an unknown town and a taken user name", async () => {
    const base = { displayName: "测试", password: "Quzhou#2026", role: "TOWNSHIP_STAFF" };
    expect(
      await codeOf(createUser(admin, { ...base, username: "new-1", townCode: "330822999" })),
    ).toBe("VALIDATION");
    expect(
      await codeOf(createUser(admin, { ...base, username: "admin", townCode: "330822104" })),
    ).toBe("CONFLICT");
  });

  it("is forbidden to a county reviewer", async () => {
    expect(
      await codeOf(
        createUser(reviewer, {
          username: "sneaky",
          displayName: "x",
          password: "Quzhou#2026",
          role: "CITY_ADMIN",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(await prisma.user.findUnique({ where: { username: "sneaky" } })).toBeNull();
  });

  it("creates a township user who must change the password, with an audit row", async () => {
    const { id } = await createUser(admin, {
      username: "  Baishi-Staff ",
      displayName: "白石镇填报员",
      password: "Initial2026",
      role: "TOWNSHIP_STAFF",
      townCode: "330822104",
      countyCode: "330822",
    });
    const user = await prisma.user.findUniqueOrThrow({ where: { id } });
    expect(user).toMatchObject({
      username: "baishi-staff",
      role: "TOWNSHIP_STAFF",
      countyId: null,
      mustChangePassword: true,
    });
    expect(await verifyPassword(user.passwordHash, "Initial2026")).toBe(true);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "user.create", entityId: String(id) },
    });
    expect(audit.actorName).toBe("admin");
    expect(JSON.stringify(audit.after)).not.toContain("argon2");
  });
});

describe("updateUser", () => {
  it("refuses the second of two edits made from the same version", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { username: "baishi-staff" } });
    const edit = (displayName: string) => ({
      id: user.id,
      displayName,
      role: "TOWNSHIP_STAFF",
      townCode: "330822104",
      isActive: true,
      expectedUpdatedAt: user.updatedAt.toISOString(),
    });
    expect(await codeOf(updateUser(admin, edit("第一个标签页")))).toBe("OK");
    expect(await codeOf(updateUser(admin, edit("第二个标签页")))).toBe("CONFLICT");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).displayName).toBe(
      "第一个标签页",
    );
    expect(await auditCount("user.update")).toBe(1);
  });

  it("will not demote or disable the last active administrator", async () => {
    const me = await prisma.user.findUniqueOrThrow({ where: { id: admin.id } });
    const result = await codeOf(
      updateUser(admin, {
        id: me.id,
        displayName: me.displayName,
        role: "CITY_LEADER",
        isActive: true,
        expectedUpdatedAt: me.updatedAt.toISOString(),
      }),
    );
    expect(result).toBe("CONFLICT");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: me.id } })).role).toBe("CITY_ADMIN");
  });
});

describe("passwords", () => {
  it("a reset gives a temporary password and ends the user's sessions", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { username: "baishi-staff" } });
    const sessionPwdAt = user.passwordChangedAt?.getTime() ?? 0;
    const { temporaryPassword } = await resetPassword(admin, user.id);
    expect(temporaryPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d)[A-Za-z\d]{12}$/);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(after.passwordHash, temporaryPassword)).toBe(true);
    expect(after.mustChangePassword).toBe(true);
    expect(await loadActor(user.id, sessionPwdAt)).toBeNull();
  });

  it("changing one's own password checks the current one", async () => {
    expect(
      await codeOf(
        changeOwnPassword(reviewer, {
          currentPassword: "wrong",
          newPassword: "Newer-2026x",
          confirmPassword: "Newer-2026x",
        }),
      ),
    ).toBe("VALIDATION");
    expect(
      await codeOf(
        changeOwnPassword(reviewer, {
          currentPassword: "Admin#2026",
          newPassword: "Newer-2026x",
          confirmPassword: "Other-2026x",
        }),
      ),
    ).toBe("ZOD:validation.passwordMismatch");
    expect(
      await codeOf(
        changeOwnPassword(reviewer, {
          currentPassword: "Admin#2026",
          newPassword: "Newer-2026x",
          confirmPassword: "Newer-2026x",
        }),
      ),
    ).toBe("OK");
    const user = await prisma.user.findUniqueOrThrow({ where: { id: reviewer.id } });
    expect(await verifyPassword(user.passwordHash, "Newer-2026x")).toBe(true);
    expect(await auditCount("user.changePassword")).toBe(1);
  });
});
