/**
 * Evidence storage against real servers: PostgreSQL (a scratch database) and an S3-compatible
 * server started here from npm (s3rver, random port, temporary directory, path-style). Files are
 * written, read back by stream and compared by SHA-256; a failing transaction leaves no object;
 * switching EVIDENCE_STORE still reads older files; the move command moves files there and back,
 * verified by hash, and a second run moves nothing.
 */
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/access";
import { withSpooledUpload } from "@/lib/http/multipart";
import type { PrismaClient } from "@/lib/prisma-client";
import { addEvidence, deleteEvidence, getEvidenceFile } from "@/lib/reports/evidence";
import { scratchApp } from "@/lib/testing/builders";
import { seedReportFixture } from "@/lib/testing/report-fixture";
import { startS3Server, type TestS3Server } from "@/lib/testing/s3-server";
import { s3FromEnv, storeOf } from "./index";
import { digest, findOrphans, moveEvidence, movedObjectKey } from "./move";

// The environment is read afresh on every use, so a test can switch EVIDENCE_STORE.
vi.mock("@/lib/env", async () => {
  const { parseEnv } = await import("@/lib/env-schema");
  return { env: () => parseEnv(process.env) };
});

let drop: () => Promise<void>;
let prisma: PrismaClient;
let s3: TestS3Server;
let staff: Actor;
let reportId: number;

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
/** A PDF (by its magic number) of `size` bytes. */
const pdf = (size: number) => {
  const bytes = randomBytes(size);
  bytes.set(new TextEncoder().encode("%PDF-1.7\n"));
  return new Uint8Array(bytes);
};
const objectKeys = async () => {
  const keys: string[] = [];
  for await (const key of s3FromEnv().keys()) keys.push(key);
  return keys;
};
const selectStore = (store: "postgres" | "s3") => {
  process.env.EVIDENCE_STORE = store;
};

beforeAll(async () => {
  s3 = await startS3Server();
  Object.assign(process.env, s3.env);
  selectStore("postgres");
  const app = await scratchApp("evidence_storage");
  prisma = app.prisma;
  drop = app.drop;
  ({ staff, reportId } = await seedReportFixture(prisma));
});

afterAll(async () => {
  await drop?.();
  await s3?.stop();
  for (const key of Object.keys(s3?.env ?? {})) delete process.env[key];
  delete process.env.EVIDENCE_STORE;
});

describe("the S3 store", () => {
  it("stores bytes and a stream, reads them back by stream, and deletes", async () => {
    const store = storeOf("S3");
    const small = pdf(3_000);
    // 11 MiB from a stream: more than one 8 MiB part of the multipart upload.
    const large = pdf(11 * 1024 * 1024);
    const facts = (b: Uint8Array) => ({
      sha256: sha(b),
      sizeBytes: b.length,
      mimeType: "application/pdf",
    });
    await store.put("evidence/test-small", small, facts(small));
    await store.put(
      "evidence/test-large",
      Readable.from([large.subarray(0, 5_000_000), large.subarray(5_000_000)]),
      facts(large),
    );
    expect(await digest(await store.get("evidence/test-small"))).toEqual({
      sha256: sha(small),
      sizeBytes: 3_000,
    });
    expect(await digest(await store.get("evidence/test-large"))).toEqual({
      sha256: sha(large),
      sizeBytes: 11 * 1024 * 1024,
    });
    expect(await store.exists("evidence/test-large")).toBe(true);
    await store.delete("evidence/test-small");
    await store.delete("evidence/test-large");
    expect(await store.exists("evidence/test-large")).toBe(false);
    await expect(store.get("evidence/test-small")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await objectKeys()).toEqual([]);
  });
});

