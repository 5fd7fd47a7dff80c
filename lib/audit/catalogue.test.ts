/** Every audit action has a label in both languages, where the audit log page looks it up. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/config";
import { auditActions } from "./catalogue";

const label = (locale: string, action: string): unknown => {
  const core = JSON.parse(
    fs.readFileSync(path.join(import.meta.dirname, `../i18n/messages/${locale}/core.json`), "utf8"),
  ) as { audit: { actions: Record<string, Record<string, unknown>> } };
  const [aggregate, verb] = action.split(".") as [string, string];
  return core.audit.actions[aggregate]?.[verb];
};

describe("audit catalogue", () => {
  it.each(locales)("labels every action in %s", (locale) => {
    const missing = auditActions.filter((a) => typeof label(locale, a) !== "string");
    expect(missing).toEqual([]);
  });

  it("names actions aggregate.verb", () => {
    for (const action of auditActions) expect(action).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
  });
});
