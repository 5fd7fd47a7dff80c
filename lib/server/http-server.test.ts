import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import {
  collectWhenIdle,
  createGate,
  passesGate,
  createRequestListener,
  drain,
  parseTrustedProxies,
  peerAddress,
  sanitizeForwarding,
  type NextHandler,
} from "./http-server";
import { STREAM_LENGTH_HEADER } from "@/lib/http/stream-length";
import { metrics, routePattern } from "./metrics";
import { noteRequestUser, serverState } from "./request-context";

/** A logger that keeps its lines in memory. */
function memoryLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: "debug" },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { log, lines };
}

let server: http.Server | undefined;
afterEach(async () => {
  serverState.draining = false;
  if (server?.listening) await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

async function listen(handle: NextHandler, trusted = "", gate?: ReturnType<typeof createGate>) {
  const { log, lines } = memoryLog();
  server = http.createServer(
    createRequestListener(handle, { log, trustedProxies: parseTrustedProxies(trusted), gate }),
  );
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, lines };
}

describe("forwarding headers", () => {
  it("removes forged forwarding headers from an untrusted peer and records the peer", () => {
    const headers: http.IncomingHttpHeaders = {
      "x-forwarded-for": "203.0.113.9",
      "x-real-ip": "203.0.113.9",
      "x-forwarded-host": "evil.example",
      "x-request-id": "forged-id-123",
    };
    const id = sanitizeForwarding(headers, "10.1.2.3", parseTrustedProxies(""));
    expect(headers["x-forwarded-for"]).toBe("10.1.2.3");
    expect(headers["x-real-ip"]).toBeUndefined();
    expect(headers["x-forwarded-host"]).toBeUndefined();
    expect(id).not.toBe("forged-id-123");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers["x-request-id"]).toBe(id);
  });

  it("keeps a configured proxy's headers and request id", () => {
    const headers: http.IncomingHttpHeaders = {
      "x-forwarded-for": "198.51.100.7, 10.0.0.5",
      "x-request-id": "lb-req-0001",
    };
    const id = sanitizeForwarding(headers, "10.0.0.2", parseTrustedProxies("10.0.0.2, loopback"));
    expect(headers["x-forwarded-for"]).toBe("198.51.100.7, 10.0.0.5");
    expect(id).toBe("lb-req-0001");
  });

  it("reads TRUST_PROXY and peer addresses", () => {
    expect([...parseTrustedProxies(" loopback ,10.0.0.2,")]).toEqual([
      "127.0.0.1",
      "::1",
      "10.0.0.2",
    ]);
    expect(peerAddress("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(peerAddress(undefined)).toBe("unknown");
  });
});

describe("route patterns", () => {
  it("replaces ids, codes and years so labels stay few", () => {
    expect(routePattern("/towns/330825109/reports/2026/4")).toBe("/towns/:code/reports/:year/:id");
    expect(routePattern("/counties/330825")).toBe("/counties/:code");
    expect(routePattern("/_next/static/chunks/abc.js")).toBe("/_next/*");
    expect(routePattern("/")).toBe("/");
  });
});

describe("the request listener", () => {
  it("answers with a request id and logs one line with the user, status and duration", async () => {
    const { base, lines } = await listen(async (_req, res) => {
      noteRequestUser(42);
      await new Promise((resolve) => setTimeout(resolve, 20));
      res.statusCode = 201;
      res.end("made");
    });
    const response = await fetch(`${base}/towns/330825109?tab=x`, {
      headers: { "x-forwarded-for": "203.0.113.9" },
    });
    expect(response.status).toBe(201);
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const requests = lines.filter((l) => l.msg === "request");
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      reqId: id,
      userId: 42,
      method: "GET",
      path: "/towns/330825109",
      route: "/towns/:code",
      status: 201,
    });
    expect(requests[0]!.ms).toBeGreaterThanOrEqual(15);
    const text = await metrics().registry.metrics();
    expect(text).toMatch(
      /meizhen_http_request_duration_seconds_count\{app="meizhen",method="GET",route="\/towns\/:code",status="201"\} 1/,
    );
  });

  it("restores a streamed body's Content-Length from the route's header, as Next sends it", async () => {
    const { base } = await listen(async (_req, res) => {
      // What Next's sendResponse does: copy headers (Content-Length dropped), then pipe chunks.
      res.statusCode = 200;
      res.appendHeader(STREAM_LENGTH_HEADER, "11");
      res.write("hello ");
      res.end("world");
    });
    const response = await fetch(`${base}/api/evidence/1`);
    expect(response.headers.get("content-length")).toBe("11");
    expect(response.headers.get(STREAM_LENGTH_HEADER)).toBeNull();
    expect(await response.text()).toBe("hello world");
  });

  it("leaves a streamed body without that header chunked", async () => {
    const plain = await listen(async (_req, res) => {
      res.write("a");
      res.end("b");
    });
    const chunked = await fetch(`${plain.base}/x`);
    expect(chunked.headers.get("content-length")).toBeNull();
    expect(chunked.headers.get("transfer-encoding")).toBe("chunked");
  });

  it("answers 500 and logs the error when the handler throws", async () => {
    const { base, lines } = await listen(async () => {
      throw new Error("boom");
    });
    const response = await fetch(`${base}/x`);
    expect(response.status).toBe(500);
    expect(lines.some((l) => l.msg === "unhandled error in the request handler")).toBe(true);
  });

  it("logs a client that disconnects mid-save at debug: no 500, no error line, status 499", async () => {
    let failed: () => void = () => {};
    const handlerFailed = new Promise<void>((resolve) => (failed = resolve));
    const { base, lines } = await listen(
      (req) =>
        new Promise<void>((_resolve, reject) => {
          // The save reads its body; the client goes away before it is complete.
          req.on("data", () => {});
          req.on("aborted", () => {
            const error = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
            setTimeout(() => {
              reject(error);
              failed();
            }, 10);
          });
        }),
    );
    const controller = new AbortController();
    const url = new URL(`${base}/api/reports/7/draft`);
    const request = http.request(url, { method: "POST", signal: controller.signal });
    request.on("error", () => {});
    request.write('{"expectedVersion":3,"values":{"12":"7.');
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await handlerFailed;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(lines.some((l) => l.msg === "client went away" && l.level === 20)).toBe(true);
    const access = lines.find((l) => l.path === "/api/reports/7/draft");
    expect(access).toMatchObject({ status: 499, msg: "request aborted", level: 30 });
  });

  it("drains: a request in flight finishes, new connections are refused", async () => {
    let release: () => void = () => {};
    const { base } = await listen(
      (_req, res) =>
        new Promise<void>((resolve) => {
          release = () => {
            res.end("late but whole");
            resolve();
          };
        }),
    );
    const inFlight = fetch(`${base}/slow`).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    let closed = false;
    const hook = async () => {
      closed = true;
    };
    serverState.afterDrain.set("test hook", hook);
    const drained = drain(server!, 5_000, pino({ level: "silent" }));
    expect(serverState.draining).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${base}/new`)).rejects.toThrow();
    release();
    expect(await inFlight).toBe("late but whole");
    await drained;
    expect(closed).toBe(true);
  });
});

describe("the gate", () => {
  it("lets `limit` requests in at once and the others in arrival order; health checks pass", async () => {
    const gate = createGate(2);
    const order: string[] = [];
    let inside = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const { base } = await listen(
      async (req, res) => {
        order.push(req.url!);
        inside++;
        most = Math.max(most, inside);
        if (!req.url!.startsWith("/api/health")) await new Promise<void>((r) => releases.push(r));
        inside--;
        res.end("ok");
      },
      "",
      gate,
    );
    const answers = ["/a", "/b", "/c", "/d"].map((path) => fetch(`${base}${path}`));
    await expect.poll(() => gate.waiting).toBe(2);
    expect(gate.running).toBe(2);
    // The health check is answered while the gate is full.
    expect((await fetch(`${base}/api/health/live`)).status).toBe(200);
    expect([...order].sort()).toEqual(["/a", "/api/health/live", "/b"]);
    // Each place freed goes to the next in line.
    releases.shift()!();
    await expect.poll(() => order.length).toBe(4);
    expect(order[3]).toBe("/c");
    while (order.length < 5 || releases.length) {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await Promise.all(answers)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(order.slice(3)).toEqual(["/c", "/d"]);
    expect(most).toBe(3); // two gated requests and the health check
    expect(gate.running).toBe(0);
    expect(gate.waiting).toBe(0);
  });

  it("lets health checks, static files, uploads and Next's forwarded actions pass", () => {
    expect(passesGate("/api/health/ready", {})).toBe(true);
    expect(passesGate("/_next/static/chunks/a.js", {})).toBe(true);
    expect(
      passesGate("/api/reports/1/evidence", { "content-type": "multipart/form-data; b=x" }),
    ).toBe(true);
    expect(passesGate("/towns/1", { "x-action-forwarded": "1" })).toBe(true);
    expect(passesGate("/dashboard", { "content-type": "text/plain" })).toBe(false);
    expect(passesGate("/api/reports/1/draft", { "content-type": "application/json" })).toBe(false);
  });

  it("frees the place of a request whose client went away while its handler never settles", async () => {
    const gate = createGate(1);
    let calls = 0;
    const { base } = await listen(
      async (_req, res) => {
        // The first request's handler hangs for good, as Next's may for an aborted client.
        if (calls++ === 0) return new Promise<void>(() => {});
        res.end("ok");
      },
      "",
      gate,
    );
    const aborted = new AbortController();
    const first = fetch(`${base}/hangs`, { signal: aborted.signal }).catch(() => "aborted");
    await expect.poll(() => gate.running).toBe(1);
    aborted.abort();
    expect(await first).toBe("aborted");
    expect((await fetch(`${base}/next`)).status).toBe(200);
    expect(gate.running).toBe(0);
  });

  it("frees the place of a request whose handler failed", async () => {
    const gate = createGate(1);
    let calls = 0;
    const { base } = await listen(
      async (_req, res) => {
        if (calls++ === 0) throw new Error("boom");
        res.end("ok");
      },
      "",
      gate,
    );
    expect((await fetch(`${base}/x`)).status).toBe(500);
    expect((await fetch(`${base}/y`)).status).toBe(200);
    expect(gate.running).toBe(0);
  });
});

describe("collectWhenIdle", () => {
  it("collects once after a busy spell when requests stop, not while they come, not for health checks", async () => {
    let collections = 0;
    const stop = collectWhenIdle(() => collections++, { idleMs: 150, afterRequests: 3 });
    try {
      const { base } = await listen(async (_req, res) => void res.end("ok"));
      const get = async (path: string) => (await fetch(`${base}${path}`)).arrayBuffer();
      // Let an earlier test's requests age past idleMs, then start from a collection.
      await new Promise((r) => setTimeout(r, 400));
      collections = 0;
      // Health checks alone are no busy spell.
      for (let i = 0; i < 5; i++) await get("/api/health/live");
      await new Promise((r) => setTimeout(r, 400));
      expect(collections).toBe(0);
      // Requests keep coming: no collection yet.
      for (let i = 0; i < 6; i++) {
        await get("/page");
        await new Promise((r) => setTimeout(r, 40));
      }
      expect(collections).toBe(0);
      await new Promise((r) => setTimeout(r, 400));
      expect(collections).toBe(1);
      // Idle afterwards: no more collections until the next busy spell.
      await new Promise((r) => setTimeout(r, 400));
      expect(collections).toBe(1);
    } finally {
      stop();
    }
  });
});
