import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { exportFilename } from "./table.ts";
import { CONTEXT_SHEET, sheetName, toXlsx } from "./xlsx.ts";

const context = { scope: "兰州湾镇 2025年6月30日版", place: "兰州湾镇", revisions: "兰州湾镇 2025年6月30日版", files: "seed.txt" };

async function load(buffer: ArrayBuffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer);
  return workbook;
}

describe("toXlsx", () => {
  it("writes a 说明 sheet with the context, then one sheet per table with a header row and typed numbers", async () => {
    const table = {
      columns: ["事项类别", "基本履职事项", "配合履职事项", "占比"],
      rows: [
        ["社会保障", 9, 8, { share: 0.557 }],
        ["=1+1", -3, 0, null],
      ],
    };
    const workbook = await load(
      await toXlsx(
        [
          { title: "各类别事项数", table, note: "每个类别的事项数（项）。" },
          { title: "各类别事项数", table },
        ],
        context,
        "2026-12-01",
      ),
    );
    expect(workbook.worksheets.map((w) => w.name)).toEqual([CONTEXT_SHEET, "各类别事项数", "各类别事项数_2"]);
    const about = workbook.getWorksheet(CONTEXT_SHEET)!;
    expect([1, 2, 3, 4].map((r) => about.getRow(r).values)).toEqual([
      [undefined, "范围", "兰州湾镇 2025年6月30日版"],
      [undefined, "版本", "兰州湾镇 2025年6月30日版"],
      [undefined, "导出日期", "2026-12-01"],
      [undefined, "来源", "履职图谱，源文件 seed.txt"],
    ]);
    expect(about.getRow(7).values).toEqual([undefined, "各类别事项数", "各类别事项数：每个类别的事项数（项）。"]);

    const sheet = workbook.getWorksheet("各类别事项数")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "事项类别", "基本履职事项", "配合履职事项", "占比"]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).values).toEqual([undefined, "社会保障", 9, 8, 0.557]);
    expect(sheet.getCell("B2").type).toBe(ExcelJS.ValueType.Number);
    // A share is a number Excel shows as a percentage.
    expect(sheet.getCell("D2").numFmt).toBe("0.0%");
    // Text that looks like a formula is stored as text, never evaluated.
    expect(sheet.getCell("A3").type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell("A3").value).toBe("=1+1");
    expect(sheet.getCell("B3").value).toBe(-3);
    expect(sheet.getCell("D3").value).toBeNull();
    expect(sheet.rowCount).toBe(3);
  });
});

describe("sheetName", () => {
  it("drops characters Excel forbids and keeps to 31 characters", () => {
    expect(sheetName("部门 × 类别 [热力图]: 2025/06")).toBe("部门 × 类别  热力图   2025 06");
    expect(sheetName("一".repeat(40))).toHaveLength(31);
    expect(sheetName("///")).toBe("Sheet1");
  });
});

describe("exportFilename", () => {
  it("is place, short title, filters and date", () => {
    expect(exportFilename("兰州湾镇", "各类别事项数（按清单）", "2026-12-01")).toBe("兰州湾镇-各类别事项数-2026-12-01");
    expect(exportFilename("全国", "履职事项", "2026-12-01", "配合履职事项-社会保障")).toBe(
      "全国-履职事项-配合履职事项-社会保障-2026-12-01",
    );
    expect(exportFilename("玛纳斯县", "部门/类别: 热力图", "2026-12-01")).toBe("玛纳斯县-部门_类别_热力图-2026-12-01");
  });
});
