import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { sheetName, toXlsx } from "./xlsx.ts";

describe("toXlsx", () => {
  it("round-trips through exceljs with a header row and typed numbers", async () => {
    const table = {
      columns: ["事项类别", "基本履职事项", "配合履职事项", "占比(%)"],
      rows: [
        ["社会保障", 9, 8, 55.7],
        ["=1+1", -3, 0, null],
      ],
    };
    const buffer = await toXlsx(table, "各类别事项数");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer);
    const sheet = workbook.getWorksheet("各类别事项数");
    expect(sheet).toBeDefined();
    expect(sheet!.getRow(1).values).toEqual([undefined, "事项类别", "基本履职事项", "配合履职事项", "占比(%)"]);
    expect(sheet!.getRow(1).font?.bold).toBe(true);
    expect(sheet!.getRow(2).values).toEqual([undefined, "社会保障", 9, 8, 55.7]);
    expect(sheet!.getCell("B2").type).toBe(ExcelJS.ValueType.Number);
    // Text that looks like a formula is stored as text, never evaluated.
    expect(sheet!.getCell("A3").type).toBe(ExcelJS.ValueType.String);
    expect(sheet!.getCell("A3").value).toBe("=1+1");
    expect(sheet!.getCell("B3").value).toBe(-3);
    expect(sheet!.getCell("D3").value).toBeNull();
    expect(sheet!.rowCount).toBe(3);
  });
});

describe("sheetName", () => {
  it("drops characters Excel forbids and keeps to 31 characters", () => {
    expect(sheetName("部门 × 类别 [热力图]: 2025/06")).toBe("部门 × 类别  热力图   2025 06");
    expect(sheetName("一".repeat(40))).toHaveLength(31);
    expect(sheetName("///")).toBe("Sheet1");
  });
});
