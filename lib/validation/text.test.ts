import { describe, expect, it } from "vitest";
import { isStorableText, storableString } from "./text";

describe("storable text", () => {
  it("accepts Chinese, emoji and control characters the database keeps", () => {
    expect(isStorableText("溪口镇 🏡 完成\t100%\n")).toBe(true);
    expect(isStorableText("")).toBe(true);
  });

  it("refuses a NUL and a lone surrogate of either half, with security.badText", () => {
    for (const bad of ["a\u0000b", "\uD83C", "x\uDFE1y", "\uDFE1\uD83C"]) {
      expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
      const result = storableString().trim().max(10).safeParse(bad);
      expect(result.success ? null : result.error.issues[0]!.message).toBe("security.badText");
    }
    expect(storableString().trim().max(3).safeParse(" 🏡 ").data).toBe("🏡");
  });
});
