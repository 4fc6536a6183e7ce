import { BigramIndex } from "../text/candidates.ts";
import { bigrams, nameKey } from "../text/similarity.ts";
import type { Duty, Region, Revision } from "../types.ts";
import { LIST_KINDS } from "../types.ts";

/**
 * Bigram Dice a pair in the same list and the same category needs to count as one duty renamed.
 * The closest two different duties the seed has in one list and category are basic 46 and 53
 * (负责本镇农产品质量安全监督管理工作 / 负责本镇筹资筹劳监督管理工作, 0.552), which share nothing but
 * the 负责本镇…监督管理工作 frame, and the bare frame 负责本镇××工作 around two different words scores
 * 0.571. 0.6 clears both, yet a six-character name still survives one substituted character
 * (农村供水保障 → 农村饮水保障 keeps 3 of 5 bigrams: 0.6).
 */
export const MATCH_IN_PLACE = 0.6;

/**
 * Bigram Dice a pair needs when it changed list or category. Nothing around the name vouches for
 * such a pair, and a move plus a rename is two edits at once, so the name alone has to carry the
 * identity: 0.75 still takes a four-character name grown by two (屠宰检疫 → 畜禽屠宰检疫, 3 of 3 and 5
 * bigrams) or a nine-character name with one substituted character (6 of 8 bigrams), while the seed's
 * closest different duties outside one list and category (coordinated 54 / 92,
 * 湿地保护工作 / 电力设施保护工作, 0.5) and its 「对…的处罚」 penalties (at most 0.25 between two different
 * ones) stay far below.
 */
export const MATCH_ANYWHERE = 0.75;

export type MatchMethod = "exact" | "normalised" | "similar";

/** A duty with what matching compares, computed once per duty. */
export interface MatchItem {
  duty: Duty;
  /** nameKey of the name after the document's own place names are folded (placeForms). */
  key: string;
  grams: ReadonlySet<string>;
  /** Place in its list from 0 to 1: the last tie-break, so duplicates pair in document order. */
  position: number;
}

export interface Match {
  before: number;
  after: number;
  method: MatchMethod;
  /** 1 for exact and normalised matches, the bigram Dice otherwise. */
  similarity: number;
}

/**
 * How a document names its own place inside duty text: the town (兰州湾镇, and bare 兰州湾 as in
 * 兰州湾礼物) and the county (州生态环境局玛纳斯县分局). Folded to 本镇 / 本县, two towns' 「持续巩固××镇
 * 自治区卫生乡镇」 compare equal.
 */
export function placeForms(region: Region): [string, string][] {
  const forms: [string, string][] = [[region.town, "本镇"]];
  const stem = region.town.replace(/(街道办事处|街道|镇|乡|苏木)$/u, "");
  if (stem.length >= 2 && stem !== region.town) forms.push([stem, "本镇"]);
  if (region.county) forms.push([region.county, "本县"]);
  return forms;
}

export function foldPlace(text: string, forms: readonly [string, string][]): string {
  let out = text;
  for (const [form, placeholder] of forms) out = out.replaceAll(form, placeholder);
  return out;
}

// Parsed revisions are values nobody mutates, so each is prepared once however many comparisons it
// takes part in (20 towns against each other prepare 20 revisions, not 380); most of a diff's time is here.
const prepared = new WeakMap<Revision, MatchItem[]>();

export function prepareItems(revision: Revision): MatchItem[] {
  const known = prepared.get(revision);
  if (known) return known;
  const forms = placeForms(revision.region);
  const items = LIST_KINDS.flatMap((kind) => {
    const list: readonly Duty[] = revision.lists[kind];
    return list.map((duty, i) => {
      const key = nameKey(foldPlace(duty.name, forms));
      return { duty, key, grams: bigrams(key), position: list.length > 1 ? i / (list.length - 1) : 0 };
    });
  });
  prepared.set(revision, items);
  return items;
}

/**
 * Most candidate partners a duty keeps in each stage, the best first. Greedy matching takes at most
 * one partner per duty, and in a real document a duty has a handful of plausible partners at most,
 * so the cap changes nothing there; it bounds the pairs a hostile document can make (10,000 names
 * sharing one frame were 10^8 pairs, 4.9 GB) to PAIRS_PER_DUTY per duty.
 */
export const PAIRS_PER_DUTY = 16;

/**
 * Largest group of equal names compared in full. A larger group (thousands of duties called 其他)
 * is searched around the duty's own list, category and position, where its best partners are.
 */
const GROUP_SCAN = 4 * PAIRS_PER_DUTY;

interface Pair {
  before: number;
  after: number;
  similarity: number;
  sameList: boolean;
  sameCategory: boolean;
  distance: number;
}