describe("uploads and downloads", () => {
  it("stores an upload in S3, streams it back, and deletes the object with the file", async () => {
    selectStore("s3");
    const bytes = pdf(2_500_000);
    const { id } = await addEvidence(staff, {
      reportId,
      indicatorId: null,
      fileName: "验收.pdf",
      bytes,
    });
    const row = await prisma.evidence.findUniqueOrThrow({ where: { id }, include: { blob: true } });
    expect(row).toMatchObject({
      storage: "S3",
      sha256: sha(bytes),
      sizeBytes: 2_500_000,
      blob: null,
    });
    expect(await objectKeys()).toEqual([row.storageKey]);
    const file = await getEvidenceFile(staff, id);
    expect(file.sizeBytes).toBe(2_500_000);
    expect(await digest(file.stream)).toEqual({ sha256: sha(bytes), sizeBytes: 2_500_000 });
    await deleteEvidence(staff, id);
    expect(await objectKeys()).toEqual([]);
  });

  it("streams a multipart upload through a temporary file into S3, never reading it whole", async () => {
    selectStore("s3");
    const bytes = pdf(12 * 1024 * 1024); // more than one 8 MiB part
    const form = new FormData();
    form.set("file", new File([bytes], "航拍.pdf"));
    const request = new Request("http://meizhen.test/api/reports/1/evidence", {
      method: "POST",
      body: form,
    });
    const { id } = await withSpooledUpload(request, "evidence", "evidence.empty", ({ file }) =>
      addEvidence(staff, {
        reportId,
        indicatorId: null,
        // The S3 path streams: reading the whole file into memory would fail this test.
        file: { ...file, readAll: () => Promise.reject(new Error("read whole")) },
      }),
    );
    const row = await prisma.evidence.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ storage: "S3", sha256: sha(bytes), sizeBytes: bytes.length });
    expect(await digest((await getEvidenceFile(staff, id)).stream)).toEqual({
      sha256: sha(bytes),
      sizeBytes: bytes.length,
    });
    await deleteEvidence(staff, id);
    expect(await objectKeys()).toEqual([]);
  });

  it("leaves no object behind when the transaction fails", async () => {
    selectStore("s3");
    await prisma.progressReport.update({ where: { id: reportId }, data: { status: "SUBMITTED" } });
    try {
      await expect(
        addEvidence(staff, { reportId, indicatorId: null, fileName: "迟到.pdf", bytes: pdf(1000) }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
    } finally {
      await prisma.progressReport.update({ where: { id: reportId }, data: { status: "DRAFT" } });
    }
    expect(await objectKeys()).toEqual([]);
    expect(await prisma.evidence.count()).toBe(0);
  });

  it("streams a PostgreSQL file in slices, and reads files of both stores after a switch", async () => {
    selectStore("postgres");
    const inPostgres = pdf(2_500_000); // three 1 MiB slices
    const a = await addEvidence(staff, {
      reportId,
      indicatorId: null,
      fileName: "a.pdf",
      bytes: inPostgres,
    });
    selectStore("s3");
    const inS3 = pdf(4_000);
    const b = await addEvidence(staff, {
      reportId,
      indicatorId: null,
      fileName: "b.pdf",
      bytes: inS3,
    });
    for (const store of ["postgres", "s3"] as const) {
      selectStore(store);
      expect(await digest((await getEvidenceFile(staff, a.id)).stream)).toEqual({
        sha256: sha(inPostgres),
        sizeBytes: 2_500_000,
      });
      expect(await digest((await getEvidenceFile(staff, b.id)).stream)).toEqual({
        sha256: sha(inS3),
        sizeBytes: 4_000,
      });
    }
    expect(
      await prisma.evidence.findMany({ select: { storage: true }, orderBy: { id: "asc" } }),
    ).toEqual([{ storage: "POSTGRES" }, { storage: "S3" }]);
    await deleteEvidence(staff, a.id);
    await deleteEvidence(staff, b.id);
    expect(await objectKeys()).toEqual([]);
  });
});

describe("a 20 MiB download", () => {
  /**
   * Reads the file as the download route does (web stream of the store's stream) and records the
   * largest piece and, when Node runs with --expose-gc, the peak of live memory above the start.
   */
  async function download(id: number) {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const live = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const start = live();
    let peak = 0;
    let pieces = 0;
    let largest = 0;
    const hash = createHash("sha256");
    const file = await getEvidenceFile(staff, id);
    for await (const piece of Readable.toWeb(file.stream) as ReadableStream<Uint8Array>) {
      hash.update(piece);
      largest = Math.max(largest, piece.length);
      if (++pieces % 4 === 0 && gc) {
        gc();
        peak = Math.max(peak, live() - start);
      }
    }
    return { sha256: hash.digest("hex"), pieces, largest, peakMiB: gc ? peak / 1048576 : null };
  }

  it("streams from either store in pieces of at most 1 MiB", async () => {
    const bytes = pdf(20 * 1024 * 1024);
    const sha256 = sha(bytes);
    const ids: Record<string, number> = {};
    for (const store of ["postgres", "s3"] as const) {
      selectStore(store);
      ids[store] = (
        await addEvidence(staff, { reportId, indicatorId: null, fileName: "20.pdf", bytes })
      ).id;
    }
    for (const store of ["postgres", "s3"] as const) {
      const result = await download(ids[store]!);
      console.log(`20 MiB download from ${store}: ${JSON.stringify(result)}`);
      expect(result).toMatchObject({ sha256 });
      expect(result.largest).toBeLessThanOrEqual(1024 * 1024);
      expect(result.pieces).toBeGreaterThanOrEqual(20);
      if (result.peakMiB !== null) expect(result.peakMiB).toBeLessThan(8);
      await deleteEvidence(staff, ids[store]!);
    }
    expect(await objectKeys()).toEqual([]);
  }, 180_000);
});

