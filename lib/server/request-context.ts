/**
 * The context of one HTTP request as the app server (lib/server/http-server.ts) opens it: its
 * request id and, once the app has read the session, the signed-in user's id. Kept in an
 * AsyncLocalStorage on `globalThis` under a registry symbol, so the launcher's module instance
 * and the copy bundled into Next's server code share one store. No server-only import: the
 * launcher (plain Node) loads this file too.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** What the request log line needs to know that only the app learns (the user). */
export type RequestContext = { requestId: string; userId: number | null };

/**
 * The process's state: `draining` once a shutdown began (readiness then answers 503);
 * `afterDrain`: what to close once the last request finished (the database pool).
 */
export type ServerState = { draining: boolean; afterDrain: Map<string, () => Promise<void>> };

const STORE = Symbol.for("meizhen.requestContext");
const STATE = Symbol.for("meizhen.serverState");
const shared = globalThis as unknown as {
  [STORE]?: AsyncLocalStorage<RequestContext>;
  [STATE]?: ServerState;
};

/** The one store of request contexts. */
export const requestContext: AsyncLocalStorage<RequestContext> = (shared[STORE] ??=
  new AsyncLocalStorage<RequestContext>());

/** The server's state (see {@link ServerState}). */
export const serverState: ServerState = (shared[STATE] ??= {
  draining: false,
  afterDrain: new Map(),
});

/** The context of the request being handled, if any (none in scripts and tests). */
export function currentRequest(): RequestContext | undefined {
  return requestContext.getStore();
}

/** Records the signed-in user of the current request for its log line (no-op outside one). */
export function noteRequestUser(userId: number): void {
  const context = requestContext.getStore();
  if (context) context.userId = userId;
}
