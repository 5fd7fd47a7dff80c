/**
 * The messages each page sends to the browser (lib/i18n/client-messages.ts) cover what its
 * client components use: every page, layout and error file under app/ is followed through its
 * imports to its client components (lib/i18n/client-graph.ts), and each `useTranslations("ns")`
 * there must be among the shell's namespaces or its segment's. Also: every listed namespace
 * exists, every segment with namespaces has the layout that sends them, and a page's client
 * messages are a fraction of the whole catalogue.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientNeeds } from "./client-graph";
import {
  clientMessages,
  segmentOf,
  SEGMENT_NAMESPACES,
  SHELL_NAMESPACES,
  type Segment,
} from "./client-messages";
import { loadMessages } from "./catalogue";

const root = path.resolve(__dirname, "../..");
const appDir = path.join(root, "app");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return /^(page|layout|error|not-found|template)\.tsx$/.test(e.name) ? [p] : [];
  });
}

const segmentNamespaces = (segment: string): readonly string[] =>
  (SEGMENT_NAMESPACES as Record<string, readonly string[]>)[segment] ?? [];

describe("client messages", () => {
  it("segment of a route file", () => {
    expect(segmentOf("(app)/admin/towns/[code]/page.tsx")).toBe("admin/towns");
    expect(segmentOf("(app)/admin/programme/page.tsx")).toBe("admin/programme");
    expect(segmentOf("(app)/towns/[code]/reports/[year]/[period]/page.tsx")).toBe("towns");
    expect(segmentOf("login/page.tsx")).toBe("login");
    expect(segmentOf("(app)/layout.tsx")).toBe("");
    expect(segmentOf("page.tsx")).toBe("");
  });

  it("every page's client components get every namespace they use", async () => {
    const known = new Set(Object.keys(await loadMessages("zh-CN")));
    const missing: string[] = [];
    for (const file of routeFiles(appDir)) {
      const route = path.relative(appDir, file).split(path.sep).join("/");
      const sent = new Set<string>([...SHELL_NAMESPACES, ...segmentNamespaces(segmentOf(route))]);
      const needs = clientNeeds(root, file);
      // Keys a root translator may receive (zod messages in schemas the client imports).
      const keys = [...needs.keyNamespaces].filter((ns) => known.has(ns));
      for (const ns of new Set([...needs.namespaces, ...keys])) {
        if (!sent.has(ns)) missing.push(`${route}: "${ns}" (segment "${segmentOf(route)}")`);
      }
    }
    expect(missing, "add these to SEGMENT_NAMESPACES in lib/i18n/client-messages.ts").toEqual([]);
  });

  it("every listed namespace exists, and each segment's layout sends them", async () => {
    const all = await loadMessages("zh-CN");
    const listed = [...SHELL_NAMESPACES, ...Object.values(SEGMENT_NAMESPACES).flat()];
    expect(listed.filter((ns) => !(ns in all))).toEqual([]);
    for (const segment of Object.keys(SEGMENT_NAMESPACES)) {
      const [first, second] = segment.split("/");
      const layout = second
        ? path.join(appDir, "(app)", first!, second, "layout.tsx")
        : [
            path.join(appDir, "(app)", first!, "layout.tsx"),
            path.join(appDir, first!, "layout.tsx"),
          ].find((p) => fs.existsSync(p))!;
      expect(fs.readFileSync(layout, "utf8"), segment).toContain(`segmentLayout("${segment}")`);
    }
  });

  it("sends a page a fraction of the catalogue", async () => {
    const all = await loadMessages("zh-CN");
    const size = (m: Record<string, unknown>) => Buffer.byteLength(JSON.stringify(m));
    const shell = size(clientMessages(all));
    const largest = Math.max(
      ...Object.keys(SEGMENT_NAMESPACES).map((s) => size(clientMessages(all, s as Segment))),
    );
    console.log(
      `client messages (zh-CN, bytes of JSON): whole ${size(all)}, shell ${shell}, ` +
        `login ${size(clientMessages(all, "login"))}, largest segment ${largest}`,
    );
    expect(shell).toBeLessThan(size(all) / 5);
    expect(largest).toBeLessThan(size(all) / 2);
  });
});
