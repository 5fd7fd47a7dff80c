/**
 * A static reading of the source tree for the message catalogues (issue 15, part 5): which
 * message namespaces each page's client components use, found by following imports from the
 * page file and reading `useTranslations("namespace…")` in every module at or below a
 * `"use client"` boundary. Used by the test that checks each route segment sends its client
 * components every namespace they need (lib/i18n/client-messages.ts), and by nothing at run time.
 * Regex-based on purpose: the project's imports are `@/…` or relative, one per `from "…"`.
 */
import fs from "node:fs";
import path from "node:path";

const EXTENSIONS = [".tsx", ".ts", "/index.tsx", "/index.ts"];

/** The file an import specifier names, or null for packages and assets. */
function resolve(root: string, from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  if (/\.(tsx?|json|css)$/.test(base))
    return fs.existsSync(base) && /\.tsx?$/.test(base) ? base : null;
  for (const ext of EXTENSIONS) if (fs.existsSync(base + ext)) return base + ext;
  return null;
}

type Module = {
  client: boolean;
  server: boolean;
  imports: string[];
  namespaces: string[];
  /** Namespaces of string literals shaped like message keys ("ratings.trimMin"). */
  keyNamespaces: string[];
  rootTranslator: boolean;
};
const cache = new Map<string, Module>();

function read(root: string, file: string): Module {
  const cached = cache.get(file);
  if (cached) return cached;
  const text = fs.readFileSync(file, "utf8");
  // Type-only imports bring no code; a "use server" module's imports run on the server.
  const code = text.replace(/^import type [^;]*;/gm, "").replace(/^export type [^;]*;/gm, "");
  const imports = [...code.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)]
    .map((m) => resolve(root, file, m[1]!))
    .filter((f): f is string => f !== null);
  const namespaces = [...text.matchAll(/useTranslations\(\s*"([^".]+)[^"]*"\s*\)/g)].map(
    (m) => m[1]!,
  );
  const keyNamespaces = [...text.matchAll(/["'`]([a-z][A-Za-z]+)\.[A-Za-z][\w.]*["'`]/g)].map(
    (m) => m[1]!,
  );
  const parsed: Module = {
    client: /^\s*["']use client["']/.test(text),
    server: /^\s*["']use server["']/.test(text),
    imports,
    namespaces,
    keyNamespaces,
    rootTranslator: /useTranslations\(\s*\)/.test(text),
  };
  cache.set(file, parsed);
  return parsed;
}

/** What a page's client components need from the catalogues. */
export type ClientNeeds = {
  /** Top-level namespaces named by `useTranslations("…")` in client modules. */
  namespaces: Set<string>;
  /** Client modules that use the root translator `useTranslations()` (keys not known statically). */
  rootTranslators: string[];
  /**
   * Namespaces of message-key-shaped literals ("ratings.trimMin") in the client modules of a
   * page with a root translator (zod messages, error keys): those it may be asked to translate.
   * Filter by the catalogue's namespaces (a literal like "a.pdf" is not a key).
   */
  keyNamespaces: Set<string>;
};

/**
 * The message namespaces the client modules reachable from `entry` use (a page or layout file).
 * @param root the project root (absolute).
 */
export function clientNeeds(root: string, entry: string): ClientNeeds {
  const namespaces = new Set<string>();
  const literals = new Set<string>();
  const rootTranslators: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, inClient: boolean) => {
    const mod = read(root, file);
    if (inClient && mod.server) return; // a server action: called, not shipped
    const client = inClient || mod.client;
    const key = `${file}|${client}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (client) {
      for (const ns of mod.namespaces) namespaces.add(ns);
      for (const ns of mod.keyNamespaces) literals.add(ns);
      if (mod.rootTranslator) rootTranslators.push(path.relative(root, file));
    }
    for (const next of mod.imports) visit(next, client);
  };
  visit(entry, false);
  return {
    namespaces,
    rootTranslators,
    keyNamespaces: rootTranslators.length > 0 ? literals : new Set(),
  };
}
