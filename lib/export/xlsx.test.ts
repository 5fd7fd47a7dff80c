import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { toXlsx } from "./xlsx";

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
});
