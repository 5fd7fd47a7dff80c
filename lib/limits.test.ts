/**
 * The limits of one request's work (lib/limits.ts) where they are checked: request bodies
 * (refused by Content-Length before a byte is read; counted while read when there is none),
 * uploaded files, JSON bodies, imported tables (rows while streaming an .xlsx or parsing a CSV,
 * the unpacked size of an .xlsx before unpacking) and the row errors an answer lists. Over the
 * limit: the right code and message and nothing written; under it: accepted. Includes the
 * measurement of issue 14's 100,000-row .xlsx (printed; see the report).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { AppError } from "@/lib/errors";
import { presentRows } from "@/lib/errors/present";
import { jsonBody, readBody, uploadedFile } from "@/lib/http/handlers";
import { withSpooledUpload } from "@/lib/http/multipart";
import { readTable, zipExpandedBytes } from "@/lib/import/table";
import { limits, MULTIPART_OVERHEAD_BYTES } from "@/lib/limits";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import { seedReportFixture } from "@/lib/testing/report-fixture";
import { addEvidence } from "@/lib/reports/evidence";
import { importReport } from "@/lib/reports/import";
import { getReportForActor } from "@/lib/reports/queries";

const MB = 1024 * 1024;
let drop: () => Promise<void>;
let prisma: PrismaClient;
let staff: Actor;
let reportId: number;

beforeAll(async () => {
  const app = await scratchApp("limits");
  prisma = app.prisma;
  drop = app.drop;
  ({ staff, reportId } = await seedReportFixture(prisma));
});

afterAll(async () => {
  await drop?.();
});

/** The code and message key (with values) of what `promise` throws; "OK" when it resolves. */
async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, status: error.status, message: error.user.message };
  }
}

/** A body stream of `chunks` chunks of `size` bytes that counts how many were pulled. */
function countingStream(chunks: number, size: number) {
  const pulled = { count: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled.count >= chunks) return controller.close();
        pulled.count++;
        controller.enqueue(new Uint8Array(size));
      },
    },
    { highWaterMark: 0 }, // no chunk pulled before someone reads
  );
  return { stream, pulled };
}

/** `size` bytes that start like a PDF (the content check reads the first bytes). */
function pdfBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
  return bytes;
}

