import { findMentions } from "../departments/mentions.ts";
import type { Department, Region, Step } from "../types.ts";

/*
 * Cells of the official lists come out of web editors: <p>…</p>, <ol> left unclosed,
 * <br>, entities. Only these known formatting tags are markup; any other angle bracket is
 * text, because the documents use <…> as parentheses (乡<镇>村, <不涉及农用地>).
 */
const BLOCK_TAGS = "p|ol|ul|li|br|div|tr|td|h[1-6]";
const INLINE_TAGS = "span|strong|b|em|i|u|font|sup|sub|a";
const TAG = new RegExp(`<(/?)(${BLOCK_TAGS}|${INLINE_TAGS})(?:\\s[^<>]*)?/?>`, "giu");
const BLOCK = new RegExp(`^(?:${BLOCK_TAGS})$`, "iu");

const ENTITIES: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  ldquo: "“",
  rdquo: "”",
  middot: "·",
};

/** Markup to plain text, one line per block. Entities are decoded after tags are gone, so &lt;p&gt; stays text. */
export function cellToText(cell: string): string {
  const text = cell
    .replace(TAG, (_tag, _close: string, name: string) => (BLOCK.test(name) ? "\n" : ""))
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/giu, (whole, code: string) => {
      if (code[0] === "#") {
        const n = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
      }
      return ENTITIES[code.toLowerCase()] ?? whole;
    });
  return text
    .split("\n")
    .map((line) => line.replace(/[\s\u3000]+/gu, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n");
}

/** True when a cell still holds one of the formatting tags cellToText removes. */
export function hasMarkup(text: string): boolean {
  TAG.lastIndex = 0;
  return TAG.test(text);
}

const HEADING = /^([一二三四五六七八九十]{1,3})[、.．]\s*(.*)$/u;
// A step number: 1. / 1． / 1、 / （1） / (1), at the start or after a space or a clause end,
// and not a decimal (2.5) or part of a longer number.
const NUMBER = /(?<=^|[\s；;。：:，,])(?:(\d{1,2})\s*[.．、](?!\d)|[（(](\d{1,2})[）)])\s*/gu;

interface Section {
  department: Department | null;
  text: string;
}

/**
 * Splits a responsibilities cell into numbered steps. Numbers are taken only in sequence
 * (1, 2, 3 …) so that a stray "3." inside a sentence does not cut it; a block that starts
 * again at 1 restarts the count. Where the cell is divided per department
 * (县委宣传部 1. … 县文化体育广播电视台和旅游局 …), steps keep their department; a step that
 * opens by naming one of the row's departments (县公安局负责…) is that department's.
 */
export function splitSteps(cell: string, owners: readonly Department[], region: Region): Step[] {
  const steps: Step[] = [];
  let heading: string | null = null;
  // The count runs on across <p> blocks (<p>1. …</p> <p>2. …</p>) and restarts under a heading.
  const counter = { expected: 1 };
  const lines = cellToText(cell).split("\n");
  lines.forEach((line, i) => {
    // 一、… heads the numbered lines under it; a 一、 line with nothing under it is a step itself.
    const h = HEADING.exec(line);
    const next = lines[i + 1];
    if (h && next !== undefined && !HEADING.test(next)) {
      heading = h[2]!.trim() || line;
      return;
    }
    if (h && next !== undefined) counter.expected = 1;
    for (const section of sections(line, owners, region)) {
      if (section.department) counter.expected = 1;
      for (const text of numbered(section.text, counter)) {
        const opener = section.department ?? openingDepartment(text, owners, region);
        steps.push({ order: steps.length + 1, text, department: opener?.name ?? null, heading });
      }
    }
  });
  return steps;
}

function sections(line: string, owners: readonly Department[], region: Region): Section[] {
  if (owners.length < 2) return [{ department: null, text: line }];
  // A department name standing alone between spaces heads a section.
  const heads = findMentions(line, owners, region).filter((m) => {
    const before = m.index === 0 || /\s/u.test(line[m.index - 1]!);
    const after = /^\s/u.test(line.slice(m.index + m.raw.length)) || m.index + m.raw.length === line.length;
    return m.department && before && after;
  });
  if (heads.length === 0) return [{ department: null, text: line }];
  const out: Section[] = [];
  const lead = line.slice(0, heads[0]!.index).trim();
  if (lead) out.push({ department: null, text: lead });
  heads.forEach((m, i) => {
    const end = heads[i + 1]?.index ?? line.length;
    const text = line.slice(m.index + m.raw.length, end).trim();
    if (text) out.push({ department: m.department, text });
  });
  return out;
}

function numbered(text: string, counter: { expected: number }): string[] {
  const cuts: { at: number; body: number }[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const n = Number(m[1] ?? m[2]);
    if (n === counter.expected || (n === 1 && m.index === 0)) {
      cuts.push({ at: m.index, body: m.index + m[0].length });
      counter.expected = n + 1;
    }
  }
  if (cuts.length === 0) return [text.trim()].filter(Boolean);
  const out: string[] = [];
  const lead = text.slice(0, cuts[0]!.at).trim();
  if (lead) out.push(lead);
  cuts.forEach((c, i) => {
    const piece = text.slice(c.body, cuts[i + 1]?.at ?? text.length).trim();
    if (piece) out.push(piece);
  });
  return out;
}

function openingDepartment(text: string, owners: readonly Department[], region: Region): Department | null {
  if (owners.length < 2) return null;
  const first = findMentions(text.slice(0, 40), owners, region)[0];
  return first && first.index === 0 ? first.department : null;
}
