import { parsePlace } from "../places/places.ts";
import type { ListKind, Region } from "../types.ts";
import listNames from "./list-names.json" with { type: "json" };

/** What a title line says: which list it opens (or that it names the whole document) and the place. */
export interface Title {
  /** null for an overall title (××镇履行职责事项清单) that opens no list by itself. */
  kind: ListKind | null;
  region: Region | null;
}

const KINDS: [ListKind | "overall", string][] = (["basic", "coordinated", "reclaimed", "overall"] as const)
  .flatMap((kind) => (listNames[kind] as string[]).map((word): [ListKind | "overall", string] => [kind, word]))
  .sort((a, b) => b[1].length - a[1].length);

/** Longest line still read as a title; notices and sentences run longer. */
const MAX_TITLE_CHARS = 80;

/*
 * What may stand around a list name in a title: 附件1：… , 一、… , （一）… , 第一部分 … in front;
 * （2025年版） （试行） （共109项） behind; a year anywhere. Sentences (a notice that quotes the titles
 * in 《》, ending in 。) are not titles.
 */
const LEAD =
  /^(附件\s*[0-9０-９一二三四五六七八九十]+\s*[:：、.．]?\s*|第[一二三四五六七八九十]+部分\s*[:：、.．]?\s*|[（(]?[一二三四五六七八九十]{1,3}[)）、.．]\s*|[0-9０-９]{1,2}\s*[、.．]\s*)+/u;
const TRAIL = /([（(][^（）()]{0,20}[)）]\s*)+$/u;
const YEAR = /[0-9０-９]{4}\s*年(度)?(版)?/gu;

/** The title with numbering, 附件 marks, years and bracketed remarks removed, spaces and quotes gone. */
export function titleCore(line: string): string {
  return line
    .replace(/[\s\u3000]+/gu, "")
    .replace(/[《》“”"「」]/gu, "")
    .replace(LEAD, "")
    .replace(TRAIL, "")
    .replace(YEAR, "")
    .replace(/^[:：]/u, "");
}

/**
 * Reads a line as a list title: 昌吉州玛纳斯县兰州湾镇基本履职事项清单, 一、配合履职事项清单,
 * 附件3：××街道上级收回事项清单（2025年版）, 三、上级部门收回事项 (a section heading names its list
 * without 清单). Returns null for anything else, including a notice that quotes titles.
 */
export function readTitle(line: string): Title | null {
  const text = line.trim();
  if (!text || text.length > MAX_TITLE_CHARS || /[。；;!！?？]$/u.test(text) || /[，,。]/u.test(titleCore(text))) return null;
  if (/(通知|印发|关于)/u.test(text) && /[《“"]/u.test(text)) return null;
  const core = titleCore(text);
  for (const [kind, word] of KINDS) {
    const at = core.lastIndexOf(word);
    if (at < 0) continue;
    const after = core.slice(at + word.length);
    // The list name ends the title, optionally followed by 清单 / 清单表 / 目录.
    if (!/^(清单|清单表|清单目录|目录)?$/u.test(after)) continue;
    if (!after && kind === "overall") continue;
    // 兰州湾镇（街道）, 兰州湾镇人民政府: the place is what comes before.
    let place = core
      .slice(0, at)
      .replace(/[（(](乡镇|街道|镇街)[)）]$/u, "")
      .replace(/(履行职责事项|履职事项|职责事项|履职)$/u, "") // 兰州湾镇履职事项“三张清单”
      .replace(/(人民政府|党委和政府|党委|办事处)$/u, ""); // 东街街道办事处 is 东街街道
    // Issued by the town's party committee and government together (中共××镇委员会 ××镇人民政府…):
    // the place is the government's, else the committee's.
    const party = /^(?:中国共产党|中共)(.+?)(?:委员会|党委)(.*)$/u.exec(place);
    if (party) place = party[2] || party[1]!;
    return { kind: kind === "overall" ? null : kind, region: place ? parsePlace(place) : null };
  }
  return null;
}

/** An Excel sheet name as a weak hint of the list it holds (基本履职, 配合, 收回事项); null when it names none. */
export function sheetKind(name: string): ListKind | null {
  const core = titleCore(name);
  if (/收回/u.test(core)) return "reclaimed";
  if (/配合|协同/u.test(core)) return "coordinated";
  if (/基本/u.test(core)) return "basic";
  return null;
}

const VALUES = new Map<string, ListKind>();
for (const kind of ["basic", "coordinated", "reclaimed"] as const) {
  for (const word of [...listNames[kind], ...listNames.values[kind]]) VALUES.set(word.toLowerCase(), kind);
}

/**
 * The list a cell names, in a table holding all three lists (事项类型: 基本履职事项 / 配合 / 收回);
 * null for anything else, including a category.
 */
export function listOfValue(cell: string): ListKind | null {
  const text = cell
    .replace(/[\s\u3000]+/gu, "")
    .replace(/清单$/u, "")
    .toLowerCase();
  return VALUES.get(text) ?? null;
}
