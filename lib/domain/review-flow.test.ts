/** Changes between submissions and "below target", on hand-made snapshots. */
import { describe, expect, it } from "vitest";
import {
  diffSubmissions,
  isBelowTarget,
  isUnchanged,
  type SubmissionSnapshot,
} from "./review-flow";

const first: SubmissionSnapshot = {
  values: { "1": "12.5", "2": null, "3": "4", "4": "1" },
  projects: {
    "10": { completed: "100", percent: "20", status: "IN_PROGRESS", note: null },
    "11": { completed: "5", percent: "100", status: "COMPLETED", note: "验收" },
  },
  evidence: [
    { id: 7, fileName: "a.pdf", indicatorId: 1, projectId: null },
    { id: 8, fileName: "b.pdf", indicatorId: null, projectId: null },
  ],
};

describe("diffSubmissions", () => {
  it("lists changed values, project fields and evidence added or removed", () => {
    const second: SubmissionSnapshot = {
      // 1: same number written differently; 2: filled now; 3: changed; 4: gone (not filled).
      values: { "1": "12.50", "2": "3", "3": "5.25" },
      projects: {
        "10": { completed: "100.00", percent: "35", status: "IN_PROGRESS", note: "加快" },
        "11": { completed: "5", percent: "100", status: "COMPLETED", note: "验收" },
      },
      evidence: [
        { id: 8, fileName: "b.pdf", indicatorId: null, projectId: null },
        { id: 9, fileName: "c.pdf", indicatorId: 3, projectId: null },
      ],
    };
    const changes = diffSubmissions(first, second);
    expect(changes.values).toEqual({
      2: { before: null, after: "3" },
      3: { before: "4", after: "5.25" },
      4: { before: "1", after: null },
    });
    expect(changes.projects).toEqual({
      10: { percent: { before: "20", after: "35" }, note: { before: null, after: "加快" } },
    });
    expect(changes.evidenceAdded.map((e) => e.id)).toEqual([9]);
    expect(changes.evidenceRemoved.map((e) => e.id)).toEqual([7]);
    expect(isUnchanged(changes)).toBe(false);
  });

  it("finds nothing between a submission and itself", () => {
    expect(isUnchanged(diffSubmissions(first, structuredClone(first)))).toBe(true);
  });

  it("treats a project reported only once as changed from or to nothing", () => {
    const changes = diffSubmissions({ ...first, projects: {} }, first);
    expect(changes.projects[11]).toEqual({
      completed: { before: null, after: "5" },
      percent: { before: null, after: "100" },
      status: { before: null, after: "COMPLETED" },
      note: { before: null, after: "验收" },
    });
  });
});

describe("isBelowTarget", () => {
  it("compares filled values with the target as decimals", () => {
    expect(isBelowTarget("11.99", "12")).toBe(true);
    expect(isBelowTarget("12.00", "12")).toBe(false);
    expect(isBelowTarget("13", "12")).toBe(false);
    expect(isBelowTarget("0", "1")).toBe(true); // a yes/no target missed
  });

  it("never flags a value not filled or an indicator without a target", () => {
    expect(isBelowTarget(null, "12")).toBe(false);
    expect(isBelowTarget("", "12")).toBe(false);
    expect(isBelowTarget("3", null)).toBe(false);
    expect(isBelowTarget("3", "")).toBe(false);
  });
});
