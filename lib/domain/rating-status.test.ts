/** The rating workflow and its visibility rules, case by case. */
import { describe, expect, it } from "vitest";
import { maySeePanelPoints, maySeeResult, sheetsOpen, statusAfterSheets } from "./rating-status";

describe("statusAfterSheets", () => {
  it("is SUBMITTED once every panel sheet is in, SCORING (or still RETURNED) before", () => {
    expect(statusAfterSheets("SCORING", 3, 2)).toBe("SCORING");
    expect(statusAfterSheets("SCORING", 3, 3)).toBe("SUBMITTED");
    expect(statusAfterSheets("RETURNED", 3, 1)).toBe("RETURNED");
    expect(statusAfterSheets("RETURNED", 3, 3)).toBe("SUBMITTED");
    expect(statusAfterSheets("SUBMITTED", 4, 3)).toBe("SCORING"); // a panelist was added
    expect(statusAfterSheets("SCORING", 0, 0)).toBe("SCORING");
    expect(statusAfterSheets("APPROVED", 3, 1)).toBe("APPROVED");
  });
  it("keeps sheets open only while scoring or returned", () => {
    expect(
      ["SCORING", "RETURNED", "SUBMITTED", "APPROVED"].map((s) => sheetsOpen(s as never)),
    ).toEqual([true, true, false, false]);
  });
});

describe("blind scoring", () => {
  it("shows other panelists' points to a reviewer only after their own sheet is in", () => {
    expect(maySeePanelPoints("COUNTY_REVIEWER", false, "SCORING")).toBe(false);
    expect(maySeePanelPoints("COUNTY_REVIEWER", true, "SCORING")).toBe(true);
    expect(maySeePanelPoints("COUNTY_REVIEWER", false, "APPROVED")).toBe(true);
    expect(maySeePanelPoints("CITY_LEADER", false, "SCORING")).toBe(true);
    expect(maySeePanelPoints("TOWNSHIP_STAFF", false, "APPROVED")).toBe(false);
    expect(maySeeResult("TOWNSHIP_STAFF", "SUBMITTED")).toBe(false);
    expect(maySeeResult("TOWNSHIP_STAFF", "APPROVED")).toBe(true);
  });
});
