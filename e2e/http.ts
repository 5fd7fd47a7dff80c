/**
 * Requests to the app server without a browser, for the specs that attack it (e2e/attack.spec.ts),
 * kill it (e2e/crash.spec.ts) or run several of it (e2e/two-servers.spec.ts): a session signed
 * in through next-auth's API, and server actions called the way Next's client calls them (POST
 * to a page with the action's id in `Next-Action` and the arguments as a JSON array), with ids
 * read from the build's server-reference manifest — which is also how an attacker who read the
 * page's JavaScript would call them.
 */
import fs from "node:fs";
import path from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import { DEMO_PASSWORD } from "./fixtures";

const root = path.resolve(import.meta.dirname, "..");

/** Signs in through next-auth's API on `baseURL`; returns the Cookie header of the session. */
export async function signIn(baseURL: string, username: string, password = DEMO_PASSWORD) {
  const api = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await api.post("/api/auth/callback/credentials", {
    form: { csrfToken, username, password, json: "true" },
  });
  const cookies = (await api.storageState()).cookies;
  await api.dispose();
  if (!cookies.some((c) => c.name.includes("session-token"))) {
    throw new Error(`sign-in of ${username} on ${baseURL} failed`);
  }
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** One server action of the build: its id, module, exported name and the pages that hold it. */
export type ServerAction = { id: string; file: string; name: string; pages: string[] };

/** Every server action of the build (.next/server/server-reference-manifest.json). */
export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { filename: string; exportedName: string; workers: object }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => ({
    id,
    file: a.filename,
    name: a.exportedName,
    pages: Object.keys(a.workers),
  }));
}

/**
 * A path of a page that holds the action (Next runs an action only on such a page), its
 * dynamic segments filled with `values` by name (default "1"), e.g.
 * "app/(app)/admin/years/[year]/page" → "/admin/years/2026".
 */
export function actionPath(action: ServerAction, values: Record<string, string> = {}): string {
  const page = [...action.pages].sort((a, b) => a.split("[").length - b.split("[").length)[0]!;
  const route = page
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .replace(/\/\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]/g, (_, name: string) => values[name] ?? "1");
  return route || "/";
}

/** The id of the server action `name` exported by `file` (e.g. "lib/reports/actions.ts"). */
export function actionId(file: string, name: string): string {
  const found = serverActions().find((a) => a.file === file && a.name === name);
  if (!found) throw new Error(`no server action ${file}#${name} in the build`);
  return found.id;
}

/** What a server action call answered: the status, the raw body, and the returned value. */
export type ActionAnswer = { status: number; body: string; value: unknown; thrown: boolean };

/**
 * Calls a server action as Next's client does. `args` is the argument list (sent as JSON) or
 * a raw body; `headers` override the defaults (same-origin Origin, the JSON content type).
 * The value is the action's return value (row 1 of the RSC answer); `thrown` is true when the
 * action threw instead (an `E{"digest":…}` row), which the user sees as an unexplained failure.
 */
export async function callAction(
  baseURL: string,
  cookie: string,
  id: string,
  args: unknown[] | string,
  options: { path?: string; headers?: Record<string, string> } = {},
): Promise<ActionAnswer> {
  const response = await fetch(`${baseURL}${options.path ?? "/"}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie,
      "Next-Action": id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: baseURL,
      ...options.headers,
    },
    body: typeof args === "string" ? args : JSON.stringify(args),
  });
  const body = await response.text();
  const row = /^1:(.*)$/m.exec(body)?.[1] ?? "";
  let value: unknown;
  try {
    value = row.startsWith("E") ? undefined : JSON.parse(row);
  } catch {
    value = undefined;
  }
  return { status: response.status, body, value, thrown: row.startsWith("E") };
}