const post = (body: BodyInit | ReadableStream, headers: Record<string, string> = {}) =>
  new Request("http://meizhen.test/api/x", {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);

describe("request bodies", () => {
  it("refuses a declared Content-Length over the cap before reading a byte", async () => {
    const { stream, pulled } = countingStream(100, 1024);
    expect(await refusal(readBody(post(stream, { "content-length": "102400" }), 10_000))).toEqual({
      code: "TOO_LARGE",
      status: 413,
      message: { key: "upload.tooLarge", values: { mb: "0" } },
    });
    expect(pulled.count).toBe(0);
  });

  it("stops reading a body without a length at the first chunk past the cap", async () => {
    const { stream, pulled } = countingStream(1000, 1024);
    expect(await refusal(readBody(post(stream), 10 * 1024))).toMatchObject({ code: "TOO_LARGE" });
    // 10 chunks fit, the 11th passes the cap; the remaining 989 are never pulled.
    expect(pulled.count).toBeLessThanOrEqual(12);
  });

  it("reads a body within the cap whole", async () => {
    const { stream } = countingStream(10, 1024);
    expect((await readBody(post(stream), 10 * 1024)).byteLength).toBe(10 * 1024);
  });

  it("says an upload broke off in the user's language", async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === 2) return controller.error(new Error("socket hang up"));
        controller.enqueue(new Uint8Array(100));
      },
    });
    expect(await refusal(readBody(post(stream), 10_000))).toEqual({
      code: "VALIDATION",
      status: 400,
      message: { key: "upload.interrupted" },
    });
  });

  it("refuses an evidence file over the limit (20 MB by default), takes one at the limit", async () => {
    expect(limits().evidenceBytes).toBe(20 * MB);
    const form = (size: number) => {
      const f = new FormData();
      f.set("indicatorId", "7");
      f.set("file", new File([pdfBytes(size)], "台账.pdf"));
      return f;
    };
    const spooled = (request: Request) =>
      withSpooledUpload(request, "evidence", "evidence.empty", async (upload) => upload);
    expect(await refusal(spooled(post(form(20 * MB + 1))))).toEqual({
      code: "TOO_LARGE",
      status: 413,
      message: { key: "upload.tooLarge", values: { mb: "20" } },
    });
    const ok = await spooled(post(form(20 * MB)));
    expect(ok.file.sizeBytes).toBe(20 * MB);
    expect(ok.file.sha256).toBe(
      createHash("sha256")
        .update(pdfBytes(20 * MB))
        .digest("hex"),
    );
    expect(Array.from(ok.file.head.subarray(0, 5))).toEqual([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(ok.fields.get("indicatorId")).toBe("7");
    expect(ok.file.fileName).toBe("台账.pdf"); // the browser's raw UTF-8 name, not mojibake
    // A body past the file limit plus the multipart overhead is refused unread.
    const big = 20 * MB + MULTIPART_OVERHEAD_BYTES + 1;
    const { stream, pulled } = countingStream(100, MB);
    expect(
      await refusal(
        spooled(
          post(stream, {
            "content-type": "multipart/form-data; boundary=x",
            "content-length": String(big),
          }),
        ),
      ),
    ).toEqual({
      code: "TOO_LARGE",
      status: 413,
      message: { key: "upload.tooLarge", values: { mb: "20" } },
    });
    expect(pulled.count).toBe(0);
  });

  it("streams an upload to a temporary file: reading stops at the limit, the file is removed", async () => {
    // A 200 MB file part without a Content-Length: refused once past 20 MB, the rest never read.
    const boundary = "meizhen-test-boundary";
    const prefix = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="大.pdf"\r\n` +
        `Content-Type: application/pdf\r\n\r\n`,
    );
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled === 0) controller.enqueue(prefix);
          if (pulled++ >= 200) return controller.close();
          controller.enqueue(new Uint8Array(MB));
        },
      },
      { highWaterMark: 0 },
    );
    const spoolFiles = () =>
      fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("meizhen-upload-"));
    const before = spoolFiles().length;
    expect(
      await refusal(
        withSpooledUpload(
          post(endless, { "content-type": `multipart/form-data; boundary=${boundary}` }),
          "evidence",
          "evidence.empty",
          async () => "stored",
        ),
      ),
    ).toMatchObject({ code: "TOO_LARGE", status: 413 });
    expect(pulled).toBeLessThan(30);
    // The temporary file is gone after success and after a failure inside the work, too.
    const f = new FormData();
    f.set("file", new File([pdfBytes(1000)], "a.pdf"));
    await withSpooledUpload(post(f), "evidence", "evidence.empty", async ({ file }) => {
      expect(spoolFiles().length).toBe(before + 1);
      expect(Buffer.from(await file.readAll()).equals(Buffer.from(pdfBytes(1000)))).toBe(true);
    });
    await expect(
      withSpooledUpload(post(f), "evidence", "evidence.empty", async () => {
        throw new Error("work failed");
      }),
    ).rejects.toThrow("work failed");
    expect(spoolFiles().length).toBe(before);
  });

  it("says what is wrong with a body that is not a file upload", async () => {
    const run = (request: Request) =>
      refusal(withSpooledUpload(request, "evidence", "evidence.empty", async () => "stored"));
    expect(await run(post("{}", { "content-type": "application/json" }))).toMatchObject({
      code: "VALIDATION",
      message: { key: "validation.badBody" },
    });
    const noFile = new FormData();
    noFile.set("indicatorId", "1");
    expect(await run(post(noFile))).toMatchObject({ message: { key: "evidence.empty" } });
    const truncated = `--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-`;
    expect(
      await run(post(truncated, { "content-type": "multipart/form-data; boundary=x" })),
    ).toMatchObject({ code: "VALIDATION" });
  });

  it("refuses an import file over 5 MB and a JSON body over 1 MB", async () => {
    const f = new FormData();
    f.set("file", new File([new Uint8Array(5 * MB + 1)], "填报.csv"));
    expect(await refusal(uploadedFile(post(f), "import", "import.badType"))).toEqual({
      code: "TOO_LARGE",
      status: 413,
      message: { key: "upload.tooLarge", values: { mb: "5" } },
    });
    const json = JSON.stringify({ note: "x".repeat(MB) });
    expect(await refusal(jsonBody(post(json)))).toMatchObject({ code: "TOO_LARGE", status: 413 });
    expect(await jsonBody(post(JSON.stringify({ note: "x".repeat(1000) })))).toEqual({
      note: "x".repeat(1000),
    });
  });

  it("refuses an evidence file over the limit inside the use case, writing nothing", async () => {
    const before = await prisma.evidence.count();
    const bytes = pdfBytes(20 * MB + 1);
    expect(
      await refusal(addEvidence(staff, { reportId, indicatorId: null, fileName: "a.pdf", bytes })),
    ).toMatchObject({ code: "TOO_LARGE", message: { key: "upload.tooLarge" } });
    expect(await prisma.evidence.count()).toBe(before);
  });
});

/** An .xlsx of the report template's shape with `rows` data rows (indicator code, value). */
async function xlsx(rows: number, code = "greenwayKm"): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("填报");
  sheet.addRow(["指标代码", "本期数值"]);
  for (let i = 0; i < rows; i++) sheet.addRow([code, i % 100]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The offsets of a zip's central directory entries (a test zip: no comment, no ZIP64). */
function centralEntries(bytes: Uint8Array): number[] {
  const view = Buffer.from(bytes);
  const end = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const offsets: number[] = [];
  let at = view.readUInt32LE(end + 16);
  for (let n = view.readUInt16LE(end + 10); n > 0; n--) {
    offsets.push(at);
    at += 46 + view.readUInt16LE(at + 28) + view.readUInt16LE(at + 30) + view.readUInt16LE(at + 32);
  }
  return offsets;
}

/** A copy of a zip whose every entry declares 1 byte unpacked (central directory and local header). */
function understated(bytes: Uint8Array): Uint8Array {
  const copy = Buffer.from(bytes);
  for (const at of centralEntries(copy)) {
    copy.writeUInt32LE(1, at + 24);
    copy.writeUInt32LE(1, copy.readUInt32LE(at + 42) + 22);
  }
  return new Uint8Array(copy);
}

/** A one-entry zip (deflated) that declares its content to be 1 byte long. */
function zipOf(name: string, content: Buffer): Uint8Array {
  const data = deflateRawSync(content);
  const file = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1, 24);
  central.writeUInt16LE(file.length, 28);
  const directoryAt = local.length + file.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return new Uint8Array(Buffer.concat([local, file, data, central, file, end]));
}

describe("imported tables", () => {
  it("stops reading an .xlsx past the row limit: the 100,000-row file of issue 14", async () => {
    const bytes = await xlsx(100_000);
    const report = await getReportForActor(staff, reportId);
    const values = await prisma.indicatorValue.findMany({ where: { reportId } });
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const result = await refusal(
      importReport(staff, report, { expectedVersion: report.version, fileName: "大.xlsx", bytes }),
    );
    const ms = performance.now() - started;
    console.info(
      `100,000-row .xlsx: ${(bytes.byteLength / MB).toFixed(2)} MB, refused in ${ms.toFixed(0)} ms, ` +
        `RSS +${((process.memoryUsage().rss - rssBefore) / MB).toFixed(0)} MB`,
    );
    expect(result).toEqual({
      code: "TOO_LARGE",
      status: 413,
      message: { key: "upload.tooManyRows", values: { max: 5000 } },
    });
    expect(await prisma.indicatorValue.findMany({ where: { reportId } })).toEqual(values);
    expect(ms).toBeLessThan(5_000);
  });

  it("reads a table at the row limit, refuses one row more (.xlsx and .csv)", async () => {
    const max = { importRows: 50, importExpandedBytes: 50 * MB };
    expect((await readTable("a.xlsx", await xlsx(50), max)).rows).toHaveLength(50);
    expect(await refusal(readTable("a.xlsx", await xlsx(51), max))).toMatchObject({
      code: "TOO_LARGE",
      message: { key: "upload.tooManyRows", values: { max: 50 } },
    });
    const csv = (n: number) =>
      new TextEncoder().encode(
        ["指标代码,本期数值", ...Array.from({ length: n }, () => "greenwayKm,1")].join("\n"),
      );
    expect((await readTable("a.csv", csv(50), max)).rows).toHaveLength(50);
    expect(await refusal(readTable("a.csv", csv(51), max))).toMatchObject({
      code: "TOO_LARGE",
      message: { key: "upload.tooManyRows" },
    });
  });

  it("refuses an .xlsx whose parts unpack past the limit before unpacking it", async () => {
    const bytes = await xlsx(2000);
    const expanded = zipExpandedBytes(bytes)!;
    // Hand check: the sheet alone holds 2,000 rows of ~60 bytes of XML.
    expect(expanded).toBeGreaterThan(2000 * 40);
    expect(expanded).toBeGreaterThan(bytes.byteLength);
    expect(
      await refusal(
        readTable("a.xlsx", bytes, { importRows: 5000, importExpandedBytes: expanded - 1 }),
      ),
    ).toEqual({
      code: "TOO_LARGE",
      status: 413,
      message: { key: "upload.tooLargeExpanded", values: { mb: expect.any(String) } },
    });
    expect(
      (await readTable("a.xlsx", bytes, { importRows: 5000, importExpandedBytes: expanded })).rows,
    ).toHaveLength(2000);
    expect(zipExpandedBytes(new TextEncoder().encode("not a zip"))).toBeNull();
  });

  it("counts the bytes actually inflated: a zip that lies about its unpacked sizes is refused", async () => {
    const honest = await xlsx(2000);
    const expanded = zipExpandedBytes(honest)!;
    const lying = understated(honest);
    // Hand check: every entry now declares 1 byte unpacked.
    expect(zipExpandedBytes(lying)).toBe(centralEntries(honest).length);
    const max = { importRows: 5000, importExpandedBytes: expanded - 1 };
    expect(await refusal(readTable("a.xlsx", lying, max))).toEqual({
      code: "TOO_LARGE",
      status: 413,
      message: { key: "upload.tooLargeExpanded", values: { mb: expect.any(String) } },
    });
    // At the true size the lying file reads like the honest one (the lie alone is no error).
    const rows = await readTable("a.xlsx", lying, {
      importRows: 5000,
      importExpandedBytes: expanded,
    });
    expect(rows.rows).toHaveLength(2000);
  });

  it("stops inflating a lying zip bomb at the limit (64 MiB of spaces declared as 1 byte)", async () => {
    const bomb = zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(64 * MB, 0x20));
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    expect(
      await refusal(readTable("a.xlsx", bomb, { importRows: 5000, importExpandedBytes: 1 * MB })),
    ).toMatchObject({ code: "TOO_LARGE", message: { key: "upload.tooLargeExpanded" } });
    const ms = performance.now() - started;
    const grewMb = (process.memoryUsage().rss - rssBefore) / MB;
    console.log(
      `zip bomb (64 MiB declared 1 B) refused at 1 MiB: ${ms.toFixed(0)} ms, RSS +${grewMb.toFixed(1)} MiB`,
    );
    expect(ms).toBeLessThan(2_000);
  });

  it("lists at most the limit's row errors and counts the rest", () => {
    const rows = Array.from({ length: 250 }, (_, i) => ({ row: i + 2, key: "import.x" }));
    const t = ((key: string, values?: Record<string, unknown>) =>
      `${key}${values ? JSON.stringify(values) : ""}`) as never;
    const shown = presentRows(rows, (m) => m.key, t);
    expect(shown).toHaveLength(101);
    expect(shown[0]).toBe('import.rowError{"row":2,"message":"import.x"}');
    expect(shown[100]).toBe('upload.moreRows{"count":150}');
    expect(presentRows(rows.slice(0, 100), (m) => m.key, t)).toHaveLength(100);
  });
});
