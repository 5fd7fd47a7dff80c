/**
 * The belt and its town circles (美镇圈, cross-county clusters included) with each circle's towns
 * and combined figures for a year. City roles only (circles span counties).
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { Decimal } from "@prisma/client-runtime-utils";
import { getTownRows } from "@/lib/dashboard/queries";
import type { TownRow } from "@/lib/dashboard/types";
import { db } from "@/lib/db";
import { holdsTitle } from "@/lib/domain/attainment";
import { roundHalfUp } from "@/lib/domain/numbers";

/** A circle with its towns (in the circle's order: lead town first) and combined figures. */
export type CircleView = {
  code: string;
  name: string;
  nameEn: string;
  isModel: boolean;
  description: string | null;
  belt: { code: string; name: string; nameEn: string } | null;
  towns: (TownRow & { isLead: boolean })[];
  counties: number;
  provincialSamples: number;
  commonProsperityWorkshops: number;
  localJobsCreated: number;
  completedInvestmentWan: string;
};

/** Every circle with its towns' figures for `year`. @throws FORBIDDEN for non-city roles */
export async function listCircles(actor: Actor, year: number): Promise<CircleView[]> {
  authorize(actor, "dashboard.city.view");
  const [circles, rows] = await Promise.all([
    db().townCircle.findMany({
      orderBy: [{ isModel: "desc" }, { code: "asc" }],
      include: {
        belt: { select: { code: true, name: true, nameEn: true } },
        towns: { select: { isLead: true, town: { select: { divisionCode: true } } } },
      },
    }),
    getTownRows(actor, { kind: "city" }, year),
  ]);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return circles.map((circle) => {
    const towns = circle.towns
      .map((m) => ({ ...byCode.get(m.town.divisionCode)!, isLead: m.isLead }))
      .filter((t) => t.code)
      .sort((a, b) => Number(b.isLead) - Number(a.isLead) || a.code.localeCompare(b.code));
    return {
      code: circle.code,
      name: circle.name,
      nameEn: circle.nameEn,
      isModel: circle.isModel,
      description: circle.description,
      belt: circle.belt,
      towns,
      counties: new Set(towns.map((t) => t.countyCode)).size,
      provincialSamples: towns.filter((t) => holdsTitle(t.attainment, "PROVINCIAL_SAMPLE")).length,
      commonProsperityWorkshops: towns.reduce(
        (n, t) => n + (t.values.commonProsperityWorkshops ?? 0),
        0,
      ),
      localJobsCreated: towns.reduce((n, t) => n + (t.values.localJobsCreated ?? 0), 0),
      completedInvestmentWan: roundHalfUp(
        towns.reduce((sum, t) => sum.plus(t.completedInvestmentWan), new Decimal(0)),
      ),
    };
  });
}
