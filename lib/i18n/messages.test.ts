import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogueFiles } from "./catalogue";
import { locales } from "./config";

const dir = path.join(import.meta.dirname, "messages");
const load = (locale: string, file: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, locale, `${file}.json`), "utf8")) as Record<
    string,
    unknown
  >;

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function leaf(catalogue: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], catalogue);
}

describe("message catalogues", () => {
  it("list exactly the files on disk", () => {
    for (const locale of locales) {
      const onDisk = fs.readdirSync(path.join(dir, locale)).map((f) => f.replace(/\.json$/, ""));
      expect(onDisk.sort()).toEqual([...catalogueFiles].sort());
    }
  });

  it.each(catalogueFiles)("%s has the same keys in zh-CN and en, none empty", (file) => {
    const zh = load("zh-CN", file);
    const en = load("en", file);
    expect(keys(en).sort()).toEqual(keys(zh).sort());
    for (const catalogue of [zh, en]) {
      const empty = keys(catalogue).filter((k) => {
        const v = leaf(catalogue, k);
        return typeof v !== "string" || v.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });

  it("files do not share top-level namespaces", () => {
    const seen = new Map<string, string>();
    for (const file of catalogueFiles) {
      for (const ns of Object.keys(load("zh-CN", file))) {
        expect(seen.get(ns), `namespace ${ns} is in ${seen.get(ns)} and ${file}`).toBeUndefined();
        seen.set(ns, file);
      }
    }
  });

  it("every literal key a translator is asked for exists", () => {
    const zh = Object.assign({}, ...catalogueFiles.map((f) => load("zh-CN", f))) as unknown;
    const missing: string[] = [];
    const root = path.join(import.meta.dirname, "..", "..");
    const sources = ["app", "components", "lib"].flatMap((d) =>
      (fs.readdirSync(path.join(root, d), { recursive: true }) as string[])
        .filter((f) => /\.tsx?$/.test(f) && !f.includes("generated") && !/\.test\.tsx?$/.test(f))
        .map((f) => path.join(root, d, f)),
    );
    const exists = (key: string) =>
      typeof key
        .split(".")
        .reduce<unknown>(
          (o, p) => (o && typeof o === "object" ? (o as Record<string, unknown>)[p] : undefined),
          zh,
        ) === "string";
    for (const file of sources) {
      const text = fs.readFileSync(file, "utf8");
      // `const t = useTranslations("ns")` / `await getTranslations("ns")`, then `t("literal"…)`.
      // A file may bind one name to several namespaces (one per component): a key passes when
      // it is in any of them.
      const bound = new Map<string, string[]>();
      for (const [, name, ns] of text.matchAll(
        /const (\w+) = (?:await )?(?:useTranslations|getTranslations)\(\s*"([^"]+)"\s*\)/g,
      )) {
        bound.set(name!, [...new Set([...(bound.get(name!) ?? []), ns!])]);
      }
      for (const [name, namespaces] of bound) {
        const calls = text.matchAll(new RegExp(`\\b${name}(?:\\.rich)?\\(\\s*"([^"]+)"`, "g"));
        for (const [, key] of calls) {
          if (!namespaces.some((ns) => exists(`${ns}.${key}`))) {
            missing.push(`${path.relative(root, file)}: ${namespaces.join("|")} → ${key}`);
          }
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });
});
