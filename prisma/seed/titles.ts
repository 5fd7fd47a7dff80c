/**
 * The demo towns' title histories (town register): basic compliance and provincial-sample
 * awards for the year whose work earned them, dated in late December of that year with the
 * (demo) provincial notice that announced them, and a title stripped after a spot check. The
 * attainment each event leaves comes from the one rule, lib/domain/attainment.ts
 * `foldTitleEvents`.
 */
import type { Attainment, TownEventKind } from "@/lib/generated/prisma/enums";
import { foldTitleEvents, type Title } from "@/lib/domain/attainment";
import { STRIPPED_SAMPLES } from "./divisions";
import type { PlanTown } from "./trajectories";

/** One title event of the demo data (effectiveOn "YYYY-MM-DD"). */
export type PlanTitleEvent = {
  townCode: string;
  kind: Extract<TownEventKind, "TITLE_AWARDED" | "TITLE_STRIPPED">;
  title: Title;
  effectiveOn: string;
  year: number | null;
  document: string;
  note: string | null;
  attainmentAfter: Attainment;
};

/** The notice announcing a year's results (demo wording, modelled on provincial notices). */
export function awardNotice(year: number): string {
  return `浙美镇办〔${year}〕${20 + (year % 10)}号 关于公布${year}年度美丽城镇建设评价结果的通知（演示）`;
}

/** The award date of a year's titles (demo choice: 28 December of that year). */
export function awardDate(year: number): string {
  return `${year}-12-28`;
}

/** The awards of every town, in town order, with their attainment after each. */
export function buildTitleEvents(towns: readonly PlanTown[]): PlanTitleEvent[] {
  return towns.flatMap((town) => {
    const raw: Omit<PlanTitleEvent, "attainmentAfter">[] = [];
    if (town.basicYear !== null) {
      raw.push({
        townCode: town.code,
        kind: "TITLE_AWARDED",
        title: "BASIC_COMPLIANCE",
        effectiveOn: awardDate(town.basicYear),
        year: town.basicYear,
        document: awardNotice(town.basicYear),
        note: null,
      });
    }
    if (town.sampleYear !== null) {
      raw.push({
        townCode: town.code,
        kind: "TITLE_AWARDED",
        title: "PROVINCIAL_SAMPLE",
        effectiveOn: awardDate(town.sampleYear),
        year: town.sampleYear,
        document: awardNotice(town.sampleYear),
        note: null,
      });
    }
    const strip = STRIPPED_SAMPLES.find((s) => s.town === town.name);
    if (town.strippedOn && strip) {
      raw.push({
        townCode: town.code,
        kind: "TITLE_STRIPPED",
        title: "PROVINCIAL_SAMPLE",
        effectiveOn: town.strippedOn,
        year: null,
        document: strip.document,
        note: strip.note,
      });
    }
    const folded = foldTitleEvents(raw.map((event, id) => ({ ...event, id })));
    // The demo writes events in date order, so the database ids keep the rule's order.
    return folded.map(({ id: _id, ...event }) => event);
  });
}
