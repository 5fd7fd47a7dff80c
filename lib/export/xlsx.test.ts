import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { exportFileName, toXlsx } from "./xlsx";

describe("toXlsx", () => {
  it("writes text as text and numeric columns as numbers", async () => {
    const bytes = await toXlsx(
      {
        columns: ["代码", "乡镇", "共富工坊", "完成投资（万元）"],
        rows: [["330825109", "溪口镇", 12, "1234.50"]],
      },
      "乡镇",
      ["text", "text", "integer", "decimal2"],
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("乡镇")!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "代码",
      "乡镇",
      "共富工坊",
      "完成投资（万元）",
    ]);
    expect(sheet.getRow(2).values).toEqual([undefined, "330825109", "溪口镇", 12, 1234.5]);
    expect(sheet.getColumn(4).numFmt).toBe("#,##0.00");
  });

  it("writes the title and as-of rows above a frozen header", async () => {
    const bytes = await toXlsx(
      { columns: ["乡镇", "完成投资（万元）"], rows: [["溪口镇", "10.00"]] },
      "乡镇",
      ["text", "decimal2"],
      {
        title: "衢州市美丽城镇建设 · 乡镇 · 2026年",
        note: "数据截至 2026/12/4 20:00 【演示数据，非真实数据】",
      },
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("乡镇")!;
    expect(sheet.getRow(1).getCell(1).value).toBe("衢州市美丽城镇建设 · 乡镇 · 2026年");
    expect(String(sheet.getRow(2).getCell(1).value)).toContain("【演示数据，非真实数据】");
    expect(sheet.getRow(3).values).toEqual([undefined, "乡镇", "完成投资（万元）"]);
    expect(sheet.getRow(4).values).toEqual([undefined, "溪口镇", 10]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
  });
});

describe("exportFileName", () => {
  it("names the file by prefix, table, year and day in either language", () => {
    expect(exportFileName("衢州市美丽城镇", "进度填报", 2026, "2026-12-04")).toBe(
      "衢州市美丽城镇_进度填报_2026_20261204",
    );
    expect(exportFileName("Quzhou", "progress reports", 2026, "2026-12-04")).toBe(
      "Quzhou_progress-reports_2026_20261204",
    );
    expect(exportFileName("Quzhou", "a/b:c", 2025, "2025-01-31")).toBe(
      "Quzhou_a-b-c_2025_20250131",
    );
  });
});
