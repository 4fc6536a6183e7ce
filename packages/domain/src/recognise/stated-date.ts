import type { Block } from "../read/blocks.ts";

/** A date the document states for itself: what a revision's 生效日期 defaults to. */
export interface StatedDate {
  /** YYYY-MM-DD. */
  date: string;
  /** The words as printed: 「2025年6月30日」, 「二〇二五年六月三十日」, 「2025年版」. */
  text: string;
  /**
   * "end": a full date after the last table row, where a notice is signed and dated;
   * "title": only a year in a title or heading above the first row, read as 1 January of that year.
   */
  from: "end" | "title";
  line: number;
}

const DIGITS: Record<string, number> = { 〇: 0, "○": 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 六 → 6, 十二 → 12, 三十 → 30, 三十一 → 31: the month and day numbers of a date in words. */
function smallNumber(words: string): number {
  if (!words.includes("十")) return DIGITS[words] ?? Number.NaN;
  const [tens, ones] = words.split("十") as [string, string];
  return (tens ? (DIGITS[tens] ?? Number.NaN) : 1) * 10 + (ones ? (DIGITS[ones] ?? Number.NaN) : 0);
}

const halfWidth = (text: string) => text.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

const ARABIC = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/gu;
const WORDS = /([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/gu;
const YEAR = /(\d{4})\s*年/u;

/** YYYY-MM-DD when the numbers make a real day of a plausible year (2000–2099), else null. */
function isoDate(year: number, month: number, day: number): string | null {
  if (!(year >= 2000 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** The last full date written in a line (a signature line holds one; a sentence may hold several). */
function lastDate(line: string): { date: string; text: string } | null {
  let found: { date: string; text: string } | null = null;
  for (const m of halfWidth(line).matchAll(ARABIC)) {
    const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) found = { date, text: m[0] };
  }
  for (const m of line.matchAll(WORDS)) {
    const year = Number([...m[1]!].map((c) => DIGITS[c]).join(""));
    const date = isoDate(year, smallNumber(m[2]!), smallNumber(m[3]!));
    if (date) found = { date, text: m[0] };
  }
  return found;
}

/**
 * The date a document states for itself, if any: a full date in the text after its last table row
 * (「兰州湾镇人民政府 2025年6月30日」), else a year in a title or heading above its first row
 * (「…清单（2025年版）」). Table cells are never read: a duty's text may quote any date.
 */
export function statedDate(blocks: readonly Block[]): StatedDate | null {
  const rows = blocks.flatMap((b, i) => (b.kind === "row" ? [i] : []));
  const first = rows[0] ?? blocks.length;
  const last = rows.at(-1) ?? -1;
  for (let i = blocks.length - 1; i > last; i--) {
    const block = blocks[i]!;
    if (block.kind !== "text") continue;
    const found = lastDate(block.text);
    if (found) return { ...found, from: "end", line: block.loc.line };
  }
  for (let i = 0; i < first; i++) {
    const block = blocks[i]!;
    // Titles only: a notice above the table may mention years that are not the list's own.
    if (
      block.kind !== "text" ||
      block.role === "sheet" ||
      block.text.length > 80 ||
      /[，。；,;]/u.test(block.text) ||
      !/清单|版/u.test(block.text)
    )
      continue;
    const m = YEAR.exec(halfWidth(block.text));
    const date = m ? isoDate(Number(m[1]), 1, 1) : null;
    if (m && date) return { date, text: m[0], from: "title", line: block.loc.line };
  }
  return null;
}

/** A revision's default label: the town and the year it takes effect (「兰州湾镇 2025年版」), never the file name. */
export function revisionLabel(town: string, effectiveDate: string): string {
  return `${town} ${effectiveDate.slice(0, 4)}年版`;
}
