import { createCaller, localContext } from "@duty/api";
import { openTestDatabase, type TestDatabase } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDocx } from "./docx.ts";
import { overviewReport } from "./overview-report.ts";
import { testPng } from "./test-support/png.ts";
import { readDocx } from "./test-support/read-docx.ts";

// Seed facts counted with awk (see packages/api/src/routers/report.test.ts): 109/100/37, 社会保障 9/8/9,
// coordinated leads 农业农村局 13 and 住房和城乡建设局 10, reclaimed 社会保障 9, 乡村振兴 6, 自然资源 6.

let seeded: TestDatabase;
let api: ReturnType<typeof createCaller>;
let seed: { revisionId: number };
beforeAll(async () => {
  seeded = await openTestDatabase("pglite", { seed: true });
  api = createCaller(localContext(seeded.db));
  seed = { revisionId: (await api.revisions.list()).items[0]!.id };
});
afterAll(() => seeded?.close());

const chart = (id: string, title: string) => ({ id, title, image: { png: testPng(900, 450), width: 900, height: 450 } });

describe("overviewReport", () => {
  it("writes the seed's summary from the API's figures in plain Chinese", async () => {
    const figures = await api.report.overview(seed);
    const doc = await readDocx(await renderDocx(overviewReport(figures, { exportedOn: "2026-12-01" })));
    const summary = doc.sections["一、摘要"]!;
    expect(summary).toContain("兰州湾镇共有履职事项 246 项：基本履职事项 109 项、配合履职事项 100 项、上级部门收回事项 37 项。");
    expect(summary).toContain("配合＋收回事项占比 55.7%，低于全国平均 65.6%（来源：新华社报道（转载），截至 2025 年 6 月底）。");
    expect(summary.find((p) => p.startsWith("牵头配合履职事项最多的县级部门："))).toMatch(
      /^牵头配合履职事项最多的县级部门：农业农村局（13 项）、住房和城乡建设局（10 项）、\S+（9 项）。$/u,
    );
    expect(summary).toContain("收回事项最多的类别：社会保障（9 项）、乡村振兴（6 项）、自然资源（6 项）。");
    expect(summary).toContain("清单涉及县级部门 38 个、事项类别 20 个。");
  });

  it("has a title page, chapters as headings, the per-category and per-department tables, and each chart in its chapter", async () => {
    const figures = await api.report.overview(seed);
    const charts = [
      chart("heatmap", "部门 × 事项类别"),
      chart("list-counts", "三张清单事项数"),
      chart("category-list", "各类别事项数（按清单）"),
    ];
    const doc = await readDocx(await renderDocx(overviewReport(figures, { exportedOn: "2026-12-01", charts })));
    expect(doc.paragraphs[0]).toBe("兰州湾镇履职事项清单分析报告");
    expect(doc.paragraphs).toContain("导出日期：2026年12月1日");
    // The default label names the town and the year it takes effect (「兰州湾镇 2025年版」).
    expect(doc.paragraphs.find((p) => p.startsWith("清单版本："))).toMatch(
      /^清单版本：兰州湾镇 \d{4}年版（生效日期 \d{4}年\d{1,2}月\d{1,2}日）$/u,
    );
    expect(doc.headings.map((h) => h.text)).toEqual(["一、摘要", "二、三张清单", "三、事项类别", "四、县级部门", "五、说明"]);
    // Charts come in chapter order, whatever order they were given in.
    expect(doc.images.map((i) => i.alt)).toEqual(["图 1 三张清单事项数", "图 2 各类别事项数（按清单）", "图 3 部门 × 事项类别"]);

    const table = (caption: string) => doc.tables.find((t) => t.caption?.includes(caption))!.rows;
    expect(table("三张清单的事项数与全国平均")).toEqual([
      ["清单", "事项数（项）", "占比", "全国平均每乡镇（项）"],
      ["基本履职事项", "109", "44.3%", "117"],
      ["配合履职事项", "100", "40.7%", "99"],
      ["上级部门收回事项", "37", "15.0%", "124"],
      ["合计", "246", "100.0%", "340"],
    ]);
    const categories = table("各类别事项数");
    expect(categories[0]).toEqual(["事项类别", "基本履职事项", "配合履职事项", "上级部门收回事项", "合计"]);
    expect(categories).toContainEqual(["社会保障", "9", "8", "9", "26"]);
    expect(categories).toHaveLength(1 + 20 + 1);
    expect(categories.at(-1)).toEqual(["合计", "109", "100", "37", "246"]);
    const departments = table("县级部门履职负担");
    expect(departments[1]).toEqual(["农业农村局", "13", "6", "19", expect.stringMatching(/^\d+$/u), expect.stringMatching(/^\d+$/u)]);
    expect(departments).toHaveLength(1 + 15);
  });

  it("names the whole country and its towns when the scope is every town", async () => {
    const doc = await readDocx(await renderDocx(overviewReport(await api.report.overview(), { exportedOn: "2026-12-01" })));
    expect(doc.paragraphs[0]).toBe("全国履职事项清单分析报告");
    expect(doc.paragraphs).toContain("全国共有履职事项 246 项：基本履职事项 109 项、配合履职事项 100 项、上级部门收回事项 37 项。");
    // Departments beyond one county are named in full.
    expect(doc.paragraphs.find((p) => p.startsWith("牵头配合履职事项最多的县级部门："))).toContain("玛纳斯县农业农村局（13 项）");
  });

  it("says so when a report has no charts (the command line's)", async () => {
    const doc = await readDocx(await renderDocx(overviewReport(await api.report.overview(seed), { exportedOn: "2026-12-01" })));
    expect(doc.images).toEqual([]);
    expect(doc.paragraphs.some((p) => p.includes("本报告未含图表"))).toBe(true);
  });
});
