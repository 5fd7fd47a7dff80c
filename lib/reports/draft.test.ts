/**
 * The conflict rule of the report draft (lib/reports/draft.ts), on two hand-written drafts:
 * which fields differ (numbers as numbers, text trimmed, a value with its confirmation) and the
 * draft that keeps mine or takes theirs field by field.
 */
import { describe, expect, it } from "vitest";
import { diffDrafts, mergeDrafts, type ReportDraft } from "./draft";

const indicators = [
  { id: 1, valueType: "DECIMAL" as const },
  { id: 2, valueType: "INTEGER" as const },
  { id: 3, valueType: "BOOLEAN" as const },
];

const mine: ReportDraft = {
  values: { 1: "12.5", 2: "7", 3: "1" },
  notes: { 1: "a", 2: " b ", 3: "" },
  confirmations: { 2: { value: "7", note: "checked" } },
  projects: [
    {
      projectId: 10,
      completedInvestmentWan: "100",
      percentComplete: "50",
      status: "IN_PROGRESS",
      note: "",
    },
  ],
  narrative: "mine",
  selfScore: "80",
};

const theirs: ReportDraft = {
  values: { 1: "12.50", 2: "9", 3: "1" },
  notes: { 1: "a", 2: "b", 3: "x" },
  confirmations: {},
  projects: [
    {
      projectId: 10,
      completedInvestmentWan: "100.00",
      percentComplete: "60",
      status: "IN_PROGRESS",
      note: "late",
    },
  ],
  narrative: "mine ",
  selfScore: "80.00",
};

describe("diffDrafts", () => {
  it("lists only the fields that say something different, in the form's order", () => {
    const keys = diffDrafts(mine, theirs, indicators).map((d) => d.key);
    // 12.5 = 12.50, " b " = "b", 100 = 100.00, "mine" = "mine ", 80 = 80.00: not differences.
    expect(keys).toEqual(["value.2", "note.3", "project.10.percentComplete", "project.10.note"]);
  });

  it("keeps both sides as typed, with each side's confirmation for a value", () => {
    const [value] = diffDrafts(mine, theirs, indicators);
    expect(value).toEqual({
      key: "value.2",
      field: { kind: "value", indicatorId: 2 },
      mine: "7",
      theirs: "9",
      mineConfirmation: { value: "7", note: "checked" },
      theirsConfirmation: { value: "", note: "" },
    });
  });

  it("reads full-width digits as the number they stand for", () => {
    const typed = { ...mine, values: { ...mine.values, 1: "１２．5" } };
    expect(diffDrafts(typed, theirs, indicators).map((d) => d.key)).not.toContain("value.1");
  });

  it("sees a value whose confirmation alone differs; a confirmation without a note is none", () => {
    const a = { ...theirs, confirmations: { 1: { value: "12.5", note: "big year" } } };
    expect(diffDrafts(a, theirs, indicators).map((d) => d.key)).toEqual(["value.1"]);
    const noNote = { ...theirs, confirmations: { 1: { value: "12.5", note: " " } } };
    expect(diffDrafts(noNote, theirs, indicators)).toEqual([]);
  });

  it("finds nothing between a draft and itself", () => {
    expect(diffDrafts(mine, mine, indicators)).toEqual([]);
  });
});

describe("mergeDrafts", () => {
  it("takes theirs where chosen and keeps mine elsewhere", () => {
    const merged = mergeDrafts(mine, theirs, {
      "value.2": "theirs",
      "note.3": "mine",
      "project.10.percentComplete": "theirs",
      "project.10.note": "mine",
    });
    expect(merged).toEqual({
      values: { 1: "12.5", 2: "9", 3: "1" },
      notes: { 1: "a", 2: " b ", 3: "" },
      // Their value came without a confirmation: mine is withdrawn with it.
      confirmations: { 2: { value: "", note: "" } },
      projects: [
        {
          projectId: 10,
          completedInvestmentWan: "100",
          percentComplete: "60",
          status: "IN_PROGRESS",
          note: "",
        },
      ],
      narrative: "mine",
      selfScore: "80",
    });
  });

  it("with every field taken from theirs, leaves no difference to theirs", () => {
    const all = Object.fromEntries(
      diffDrafts(mine, theirs, indicators).map((d) => [d.key, "theirs" as const]),
    );
    expect(diffDrafts(mergeDrafts(mine, theirs, all), theirs, indicators)).toEqual([]);
  });

  it("with no choice, is mine", () => {
    expect(mergeDrafts(mine, theirs, {})).toEqual(mine);
  });
});
