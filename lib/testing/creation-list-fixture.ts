/**
 * A small fixture for the creation-list tests: one county (常山县 330822) with three towns
 * (330822104 白石镇, 330822105 招贤镇, 330822106 青石镇), years 2022 (CLOSED), 2023 and 2024
 * (PLANNING), a city administrator and a county reviewer.
 */
import type { Actor } from "@/lib/access";
import { loadActor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/prisma-client";

/** Loads the fixture into an empty database; returns the two actors. */
export async function seedCreationListFixture(
  prisma: PrismaClient,
): Promise<{ admin: Actor; reviewer: Actor }> {
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
  await prisma.town.createMany({
    data: [
      { countyId: county.id, divisionCode: "330822104", name: "白石镇", kind: "TOWN" },
      { countyId: county.id, divisionCode: "330822105", name: "招贤镇", kind: "TOWN" },
      { countyId: county.id, divisionCode: "330822106", name: "青石镇", kind: "TOWN" },
    ],
  });
  await prisma.year.createMany({
    data: [
      { year: 2024, status: "PLANNING" },
      { year: 2023, status: "PLANNING" },
      { year: 2022, status: "CLOSED" },
    ],
  });
  const admin = await prisma.user.create({
    data: { username: "admin", displayName: "管理员", role: "CITY_ADMIN", passwordHash: "x" },
  });
  const reviewer = await prisma.user.create({
    data: {
      username: "reviewer",
      displayName: "审核员",
      role: "COUNTY_REVIEWER",
      countyId: county.id,
      passwordHash: "x",
    },
  });
  return { admin: (await loadActor(admin.id))!, reviewer: (await loadActor(reviewer.id))! };
}
