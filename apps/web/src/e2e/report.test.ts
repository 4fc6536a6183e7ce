import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RouterOutputs } from "@duty/api";
import { LIST_KINDS, LIST_LABELS, type ListKind } from "@duty/domain";
import { SYNTHETIC_EDITS } from "@duty/domain/test-fixtures";
import { readDocx, type ReadDocx } from "@duty/report/read-docx";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mutate, query } from "./api.ts";
import { downloadBytes, launchBrowser, newPage } from "./browser.ts";
import { WEB_ROOT } from "./server.ts";

/*
 * The Word reports as a reader's software opens them: downloaded from the dashboard, read back
 * with mammoth (headings, paragraphs, tables, images), every figure held against the API's own
 * answer or a fact counted by hand.
 */

const SEED_FILE = "xinjiang-changji-manas-lanzhouwan.txt";
const SHOTS = join(WEB_ROOT, "test-results");
const syntheticText = readFileSync(join(WEB_ROOT, "../../packages/domain/src/diff/fixtures/lanzhouwan-synthetic-revision-2.txt"), "utf8");

const url = inject("atlasUrl");
const adminToken = inject("adminToken");
let browser: Browser;
let page: Page;
let seedId: number;
const imported: number[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const revisions = await query<RouterOutputs["revisions"]["list"]>(url, "revisions.list", { limit: 500 });
  const seed = revisions.items.find((r) => r.sourceFile === SEED_FILE);
  if (!seed) throw new Error(`the server did not seed ${SEED_FILE}`);
  seedId = seed.id;
  browser = await launchBrowser();
  page = await newPage(browser);
  page.on("pageerror", (e) => {
    throw e;
  });
});

afterAll(async () => {
  await browser?.close();
  // The synthetic revision would become 兰州湾镇's latest, which the whole-database views count.
  for (const id of imported) await mutate(url, "revisions.delete", { id }, adminToken);
});

async function downloadReport(): Promise<{ name: string; doc: ReadDocx }> {
  const [file] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    page.locator('button[data-export="docx"]').click(),
  ]);
  const bytes = await downloadBytes(file);
  writeFileSync(join(SHOTS, file.suggestedFilename()), bytes);
  return { name: file.suggestedFilename(), doc: await readDocx(new Uint8Array(bytes)) };
}

const tableOf = (doc: ReadDocx, caption: string) => {
  const table = doc.tables.find((t) => t.caption?.includes(caption));
  if (!table) throw new Error(`no table captioned ${caption}: ${doc.tables.map((t) => t.caption).join(" | ")}`);
  return table.rows;
};

