/** Evidence file checks and the download header, by hand. */
import { describe, expect, it } from "vitest";
import { checkEvidenceFile, contentDisposition, MAX_EVIDENCE_BYTES } from "./evidence-file";

const pdf = new TextEncoder().encode("%PDF-1.7\n");
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]);

describe("checkEvidenceFile", () => {
  it("accepts a file whose content matches its extension", () => {
    expect(checkEvidenceFile({ name: "污水处理验收报告.PDF", size: 9, bytes: pdf })).toEqual({
      ok: true,
      mimeType: "application/pdf",
    });
    expect(checkEvidenceFile({ name: "现场照片.png", size: 9, bytes: png })).toMatchObject({
      ok: true,
    });
    expect(checkEvidenceFile({ name: "台账.xlsx", size: 6, bytes: zip })).toEqual({
      ok: true,
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
  });

  it("refuses a renamed file, an unknown type, an empty file and one over 20 MB", () => {
    expect(checkEvidenceFile({ name: "照片.jpg", size: 9, bytes: pdf })).toEqual({
      ok: false,
      error: "evidence.contentMismatch",
    });
    expect(checkEvidenceFile({ name: "setup.exe", size: 6, bytes: zip })).toEqual({
      ok: false,
      error: "evidence.badType",
    });
    expect(checkEvidenceFile({ name: "无扩展名", size: 9, bytes: pdf })).toMatchObject({
      ok: false,
    });
    expect(checkEvidenceFile({ name: "a.pdf", size: 0, bytes: new Uint8Array() })).toEqual({
      ok: false,
      error: "evidence.empty",
    });
    expect(checkEvidenceFile({ name: "a.pdf", size: MAX_EVIDENCE_BYTES + 1, bytes: pdf })).toEqual({
      ok: false,
      error: "evidence.tooLarge",
    });
    expect(
      checkEvidenceFile({ name: "a.pdf", size: MAX_EVIDENCE_BYTES, bytes: pdf }),
    ).toMatchObject({
      ok: true,
    });
  });
});

describe("contentDisposition", () => {
  it("keeps a Chinese name in RFC 5987 form with an ASCII fallback", () => {
    expect(contentDisposition("验收(1).pdf")).toBe(
      "attachment; filename=\"__(1).pdf\"; filename*=UTF-8''%E9%AA%8C%E6%94%B6%281%29.pdf",
    );
  });
});
