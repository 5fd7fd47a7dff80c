/** The report workflow: every (status, transition) pair, worked out by hand. */
import { describe, expect, it } from "vitest";
import { decide } from "@/lib/access";
import type { ReportStatus, Role } from "@/lib/generated/prisma/enums";
import {
  isEditable,
  legalTransitions,
  nextStatus,
  statusesAllowing,
  transitionAction,
  type ReportTransition,
} from "./report-status";

describe("nextStatus", () => {
  // One row per status: the result of save, submit, approve, return, confirm, returnToCounty
  // ("-" = illegal).
  const table: [ReportStatus, string, string, string, string, string, string][] = [
    ["DRAFT", "DRAFT", "SUBMITTED", "-", "-", "-", "-"],
    ["RETURNED", "RETURNED", "SUBMITTED", "-", "-", "-", "-"],
    ["SUBMITTED", "-", "-", "COUNTY_APPROVED", "RETURNED", "-", "-"],
    ["COUNTY_APPROVED", "-", "-", "-", "-", "CITY_CONFIRMED", "SUBMITTED"],
    ["CITY_CONFIRMED", "-", "-", "-", "-", "-", "-"],
  ];
  const order: ReportTransition[] = [
    "save",
    "submit",
    "approve",
    "return",
    "confirm",
    "returnToCounty",
  ];

  it.each(table)("from %s", (status, ...expected) => {
    expect(order.map((transition) => nextStatus(status, transition) ?? "-")).toEqual(expected);
  });

  it("walks the full cycle submit → return → resubmit → approve → confirm", () => {
    const steps: ReportTransition[] = [
      "save",
      "submit",
      "return",
      "save",
      "submit",
      "approve",
      "confirm",
    ];
    let status: ReportStatus = "DRAFT";
    const seen: ReportStatus[] = [];
    for (const step of steps) {
      status = nextStatus(status, step)!;
      seen.push(status);
    }
    expect(seen).toEqual([
      "DRAFT",
      "SUBMITTED",
      "RETURNED",
      "RETURNED",
      "SUBMITTED",
      "COUNTY_APPROVED",
      "CITY_CONFIRMED",
    ]);
  });
});

describe("helpers", () => {
  it("only drafts and returned reports are editable", () => {
    expect(isEditable("DRAFT")).toBe(true);
    expect(isEditable("RETURNED")).toBe(true);
    expect(isEditable("SUBMITTED")).toBe(false);
    expect(isEditable("COUNTY_APPROVED")).toBe(false);
    expect(isEditable("CITY_CONFIRMED")).toBe(false);
  });

  it("lists legal transitions and their starting statuses", () => {
    expect(legalTransitions("SUBMITTED")).toEqual(["approve", "return"]);
    expect(legalTransitions("CITY_CONFIRMED")).toEqual([]);
    expect(statusesAllowing("submit")).toEqual(["DRAFT", "RETURNED"]);
    expect(statusesAllowing("confirm")).toEqual(["COUNTY_APPROVED"]);
    expect(legalTransitions("COUNTY_APPROVED")).toEqual(["confirm", "returnToCounty"]);
  });

  it("gives each transition to exactly one role", () => {
    const roles: Role[] = ["CITY_ADMIN", "CITY_LEADER", "COUNTY_REVIEWER", "TOWNSHIP_STAFF"];
    const who = (transition: ReportTransition) =>
      roles.filter((role) => decide({ role }, transitionAction[transition], true) === "ALLOW");
    expect(who("save")).toEqual(["TOWNSHIP_STAFF"]);
    expect(who("submit")).toEqual(["TOWNSHIP_STAFF"]);
    expect(who("approve")).toEqual(["COUNTY_REVIEWER"]);
    expect(who("return")).toEqual(["COUNTY_REVIEWER"]);
    expect(who("confirm")).toEqual(["CITY_ADMIN"]);
    expect(who("returnToCounty")).toEqual(["CITY_ADMIN"]);
  });
});