describe("the overview as a Word report", () => {
  let doc: ReadDocx;

  it("downloads a real Word document named after the town and the day", async () => {
    await page.goto(`${url}/?revision=${seedId}`);
    await page.locator('[data-chart="category-list"] g.bar').first().waitFor();
    const report = await downloadReport();
    expect(report.name).toMatch(/^兰州湾镇-履职事项清单分析报告-\d{4}-\d{2}-\d{2}\.docx$/u);
    doc = report.doc;
    expect(doc.problems).toEqual([]);
    // A .docx is a zip of Office XML parts, not HTML renamed.
    expect(Object.keys(doc.parts)).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml", "word/styles.xml"]));
  });

  it("has a title page, Word headings and every overview and department chart as a captioned image", () => {
    expect(doc.paragraphs[0]).toBe("兰州湾镇履职事项清单分析报告");
    expect(doc.headings.filter((h) => h.level === 1).map((h) => h.text)).toEqual([
      "一、摘要",
      "二、三张清单",
      "三、事项类别",
      "四、县级部门",
      "五、说明",
    ]);
    expect(doc.images.length).toBeGreaterThanOrEqual(5);
    expect(doc.images.map((i) => i.alt)).toEqual([
      "图 1 三张清单事项数",
      "图 2 配合＋收回事项占比与全国平均",
      "图 3 各类别事项数（按清单）",
      "图 4 各类别收回与保留事项",
      "图 5 县级部门履职负担排名（前 15 名）",
      "图 6 部门 × 事项类别（前 15 个部门，配合＋收回事项数）",
      "图 7 配合事项的职责分工（步骤数）",
    ]);
    // High resolution: drawn at 900 px and captured at 2×, so each image is 1,800 px wide (tens of kB, not a thumbnail).
    for (const image of doc.images) expect(image.bytes).toBeGreaterThan(20_000);
    for (const [, xml] of Object.entries(doc.parts).filter(([path]) => path === "word/document.xml")) {
      expect(xml.match(/<pic:pic /gu)?.length).toBe(doc.images.length);
    }
  });

  it("has tables whose cells are the API's numbers: per list, per category (社会保障 9/8/9), per department", async () => {
    const overview = await query<RouterOutputs["stats"]["overview"]>(url, "stats.overview", { revisionId: seedId });
    const categories = await query<RouterOutputs["stats"]["byCategory"]>(url, "stats.byCategory", { revisionId: seedId });
    // Every department of the seed (38), to find each row of the report's table.
    const load = await query<RouterOutputs["stats"]["departmentLoad"]>(url, "stats.departmentLoad", { revisionId: seedId, limit: 200 });
    expect(load.nextCursor).toBeNull();

    const lists = tableOf(doc, "三张清单的事项数与全国平均");
    expect(lists.slice(1).map((r) => [r[0], Number(r[1])])).toEqual([
      ...LIST_KINDS.map((list) => [LIST_LABELS[list], overview[list]]),
      ["合计", overview.total],
    ]);

    const perCategory = tableOf(doc, "各类别事项数");
    expect(perCategory[0]).toEqual(["事项类别", "基本履职事项", "配合履职事项", "上级部门收回事项", "合计"]);
    expect(perCategory.slice(1, -1)).toEqual(
      categories.map((c) => [c.category, ...[c.basic, c.coordinated, c.reclaimed, c.total].map(String)]),
    );
    expect(perCategory).toContainEqual(["社会保障", "9", "8", "9", "26"]);

    const perDepartment = tableOf(doc, "县级部门履职负担");
    expect(perDepartment[0]).toEqual(["部门", "牵头配合事项", "承接收回事项", "合计", "部门职责步骤", "乡镇配合步骤"]);
    for (const row of perDepartment.slice(1)) {
      const d = load.items.find((x) => x.shortName === row[0])!;
      expect(row.slice(1).map(Number), row[0]).toEqual([
        d.coordinatedLed,
        d.reclaimedReceived,
        d.coordinatedLed + d.reclaimedReceived,
        d.departmentSteps,
        d.townSteps,
      ]);
    }
    expect(perDepartment[1]).toEqual(["农业农村局", "13", "6", "19", expect.any(String), expect.any(String)]);
  });

  it("opens with a plain-Chinese summary whose figures are the statistics", async () => {
    const overview = await query<RouterOutputs["stats"]["overview"]>(url, "stats.overview", { revisionId: seedId });
    const leading = await query<RouterOutputs["stats"]["departmentLoad"]>(url, "stats.departmentLoad", {
      revisionId: seedId,
      sort: "led",
      limit: 3,
    });
    const summary = doc.sections["一、摘要"]!;
    expect(summary[0]).toBe(
      `兰州湾镇共有履职事项 ${overview.total} 项：基本履职事项 ${overview.basic} 项、配合履职事项 ${overview.coordinated} 项、上级部门收回事项 ${overview.reclaimed} 项。`,
    );
    const percent = `${(overview.delegatedShare * 100).toFixed(1)}%`;
    expect(percent).toBe("55.7%");
    expect(summary[1]).toBe(`配合＋收回事项占比 ${percent}，低于全国平均 65.6%（来源：新华社报道（转载），截至 2025 年 6 月底）。`);
    // The three departments leading the most coordinated duties, by the API's load sorted by what they lead (ties in its order).
    const leaders = leading.items.map((d) => `${d.shortName}（${d.coordinatedLed} 项）`).join("、");
    expect(summary).toContain(`牵头配合履职事项最多的县级部门：${leaders}。`);
    expect(leaders.startsWith("农业农村局（13 项）、住房和城乡建设局（10 项）")).toBe(true);
    expect(summary).toContain("收回事项最多的类别：社会保障（9 项）、乡村振兴（6 项）、自然资源（6 项）。");
    expect(summary).toContain(`清单涉及县级部门 ${overview.departments} 个、事项类别 ${overview.categories} 个。`);
  });

  it("names the place, the revision with its effective date, the export date and the national source on its title page", async () => {
    const revision = await query<RouterOutputs["revisions"]["byId"]>(url, "revisions.byId", { id: seedId });
    const [y, m, d] = revision.effectiveDate.split("-").map(Number);
    expect(revision.label).toBe(`兰州湾镇 ${y}年版`);
    expect(doc.paragraphs).toContain(`清单版本：${revision.label}（生效日期 ${y}年${m}月${d}日）`);
    expect(doc.paragraphs.find((p) => p.startsWith("范围："))).toMatch(/玛纳斯县 \/ 兰州湾镇$/u);
    expect(doc.paragraphs.find((p) => p.startsWith("导出日期："))).toMatch(/^导出日期：\d{4}年\d{1,2}月\d{1,2}日$/u);
    expect(doc.paragraphs).toContain("全国参考：新华社报道（转载），截至 2025 年 6 月底（http://39.103.169.235/p/b6393aed3428）");
  });
});

