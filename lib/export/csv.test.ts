import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("writes a BOM, CRLF lines and quotes only what needs quoting", () => {
    const csv = toCsv({
      columns: ["乡镇", "说明", "投资（万元）"],
      rows: [
        ["溪口镇", '含"引号"', "1,234.50"],
        ["白石镇", "两行\n文字", 80],
        ["峡口镇", null, "0.00"],
      ],
    });
    expect(csv).toBe(
      '\uFEFF乡镇,说明,投资（万元）\r\n溪口镇,"含""引号""","1,234.50"\r\n白石镇,"两行\n文字",80\r\n峡口镇,,0.00\r\n',
    );
  });
});
