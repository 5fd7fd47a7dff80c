/** The attainment rule, with title histories worked out by hand. */
import { describe, expect, it } from "vitest";
import {
  applyTitleEvent,
  attainmentOn,
  figureDate,
  foldTitleEvents,
  holdsTitle,
  levelsHolding,
  type TitleEvent,
} from "./attainment";

const award = (id: number, title: TitleEvent["title"], effectiveOn: string): TitleEvent => ({
  id,
  kind: "TITLE_AWARDED",
  title,
  effectiveOn,
});
const strip = (id: number, title: TitleEvent["title"], effectiveOn: string): TitleEvent => ({
  id,
  kind: "TITLE_STRIPPED",
  title,
  effectiveOn,
});

describe("applyTitleEvent", () => {
  it("an award raises, never lowers", () => {
    expect(applyTitleEvent("NONE", award(1, "BASIC_COMPLIANCE", "x"))).toBe("BASIC_COMPLIANCE");
    expect(applyTitleEvent("NONE", award(1, "PROVINCIAL_SAMPLE", "x"))).toBe("PROVINCIAL_SAMPLE");
    expect(applyTitleEvent("PROVINCIAL_SAMPLE", award(1, "BASIC_COMPLIANCE", "x"))).toBe(
      "PROVINCIAL_SAMPLE",
    );
  });
  it("stripping a held title leaves the one below; stripping one not held does nothing", () => {
    expect(applyTitleEvent("PROVINCIAL_SAMPLE", strip(1, "PROVINCIAL_SAMPLE", "x"))).toBe(
      "BASIC_COMPLIANCE",
    );
    expect(applyTitleEvent("PROVINCIAL_SAMPLE", strip(1, "BASIC_COMPLIANCE", "x"))).toBe("NONE");
    expect(applyTitleEvent("BASIC_COMPLIANCE", strip(1, "PROVINCIAL_SAMPLE", "x"))).toBe(
      "BASIC_COMPLIANCE",
    );
    expect(applyTitleEvent("NONE", strip(1, "BASIC_COMPLIANCE", "x"))).toBe("NONE");
  });
});

describe("foldTitleEvents and attainmentOn", () => {
  // 2020-12-28 basic, 2021-12-27 sample, stripped after a spot check on 2024-06-15,
  // sample again 2025-12-26. Given out of order to check the sort.
  const history = [
    award(4, "PROVINCIAL_SAMPLE", "2025-12-26"),
    strip(3, "PROVINCIAL_SAMPLE", "2024-06-15"),
    award(1, "BASIC_COMPLIANCE", "2020-12-28"),
    award(2, "PROVINCIAL_SAMPLE", "2021-12-27"),
  ];

  it("stores the attainment each event leaves, in date order", () => {
    expect(foldTitleEvents(history).map((e) => [e.id, e.attainmentAfter])).toEqual([
      [1, "BASIC_COMPLIANCE"],
      [2, "PROVINCIAL_SAMPLE"],
      [3, "BASIC_COMPLIANCE"],
      [4, "PROVINCIAL_SAMPLE"],
    ]);
  });

  it("a stripped title stops counting from its date, not before", () => {
    expect(attainmentOn(history, "2020-12-27")).toBe("NONE");
    expect(attainmentOn(history, "2020-12-28")).toBe("BASIC_COMPLIANCE");
    expect(attainmentOn(history, "2024-06-14")).toBe("PROVINCIAL_SAMPLE");
    expect(attainmentOn(history, "2024-06-15")).toBe("BASIC_COMPLIANCE");
    expect(attainmentOn(history, "2025-12-31")).toBe("PROVINCIAL_SAMPLE");
  });

  it("events on one date apply in id order", () => {
    const sameDay = [
      strip(9, "PROVINCIAL_SAMPLE", "2023-05-01"),
      award(8, "PROVINCIAL_SAMPLE", "2023-05-01"),
    ];
    expect(attainmentOn(sameDay, "2023-05-01")).toBe("BASIC_COMPLIANCE");
  });
});

describe("holdsTitle", () => {
  it("a sample holds basic compliance too", () => {
    expect(holdsTitle("PROVINCIAL_SAMPLE", "BASIC_COMPLIANCE")).toBe(true);
    expect(holdsTitle("BASIC_COMPLIANCE", "PROVINCIAL_SAMPLE")).toBe(false);
    expect(holdsTitle("NONE", "BASIC_COMPLIANCE")).toBe(false);
    expect(levelsHolding("BASIC_COMPLIANCE")).toEqual(["BASIC_COMPLIANCE", "PROVINCIAL_SAMPLE"]);
  });
});

describe("figureDate", () => {
  it("is the year's last day, or today while the year runs", () => {
    expect(figureDate(2022, "2026-12-04")).toBe("2022-12-31");
    expect(figureDate(2026, "2026-12-04")).toBe("2026-12-04");
    expect(figureDate(2026, "2026-12-31")).toBe("2026-12-31");
    expect(figureDate(2027, "2026-12-04")).toBe("2027-01-01");
  });
});