describe("npm run evidence:move", () => {
  it("moves files to S3 and back, verified by hash, and a rerun moves nothing", async () => {
    selectStore("postgres");
    const files = [pdf(1_000), pdf(300_000), pdf(1_500_000)];
    const ids: number[] = [];
    for (const [i, bytes] of files.entries()) {
      ids.push(
        (await addEvidence(staff, { reportId, indicatorId: null, fileName: `${i}.pdf`, bytes })).id,
      );
    }
    const total = 1_000 + 300_000 + 1_500_000;
    expect(await moveEvidence({ to: "S3", dryRun: true })).toMatchObject({
      candidates: 3,
      moved: 0,
      bytes: total,
    });
    expect(await prisma.evidenceBlob.count()).toBe(3);

    const there = await moveEvidence({ to: "S3", batchSize: 2 });
    expect(there).toMatchObject({ candidates: 3, moved: 3, bytes: total, failed: 0 });
    console.log(`move to S3: ${(total / 1048576 / there.seconds).toFixed(1)} MiB/s`);
    expect(await prisma.evidenceBlob.count()).toBe(0);
    const rows = await prisma.evidence.findMany({
      where: { id: { in: ids } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.storage, r.storageKey])).toEqual(
      rows.map((r) => ["S3", movedObjectKey(r)]),
    );
    expect((await objectKeys()).sort()).toEqual(rows.map((r) => r.storageKey).sort());
    for (const [i, id] of ids.entries()) {
      expect((await digest((await getEvidenceFile(staff, id)).stream)).sha256).toBe(sha(files[i]!));
    }
    expect(await moveEvidence({ to: "S3" })).toMatchObject({ candidates: 0, moved: 0, bytes: 0 });
    expect(await findOrphans()).toEqual([]);

    const back = await moveEvidence({ to: "POSTGRES" });
    expect(back).toMatchObject({ candidates: 3, moved: 3, bytes: total, failed: 0 });
    console.log(`move to PostgreSQL: ${(total / 1048576 / back.seconds).toFixed(1)} MiB/s`);
    expect(await objectKeys()).toEqual([]);
    const blobs = await prisma.evidenceBlob.findMany({ orderBy: { evidenceId: "asc" } });
    expect(blobs.map((b) => sha(b.content))).toEqual(files.map(sha));
    expect(await moveEvidence({ to: "POSTGRES" })).toMatchObject({ candidates: 0, moved: 0 });
  });

  it("does not switch a file whose bytes no longer match its hash, and lists orphans", async () => {
    selectStore("postgres");
    await prisma.evidence.deleteMany(); // the files of the test before, all in PostgreSQL
    const { id } = await addEvidence(staff, {
      reportId,
      indicatorId: null,
      fileName: "x.pdf",
      bytes: pdf(5_000),
    });
    await prisma.evidence.update({ where: { id }, data: { sha256: "0".repeat(64) } });
    const lines: string[] = [];
    const result = await moveEvidence({ to: "S3", log: (line) => lines.push(line) });
    expect(result).toMatchObject({ moved: 0, failed: 1 });
    expect(lines[0]).toContain(`evidence ${id}: not moved: SHA-256 or size differs`);
    expect(await prisma.evidence.findUniqueOrThrow({ where: { id } })).toMatchObject({
      storage: "POSTGRES",
    });
    expect(await prisma.evidenceBlob.count({ where: { evidenceId: id } })).toBe(1);
    expect(await objectKeys()).toEqual([]);

    await storeOf("S3").put("evidence/stray", pdf(10), {
      sha256: "",
      sizeBytes: 10,
      mimeType: "application/pdf",
    });
    expect(await findOrphans()).toEqual(["evidence/stray"]);
    await storeOf("S3").delete("evidence/stray");
  });
});