describe("a comparison of two revisions as a Word report", () => {
  it("lists exactly the synthetic revision's known changes", async () => {
    const result = await mutate<RouterOutputs["revisions"]["import"]>(
      url,
      "revisions.import",
      { fileName: "lanzhouwan-synthetic-revision-2.txt", text: syntheticText },
      adminToken,
    );
    if (result.created) imported.push(result.revisionId);
    await page.goto(`${url}/?page=compare&from=${seedId}&to=${result.revisionId}`);
    await page.getByTestId("change-table").waitFor();
    const { name, doc } = await downloadReport();
    expect(name).toMatch(/^兰州湾镇-修订对比报告-\d{4}-\d{2}-\d{2}\.docx$/u);
    expect(doc.problems).toEqual([]);
    expect(doc.paragraphs[0]).toBe("兰州湾镇清单修订对比报告");
    expect(doc.headings.map((h) => h.text)).toEqual(["一、摘要", "二、清单与类别", "三、逐项变化"]);
    expect(doc.images.map((i) => i.alt)).toEqual(["图 1 各类别事项数：对比前后"]);

    const changes = tableOf(doc, "逐项变化");
    const listOf = new Map(LIST_KINDS.map((k) => [LIST_LABELS[k], k] as [string, ListKind]));
    const kindOf = new Map(
      Object.entries({
        调整清单: "moved",
        调整类别: "recategorized",
        名称改写: "reworded",
        部门调整: "departmentsChanged",
        职责内容调整: "dutiesChanged",
        新增: "added",
        删除: "removed",
      }),
    );
    const place = (cell: string) => {
      if (cell === "—") return null;
      const m = /^(\S+) 第 (\d+) 项$/u.exec(cell.split("\n")[0]!);
      if (!m) throw new Error(`not a duty's place: ${cell}`);
      return `${listOf.get(m[1]!)} ${m[2]}`;
    };
    const read = changes.slice(1).map((row) => [row[0]!.split("、").map((k) => kindOf.get(k)), place(row[1]!), place(row[2]!)]);
    expect(read.toSorted()).toEqual(SYNTHETIC_EDITS.map((e) => [...e]).toSorted());
  });
});
