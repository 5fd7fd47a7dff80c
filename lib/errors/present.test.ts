/**
 * A client that goes away mid-request (issue 15, part 6) is not a server error: the presenter
 * logs it at debug with status 499, while a real failure stays an unexpected 500 in the error
 * log and a refusal stays a refusal. The abort comes from the request's signal, the body
 * stream's own error, or readBody's "upload.interrupted".
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

// The presenter translates with next-intl (request-bound in the app): here, the key itself.
vi.mock("next-intl/server", () => ({
  getTranslations: async () => (key: string) => key,
}));
// lib/http/handlers.ts reads the session for its wrappers; readBody and failWith need none.
vi.mock("@/lib/auth/session", () => ({ getActor: async () => null }));

const { clientAborted, presentError } = await import("./present");
const { failWith, readBody } = await import("@/lib/http/handlers");

let debug: MockInstance;
let warn: MockInstance;
let error: MockInstance;

beforeEach(() => {
  debug = vi.spyOn(log, "debug").mockImplementation(() => undefined);
  warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
  error = vi.spyOn(log, "error").mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const aborted = () => {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
};

/** A POST whose body sends one chunk, then fails as a dropped connection does. */
function interruptedRequest(): Request {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(new TextEncoder().encode('{"expectedVersion":'));
      } else {
        controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      }
    },
  });
  return new Request("http://localhost/api/reports/1/draft", {
    method: "POST",
    body,
    duplex: "half",
  } as RequestInit);
}

describe("a client that went away", () => {
  it("mid-body: readBody's upload.interrupted is answered 499 and logged at debug only", async () => {
    const request = interruptedRequest();
    const thrown = await readBody(request, 1_000_000).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(AppError);
    const response = await failWith(thrown, { where: "report.saveDraft", write: true });
    expect(response.status).toBe(499);
    expect(debug).toHaveBeenCalledWith(
      expect.objectContaining({ where: "report.saveDraft" }),
      "client aborted the request",
    );
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it("mid-save: any failure while the request's signal is aborted is logged at debug", async () => {
    const presented = await presentError(new Error("Connection terminated"), {
      where: "report.saveDraft",
      write: true,
      signal: aborted(),
    });
    expect(presented.status).toBe(499);
    expect(debug).toHaveBeenCalledOnce();
    expect(error).not.toHaveBeenCalled();
  });

  it("recognises the stream's own abort errors without a signal", () => {
    expect(clientAborted(Object.assign(new Error("aborted"), { code: "ECONNRESET" }))).toBe(true);
    expect(clientAborted(Object.assign(new Error("x"), { name: "AbortError" }))).toBe(true);
    expect(clientAborted(new AppError("VALIDATION", "upload.interrupted"))).toBe(true);
    expect(clientAborted(new Error("boom"))).toBe(false);
    expect(clientAborted(new AppError("VALIDATION", "validation.badBody"))).toBe(false);
  });
});

describe("a client still there", () => {
  it("an unexpected error is still a 500 in the error log", async () => {
    const presented = await presentError(new Error("boom"), {
      where: "report.saveDraft",
      signal: new AbortController().signal,
    });
    expect(presented).toMatchObject({ status: 500, code: "INTERNAL" });
    expect(error).toHaveBeenCalledOnce();
    expect(debug).not.toHaveBeenCalled();
  });

  it("a refusal stays a refusal (warn), even if the client left meanwhile", async () => {
    const presented = await presentError(new AppError("CONFLICT", "reports.staleVersion"), {
      where: "report.saveDraft",
      signal: aborted(),
    });
    expect(presented).toMatchObject({ status: 409, code: "CONFLICT" });
    expect(warn).toHaveBeenCalledOnce();
    expect(debug).not.toHaveBeenCalled();
  });
});

describe("a refused input", () => {
  it("says the one security reason of its fields as its message, else asks to fix the marked fields", async () => {
    const { saveReportSchema } = await import("@/lib/validation/report");
    const refuse = async (input: unknown) => {
      const parsed = saveReportSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      return presentError(parsed.error, { where: "report.saveDraft" });
    };
    // Text that cannot be stored, in fields the report form does not mark (narrative, a note).
    const text = await refuse({
      reportId: 1,
      expectedVersion: 1,
      narrative: "绿道\uD83C",
      notes: { "7": "a\u0000b" },
    });
    expect(text).toMatchObject({
      status: 400,
      message: "security.badText",
      fields: { narrative: "security.badText", "notes.7": "security.badText" },
    });
    const mixed = await refuse({ reportId: 1, expectedVersion: 0, narrative: "a\u0000b" });
    expect(mixed).toMatchObject({ status: 400, message: "validation.fixFields" });
  });
});