/**
 * Pairs duties one to one: identical names first, then identical normalised names, then similar
 * names. Within each stage the strongest pair is taken first (greedy by descending score); a tie goes
 * to the pair in the same list, then the same category, then the closer position, so a duty is never
 * moved to another list while an equally good partner is waiting in its own. Each duty brings its
 * PAIRS_PER_DUTY best candidates to a stage, so time and memory grow with the number of duties.
 */
export function matchDuties(before: readonly MatchItem[], after: readonly MatchItem[]): Match[] {
  const takenBefore = new Uint8Array(before.length);
  const takenAfter = new Uint8Array(after.length);
  const matches: Match[] = [];
  const assign = (pairs: Pair[], method: MatchMethod) => {
    pairs.sort(preferred);
    for (const p of pairs) {
      if (takenBefore[p.before] || takenAfter[p.after]) continue;
      takenBefore[p.before] = 1;
      takenAfter[p.after] = 1;
      matches.push({ before: p.before, after: p.after, method, similarity: p.similarity });
    }
  };
  const pair = (i: number, j: number, similarity: number): Pair => {
    const a = before[i]!;
    const b = after[j]!;
    return {
      before: i,
      after: j,
      similarity,
      sameList: a.duty.list === b.duty.list,
      sameCategory: a.duty.category === b.duty.category,
      distance: Math.abs(a.position - b.position),
    };
  };
  const best = (pairs: Pair[]): Pair[] => (pairs.length <= PAIRS_PER_DUTY ? pairs : pairs.sort(preferred).slice(0, PAIRS_PER_DUTY));

  const equalPairs = (value: (item: MatchItem) => string): Pair[] => {
    const byValue = new Map<string, number[]>();
    after.forEach((item, j) => {
      if (takenAfter[j]) return;
      const v = value(item);
      if (!v) return;
      const list = byValue.get(v);
      if (list) list.push(j);
      else byValue.set(v, [j]);
    });
    const sorted = new Map<string, number[]>();
    const pairs: Pair[] = [];
    before.forEach((item, i) => {
      if (takenBefore[i]) return;
      const v = value(item);
      const group = byValue.get(v);
      if (!group) return;
      let candidates = group;
      if (group.length > GROUP_SCAN) {
        let ordered = sorted.get(v);
        if (!ordered) {
          ordered = [...group].sort((x, y) => compareSpot(after[x]!, after[y]!));
          sorted.set(v, ordered);
        }
        candidates = around(ordered, (j) => compareSpot(after[j]!, item));
      }
      pairs.push(...best(candidates.map((j) => pair(i, j, 1))));
    });
    return pairs;
  };
  assign(
    equalPairs((item) => item.duty.name),
    "exact",
  );
  assign(
    equalPairs((item) => item.key),
    "normalised",
  );

  const index = new BigramIndex(after.map((item, j) => (takenAfter[j] ? null : item.grams)));
  const similar: Pair[] = [];
  before.forEach((item, i) => {
    if (takenBefore[i]) return;
    const found: Pair[] = [];
    for (const { index: j, dice } of index.similar(item.grams, MATCH_IN_PLACE)) {
      const other = after[j]!;
      const inPlace = item.duty.list === other.duty.list && item.duty.category === other.duty.category;
      if (dice >= (inPlace ? MATCH_IN_PLACE : MATCH_ANYWHERE)) found.push(pair(i, j, dice));
    }
    similar.push(...best(found));
  });
  assign(similar, "similar");
  return matches;
}

function preferred(x: Pair, y: Pair): number {
  return (
    y.similarity - x.similarity ||
    Number(y.sameList) - Number(x.sameList) ||
    Number(y.sameCategory) - Number(x.sameCategory) ||
    x.distance - y.distance ||
    x.before - y.before ||
    x.after - y.after
  );
}

/** Where a duty stands: its list, its category, its place in the list. */
function compareSpot(x: MatchItem, y: MatchItem): number {
  return (
    LIST_KINDS.indexOf(x.duty.list) - LIST_KINDS.indexOf(y.duty.list) ||
    (x.duty.category < y.duty.category ? -1 : x.duty.category > y.duty.category ? 1 : 0) ||
    x.position - y.position
  );
}

/** The GROUP_SCAN entries of `ordered` nearest to where `compare` (entry against the probe) places the probe. */
function around(ordered: readonly number[], compare: (j: number) => number): number[] {
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(ordered[mid]!) < 0) lo = mid + 1;
    else hi = mid;
  }
  const start = Math.max(0, Math.min(lo - GROUP_SCAN / 2, ordered.length - GROUP_SCAN));
  return ordered.slice(start, start + GROUP_SCAN);
}
