/**
 * Issue 14's decision on server actions' body limit (next.config.js, README "Limits"): they
 * keep Next's 1 MB, set explicitly, equal to the default JSON body limit of lib/limits.ts, and
 * no server action takes a file (files go through route handlers, which read LIMIT_* at run
 * time). A server action that starts reading a file would have to raise this limit: this test
 * fails first.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env-schema";

/** Every "use server" module of the app. */
function serverActionFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name))
      return [];
    const file = path.join(entry.parentPath, entry.name);
    return /^\s*["']use server["']/m.test(fs.readFileSync(file, "utf8")) ? [file] : [];
  });
}

describe("server actions' body limit", () => {
  it("is 1 MB, set in next.config.js, the default JSON body limit", async () => {
    const config = fs.readFileSync(path.join(process.cwd(), "next.config.js"), "utf8");
    expect(config).toMatch(/serverActions:\s*\{\s*bodySizeLimit:\s*"1mb"\s*\}/);
    expect(parseEnv({ DATABASE_URL: "postgresql://x@localhost/x" }).LIMIT_JSON_BYTES).toBe(
      1024 * 1024,
    );
  });

  it("is enough: no server action reads a file", () => {
    const files = [...serverActionFiles("lib"), ...serverActionFiles("app")];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8");
      expect(source, file).not.toMatch(
        /instanceof File|\.arrayBuffer\(\)|uploadedFile\(|readBody\(/,
      );
    }
  });
});
