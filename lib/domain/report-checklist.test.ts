/** The report checklist with hand-worked cases (lib/domain/report-checklist.ts). */
import { describe, expect, it } from "vitest";
import { plausibilityBound } from "./plausibility";
import {
  blockingItems,
  itemsByDimension,
  plannedPercentAt,
  reportChecklist,
  type ChecklistIndicator,
  type ChecklistProject,
} from "./report-checklist";

function indicator(patch: Partial<ChecklistIndicator> & { id: number }): ChecklistIndicator {
  return {
    code: `i${patch.id}`,
    dimension: "ENVIRONMENT",
    valueType: "DECIMAL",
    isRequired: true,
    evidenceRequired: false,
    value: "1",
    target: null,
    evidenceCount: 0,
    bound: null,
    confirmation: null,
    ...patch,
  };
}

function project(patch: Partial<ChecklistProject> & { id: number }): ChecklistProject {
  return {
    code: `P${patch.id}`,
    dimension: null,
    status: "IN_PROGRESS",
    percent: "50",
    plannedPercent: "50",
    ...patch,
  };
}

/** The checklist as "kind field severity" lines. */
function lines(indicators: ChecklistIndicator[], projects: ChecklistProject[] = []): string[] {
  return reportChecklist(indicators, projects).map((i) => `${i.kind} ${i.field} ${i.severity}`);
}

describe("plannedPercentAt", () => {
  it("is the share of the project's days passed at the end of the day", () => {
    // 2026 has 365 days; 1 Jan – 30 Jun is 31+28+31+30+31+30 = 181 days → 49.589… → 49.59.
    expect(plannedPercentAt("2026-01-01", "2026-12-31", "2026-06-30")).toBe("49.59");
    // 1–10 March, on the 5th: 5 of 10 days.
    expect(plannedPercentAt("2026-03-01", "2026-03-10", "2026-03-05")).toBe("50");
  });

  it("is 0 before the start and 100 from the end on", () => {
    expect(plannedPercentAt("2026-01-01", "2026-12-31", "2025-12-31")).toBe("0");
    expect(plannedPercentAt("2026-01-01", "2026-12-31", "2026-12-31")).toBe("100");
    expect(plannedPercentAt("2026-01-01", "2026-12-31", "2027-03-31")).toBe("100");
  });

  it("has no plan without both dates or with the end before the start", () => {
    expect(plannedPercentAt(null, "2026-12-31", "2026-06-30")).toBeNull();
    expect(plannedPercentAt("2026-01-01", null, "2026-06-30")).toBeNull();
    expect(plannedPercentAt("2026-05-01", "2026-04-30", "2026-06-30")).toBeNull();
  });
});

describe("reportChecklist", () => {
  it("blocks on required values not filled (0 counts as filled)", () => {
    expect(
      lines([
        indicator({ id: 1, value: "0" }),
        indicator({ id: 2, value: null }),
        indicator({ id: 3, value: null, isRequired: false }),
      ]),
    ).toEqual(["missingValue value.2 BLOCKER"]);
  });

  it("names a value the save refuses with its reason instead of as not filled", () => {
    const items = reportChecklist(
      [
        indicator({
          id: 1,
          value: null,
          invalid: { key: "indicatorValue.belowMin", values: { min: "0" } },
        }),
        indicator({
          id: 2,
          value: null,
          isRequired: false,
          invalid: { key: "indicatorValue.notNumber" },
        }),
      ],
      [],
    );
    expect(items.map((i) => `${i.kind} ${i.field} ${i.severity}`)).toEqual([
      "invalidValue value.1 BLOCKER",
      "invalidValue value.2 BLOCKER",
    ]);
    expect(items[0]!.values).toEqual({ reason: "indicatorValue.belowMin", min: "0" });
  });

  it("blocks on required evidence not attached, for required or filled indicators", () => {
    expect(
      lines([
        indicator({ id: 1, evidenceRequired: true, evidenceCount: 0 }),
        indicator({ id: 2, evidenceRequired: true, evidenceCount: 1 }),
        indicator({ id: 3, evidenceRequired: true, isRequired: false, value: null }),
        indicator({ id: 4, evidenceRequired: true, value: null }),
      ]),
    ).toEqual([
      "missingEvidence evidence.1 BLOCKER",
      "missingValue value.4 BLOCKER",
      "missingEvidence evidence.4 BLOCKER",
    ]);
  });

  it("warns about a value below the year's target (equal meets it)", () => {
    const items = reportChecklist(
      [
        indicator({ id: 1, value: "12.5", target: "15.0000" }),
        indicator({ id: 2, value: "15", target: "15" }),
        indicator({ id: 3, value: null, isRequired: false, target: "15" }),
      ],
      [],
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: "belowTarget",
      severity: "WARNING",
      field: "value.1",
      values: { target: "15", value: "12.5" },
    });
  });

  it("blocks on an implausible value until it is confirmed with a note", () => {
    // Town's largest accepted value 2,580 → limit 25,800.
    const bound = plausibilityBound("INTEGER", { townMax: "2580", peerMax: null });
    const jobs = { id: 7, valueType: "INTEGER" as const, value: "99999999999", bound };
    expect(reportChecklist([indicator(jobs)], [])).toMatchObject([
      {
        kind: "unconfirmedValue",
        field: "confirm.7",
        severity: "BLOCKER",
        values: { limit: "25800", reference: "2580" },
      },
    ]);
    const confirmed = { value: "99999999999", note: "含全县数据，已核实" };
    expect(lines([indicator({ ...jobs, confirmation: confirmed })])).toEqual([]);
    expect(lines([indicator({ ...jobs, value: "25800" })])).toEqual([]);
  });

  it("warns about projects not reported or more than 10 points behind their plan", () => {
    expect(
      lines(
        [],
        [
          project({ id: 1, percent: null }),
          project({ id: 2, percent: "39.99", plannedPercent: "50" }),
          project({ id: 3, percent: "40", plannedPercent: "50" }),
          project({ id: 4, percent: "10", plannedPercent: null }),
          project({ id: 5, percent: "10", plannedPercent: "100", status: "COMPLETED" }),
          project({ id: 6, percent: "0", plannedPercent: "80", status: "SUSPENDED" }),
        ],
      ),
    ).toEqual([
      "projectNotReported project.1 WARNING",
      "projectBehind project.2 WARNING",
      "projectBehind project.6 WARNING",
    ]);
  });

  it("orders items by the five beauties, projects without a dimension last", () => {
    const items = reportChecklist(
      [
        indicator({ id: 1, dimension: "GOVERNANCE", value: null }),
        indicator({ id: 2, dimension: "ENVIRONMENT", value: null }),
        indicator({ id: 3, dimension: "LIVING", value: "1", target: "2" }),
        indicator({ id: 4, dimension: "ENVIRONMENT", value: null }),
      ],
      [project({ id: 9, percent: null }), project({ id: 8, percent: null, dimension: "LIVING" })],
    );
    expect(itemsByDimension(items).map(([d, list]) => [d, list.map((i) => i.field)])).toEqual([
      ["ENVIRONMENT", ["value.2", "value.4"]],
      ["LIVING", ["value.3", "project.8"]],
      ["GOVERNANCE", ["value.1"]],
      [null, ["project.9"]],
    ]);
    expect(blockingItems(items).map((i) => i.field)).toEqual(["value.2", "value.4", "value.1"]);
  });
});
