/**
 * The app server: Next.js's request handler inside our own Node HTTP server (a Next custom
 * server), so that every request gets, before the app sees it,
 * - a request id (the trusted proxy's `X-Request-Id`, else a new UUID), returned in the
 *   `X-Request-Id` header and written on the request's one log line;
 * - forwarding headers it can trust: `X-Forwarded-For` / `X-Real-IP` / `Forwarded` and the
 *   forwarded host and protocol are kept only from a configured proxy (TRUST_PROXY, off by
 *   default); from anyone else they are removed and X-Forwarded-For is set to the peer's
 *   address, so lib/auth/request-address.ts never reads a forged address;
 * and after it, one JSON log line (request id, user id, method, path, route pattern, status,
 * duration) and the duration histogram of lib/server/metrics.ts. At most
 * MAX_CONCURRENT_REQUESTS requests are in Next at once; the others wait their turn in arrival
 * order (`createGate`). SIGTERM drains: readiness
 * answers 503, the server stops accepting, requests in flight finish (up to a grace period),
 * then the database pool closes.
 *
 * Next's docs note that a custom server cannot be combined with `output: "standalone"`; the
 * Docker image therefore ships the built app with its production dependencies instead.
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { Logger } from "pino";
import { STREAM_LENGTH_HEADER } from "../http/stream-length";
import { metrics, routePattern } from "./metrics";
import { requestContext, serverState } from "./request-context";

/** Next's request handler (what `app.getRequestHandler()` returns). */
export type NextHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-real-ip",
  "forwarded",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-request-id",
];

/** The peer's address without the IPv4-mapped prefix ("::ffff:10.0.0.1" → "10.0.0.1"). */
export function peerAddress(socketAddress: string | undefined): string {
  const address = socketAddress ?? "";
  return address.startsWith("::ffff:") ? address.slice(7) : address || "unknown";
}

/**
 * Parses TRUST_PROXY: a comma-separated list of proxy addresses (exact IPv4/IPv6 addresses;
 * "loopback" stands for 127.0.0.1 and ::1). Empty or unset: no proxy is trusted.
 */
export function parseTrustedProxies(raw: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const item of (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (item === "loopback") {
      out.add("127.0.0.1");
      out.add("::1");
    } else out.add(item);
  }
  return out;
}

/**
 * Makes a request's forwarding headers trustworthy in place: from a trusted proxy they stay;
 * from anyone else they are removed and X-Forwarded-For becomes the peer address.
 * @returns the request id to use (the proxy's, when trusted and well-formed, else a new one).
 */
export function sanitizeForwarding(
  headers: http.IncomingHttpHeaders,
  peer: string,
  trusted: ReadonlySet<string>,
): string {
  const fromProxy = trusted.has(peer);
  const proxyId = headers["x-request-id"];
  if (!fromProxy) {
    for (const name of FORWARDING_HEADERS) delete headers[name];
    headers["x-forwarded-for"] = peer;
  }
  const id =
    fromProxy && typeof proxyId === "string" && /^[A-Za-z0-9._:-]{8,100}$/.test(proxyId)
      ? proxyId
      : randomUUID();
  headers["x-request-id"] = id;
  return id;
}

/**
 * Restores a streamed body's Content-Length from STREAM_LENGTH_HEADER when the response head
 * is written (explicitly or implicitly: Node's implicit head also goes through writeHead).
 */
function restoreStreamLength(res: http.ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    const length = res.getHeader(STREAM_LENGTH_HEADER);
    if (length !== undefined) {
      res.removeHeader(STREAM_LENGTH_HEADER);
      if (/^\d+$/.test(String(length)) && !res.hasHeader("content-encoding")) {
        res.setHeader("Content-Length", String(length));
      }
    }
    return writeHead(...args);
  }) as typeof res.writeHead;
}

/** Admission of requests: `enter` resolves when the request may run; `leave` frees its place. */
export type Gate = {
  enter: () => Promise<void>;
  leave: () => void;
  /** Requests running now and waiting now. */
  readonly running: number;
  readonly waiting: number;
};

/**
 * At most `limit` requests at once, the others served in arrival order as places free up.
 * Why (issue 15, a lean server): Node runs a request's rendering on one core, so on a 2-core
 * machine 200 requests at once finish no sooner than 200 in turn — but each holds its memory
 * (the page being rendered, its buffers) and a database connection's wait while all are in
 * progress: the server grew to 1.2 GB and saves waited past the pool's timeout (503). Waiting
 * here costs a closure per request.
 * @param limit ≥ 1.
 */
