import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { loadMessages } from "./catalogue";

/** Every message of a catalogue tree as [dotted key, text]. */
function entries(value: unknown, prefix = ""): [string, string][] {
  if (typeof value === "string") return [[prefix, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    entries(v, prefix ? `${prefix}.${k}` : k),
  );
}

describe("English plurals", () => {
  it('say "1 star" and "2 stars"', async () => {
    // The catalogues are loaded untyped: look keys up as plain strings.
    const t = createTranslator({ locale: "en", messages: await loadMessages("en") }) as unknown as (
      key: string,
      values: Record<string, number>,
    ) => string;
    for (const key of [
      "dashboard.starsLabel",
      "ratings.starsLabel",
      "assessments.drill.stars",
      "ratingSchemes.settings.bandStars",
    ]) {
      expect(t(key, { stars: 1 }), key).toBe("1 star");
      expect(t(key, { stars: 2 }), key).toBe("2 stars");
    }
    expect(t("dashboard.townCount", { count: 1 })).toBe("1 town");
    expect(t("reports.daysLate", { days: 1 })).toBe("1 day late");
  });

  it("leave no count followed by a plural noun outside a plural message", async () => {
    const counted =
      /\{\w+\} (stars|towns|rows|entries|reports|circles|items|ratings|problems|days|counties|tasks)\b/;
    const offending = entries(await loadMessages("en"))
      .filter(([key, text]) => counted.test(text) && !key.includes(".drill.summary."))
      .map(([key]) => key);
    expect(offending).toEqual([]);
  });
});
