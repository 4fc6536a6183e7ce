import { describe, expect, it } from "vitest";
import * as lexicon from "./lexicon.ts";
import { DEPARTMENTS, TOPICS } from "./lexicon.ts";

// Every string table of the lexicon, by name, so a table added later is checked without listing it here.
const tables: [string, string[]][] = Object.entries(lexicon).flatMap(([name, value]): [string, string[]][] => {
  if (typeof value === "string") return [[name, [value]]];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return [[name, value as string[]]];
  return [];
});
const topicTexts: [string, string[]][] = TOPICS.flatMap((t) => [
  [`${t.topic}.works`, [...t.works]],
  [`${t.topic}.offences`, [...t.offences]],
  [`${t.topic}.reclaims`, [...t.reclaims]],
]);

/** What the parser's department finder would take for a department or the step splitter for a number. */
function unsafe(text: string): string | null {
  if (/局|委员会/u.test(text)) return "局 or 委员会";
  if (/部/u.test(text.replace(/部门|干部/gu, ""))) return "部 outside 部门/干部";
  if (/\d/u.test(text)) return "a digit";
  if (/[\t\r\n]/u.test(text)) return "a tab or line break";
  if (/^[一二三四五六七八九十]{1,3}[、.．]/u.test(text)) return "a 一、 sub-heading opening";
  return null;
}

describe("lexicon", () => {
  it("finds the tables it checks", () => {
    expect(tables.map(([name]) => name)).toEqual(
      expect.arrayContaining(["TOWN_STEPS", "DEPARTMENT_STEPS", "TAILS", "ENFORCEMENT_METHOD", "LEGACY_ORDER"]),
    );
  });

  it("keeps free text free of department and numbering look-alikes", () => {
    const problems = [...tables, ...topicTexts].flatMap(([name, texts]) =>
      texts.flatMap((text) => {
        const why = unsafe(text);
        return why ? [`${name}: 「${text}」 has ${why}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it("uses only the slots the writer fills", () => {
    const slots = new Set(tables.flatMap(([, texts]) => texts.flatMap((t) => [...t.matchAll(/\{(\w)\}/gu)].map((m) => m[1]!))));
    expect([...slots].sort()).toEqual(["b", "d", "l", "p", "r", "s", "t", "v", "w"]);
    for (const [, texts] of topicTexts) for (const text of texts) expect(text).not.toMatch(/[{}]/u);
  });

  it("gives every topic a lead department where it has coordinated items, and a receiver and offences where it has reclaimed ones", () => {
    for (const topic of TOPICS) {
      const leads = DEPARTMENTS.filter((d) => d.lead > 0 && d.topics.includes(topic.topic));
      const receivers = DEPARTMENTS.filter((d) => d.receive > 0 && d.topics.includes(topic.topic));
      if (topic.weight.coordinated > 0) expect(leads, topic.topic).not.toEqual([]);
      if (topic.weight.reclaimed > 0) {
        expect(receivers, topic.topic).not.toEqual([]);
        expect(topic.offences.length, topic.topic).toBeGreaterThanOrEqual(4);
      }
      if (topic.weight.basic > 0) expect(topic.works.length, topic.topic).toBeGreaterThanOrEqual(10);
    }
  });

  it("weighs 农业农村局 heaviest as a lead and 人力资源和社会保障局 / 农业农村局 as receivers, like the seed", () => {
    const top = (weight: (d: (typeof DEPARTMENTS)[number]) => number) => {
      const max = Math.max(...DEPARTMENTS.map(weight));
      return DEPARTMENTS.filter((d) => weight(d) === max).map((d) => d.spellings[0]![2]);
    };
    expect(top((d) => d.lead)).toEqual(["农业农村局"]);
    expect(top((d) => d.receive)).toEqual(["人力资源和社会保障局", "农业农村局"]);
  });

  it("names the seed's 20 categories and the 7 predecessor ones", () => {
    expect(TOPICS.map((t) => t.label)).toEqual([
      "党的建设",
      "经济发展",
      "民生服务",
      "平安法治",
      "乡村振兴",
      "精神文明建设",
      "社会管理",
      "民族宗教",
      "社会保障",
      "自然资源",
      "生态环保",
      "城乡建设",
      "交通运输",
      "文化和旅游",
      "卫生健康",
      "应急管理及消防",
      "市场监管",
      "投资促进",
      "综合政务",
      "教育培训监管",
    ]);
    expect(new Set(TOPICS.map((t) => t.legacy))).toEqual(new Set(lexicon.LEGACY_ORDER));
  });
});