export function createGate(limit: number): Gate {
  let running = 0;
  const queue: (() => void)[] = [];
  return {
    enter: () => {
      if (running < limit) {
        running++;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => queue.push(resolve));
    },
    leave: () => {
      // The place passes to the next in line (running stays) or is freed.
      const next = queue.shift();
      if (next) next();
      else running--;
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}

/**
 * Requests that do not wait at the gate: health checks (a load balancer must hear the server
 * even when it is busy), static files (no rendering), uploads (a slow client's body would hold
 * a place for as long as it takes to send) and server actions Next forwards to itself
 * (`x-action-forwarded`: their sender already holds a place and waits for them; queued, a full
 * gate of such senders would wait forever).
 */
export function passesGate(path: string, headers: http.IncomingHttpHeaders): boolean {
  return (
    path.startsWith("/api/health") ||
    path.startsWith("/_next/static/") ||
    /^multipart\//i.test(headers["content-type"] ?? "") ||
    headers["x-action-forwarded"] !== undefined
  );
}

/** When the last request (not a health check) arrived, and how many arrived since a collection. */
const activity = { lastRequestAt: 0, sinceCollection: 0 };

/**
 * After a busy spell — at least `afterRequests` requests since the last collection — and once
 * no request (health checks aside) has arrived for `idleMs`, runs `gc` (a full garbage
 * collection: V8 then gives the pages a burst made it take back to the system, so the
 * server's memory returns within a minute instead of staying at its peak; issue 15, part 6).
 * Nothing runs while requests keep coming. Needs node's --expose-gc for the real `gc`
 * (lib/cli/build-launcher.ts start script); lib/cli/serve.ts calls it when it is there.
 * @returns a function that stops it.
 */
export function collectWhenIdle(
  gc: () => void,
  { idleMs = 10_000, afterRequests = 100 }: { idleMs?: number; afterRequests?: number } = {},
): () => void {
  const timer = setInterval(
    () => {
      if (activity.sinceCollection < afterRequests) return;
      if (Date.now() - activity.lastRequestAt < idleMs) return;
      activity.sinceCollection = 0;
      gc();
    },
    Math.max(10, idleMs / 4),
  );
  timer.unref();
  return () => clearInterval(timer);
}

/** Options of {@link createRequestListener}. */
export type ListenerOptions = {
  log: Logger;
  trustedProxies: ReadonlySet<string>;
  /** Admission of requests (default: none, every request runs at once). */
  gate?: Gate;
};

/**
 * Wraps Next's handler with the request id, trusted forwarding, the log line and the metric.
 * Static assets (/_next/static) are logged at debug level only.
 */
export function createRequestListener(
  handle: NextHandler,
  { log, trustedProxies, gate }: ListenerOptions,
): http.RequestListener {
  return (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = sanitizeForwarding(
      req.headers,
      peerAddress(req.socket.remoteAddress),
      trustedProxies,
    );
    res.setHeader("X-Request-Id", requestId);
    restoreStreamLength(res);
    const context = { requestId, userId: null as number | null };
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routePattern(path);
      const status = aborted && !res.writableFinished ? 499 : res.statusCode;
      metrics().httpDuration.observe(
        { method: req.method ?? "GET", route, status: String(status) },
        seconds,
      );
      const line = {
        reqId: requestId,
        userId: context.userId,
        method: req.method,
        path,
        route,
        status,
        ms: Math.round(seconds * 10_000) / 10,
      };
      if (path.startsWith("/_next/static/")) log.debug(line, "request");
      else log.info(line, aborted ? "request aborted" : "request");
    };
    res.on("finish", () => finish(false));
    res.on("close", () => finish(true));
    if (!path.startsWith("/api/health")) {
      activity.lastRequestAt = Date.now();
      activity.sinceCollection++;
    }
    const gated = gate !== undefined && !passesGate(path, req.headers);
    const admitted = gated ? gate.enter() : Promise.resolve();
    const run = () =>
      handle(req, res).catch((error: unknown) => {
        // A client that went away mid-request is not a fault of the server: debug, not error.
        const code = (error as { code?: unknown } | null)?.code;
        if (req.destroyed || res.destroyed || code === "ECONNRESET" || code === "EPIPE") {
          log.debug({ err: error, reqId: requestId }, "client went away");
          return;
        }
        log.error({ err: error, reqId: requestId }, "unhandled error in the request handler");
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end();
        }
      });
    // The place is freed once: when the handler settles or the response closes (a client that
    // went away mid-request: Next's handler may never settle then), whichever comes first.
    let left = !gated;
    const leave = () => {
      if (left) return;
      left = true;
      gate!.leave();
    };
    void admitted.then(() => {
      // A client that left while waiting is not served.
      if (req.destroyed || res.destroyed) return leave();
      res.once("close", leave);
      void requestContext.run(context, run).finally(leave);
    });
  };
}

/**
 * Stops `server` gracefully: readiness turns to 503 at once, new connections are refused, idle
 * keep-alive connections close, requests in flight get `graceMs` to finish, then the rest are
 * cut; then what the app registered in `serverState.afterDrain` runs (the database pool).
 * Resolves when all of that is done; a failing close hook is logged, not thrown.
 */
export async function drain(server: http.Server, graceMs: number, log: Logger): Promise<void> {
  serverState.draining = true;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
  for (const [name, close] of serverState.afterDrain) {
    try {
      await close();
    } catch (error) {
      log.warn({ err: error }, `could not close the ${name}`);
    }
  }
  serverState.afterDrain.clear();
}
