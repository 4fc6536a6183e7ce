import type { Region } from "../types.ts";
import ethnicGroups from "./ethnic-groups.json" with { type: "json" };
import gazetteer from "./gazetteer.json" with { type: "json" };

/*
 * Place names in titles run together with nothing between them (昌吉州玛纳斯县兰州湾镇), and the
 * suffixes that end a level also occur inside names: 福州市 is one prefecture (not 福州 + 市…),
 * 兰州湾镇 is one town. So a title is cut by trying every way to read it against the gazetteer of
 * provinces, prefectures and counties (places/gazetteer.json) and keeping the best-supported one;
 * suffix rules only fill in names the gazetteer does not know (new districts, test samples).
 */

type Level = "province" | "prefecture" | "county";

interface Place {
  level: Level;
  /** Official full name: 昌吉回族自治州. */
  name: string;
  province: string;
  /** The prefecture-level unit above a county; null for counties directly under a province. */
  prefecture: string | null;
}

interface Form {
  place: Place;
  /** A bare form (福州 for 福州市) stands for a place only before a place it contains. */
  bare: boolean;
}

/** Prefecture keys of the gazetteer that group counties but are not places themselves. */
const GROUPING_KEYS = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/u;

const ETHNIC = [...(ethnicGroups as string[])].sort((a, b) => b.length - a.length);

/** 昌吉回族自治州 → 昌吉, 木垒哈萨克自治县 → 木垒, 黔东南苗族侗族自治州 → 黔东南; null when not autonomous. */
function autonomousStem(name: string): { stem: string; unit: "州" | "县" | "旗" } | null {
  const m = /^(.+?)自治(州|县|旗)$/u.exec(name);
  if (!m) return null;
  let stem = m[1]!;
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of ETHNIC) {
      if (stem.length > group.length + 1 && stem.endsWith(group)) {
        stem = stem.slice(0, -group.length);
        changed = true;
        break;
      }
    }
  }
  return { stem, unit: m[2] as "州" | "县" | "旗" };
}

/**
 * Every way documents write a place, the official name first: 昌吉回族自治州 → 昌吉州, 昌吉;
 * 木垒哈萨克自治县 → 木垒县, 木垒; 福州市 → 福州; 新疆维吾尔自治区 → 新疆. Forms shorter than two
 * characters are left out (忠县 has no bare form). Works on names the gazetteer does not know too.
 */
export function placeForms(name: string): { full: string[]; bare: string[] } {
  const full = [name];
  const bare: string[] = [];
  const auto = autonomousStem(name);
  if (auto) {
    full.push(`${auto.stem}${auto.unit}`);
    bare.push(auto.stem);
  } else {
    const m = /^(.+?)(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|地区|盟|林区|特区|县|区|旗|州)$/u.exec(name);
    if (m) bare.push(m[1]!);
  }
  return { full: [...new Set(full)], bare: bare.filter((b) => b.length >= 2 && !full.includes(b)) };
}

interface Index {
  forms: Record<Level, Map<string, Form[]>>;
  /** Longest form of any level, to bound the search. */
  longest: number;
}

let index: Index | null = null;

function gazetteerIndex(): Index {
  if (index) return index;
  const forms: Index["forms"] = { province: new Map(), prefecture: new Map(), county: new Map() };
  let longest = 0;
  const add = (place: Place) => {
    const { full, bare } = placeForms(place.name);
    for (const [list, isBare] of [
      [full, false],
      [bare, true],
    ] as const) {
      for (const form of list) {
        const map = forms[place.level];
        const known = map.get(form);
        const entry = { place, bare: isBare };
        if (known) known.push(entry);
        else map.set(form, [entry]);
        longest = Math.max(longest, form.length);
      }
    }
  };
  for (const [province, prefectures] of Object.entries(gazetteer as Record<string, Record<string, string[]>>)) {
    add({ level: "province", name: province, province, prefecture: null });
    for (const [prefecture, counties] of Object.entries(prefectures)) {
      const real = !GROUPING_KEYS.test(prefecture);
      if (real) add({ level: "prefecture", name: prefecture, province, prefecture: null });
      for (const county of counties) add({ level: "county", name: county, province, prefecture: real ? prefecture : null });
    }
  }
  index = { forms, longest };
  return index;
}

/*
 * Suffix rules for names the gazetteer lacks, weighted by how reliably the suffix ends a name:
 * 县 or 省 almost never occurs inside a name, 区 and 市 sometimes do (新区街道, 新市镇), 州 often
 * (兰州湾镇).
 */
const SUFFIXES: Record<Level, [RegExp, number][]> = {
  province: [[/(省|自治区|特别行政区)$/u, 1]],
  prefecture: [
    [/(自治州|地区|盟)$/u, 1],
    [/市$/u, 0.6],
    [/州$/u, 0.4],
  ],
  county: [
    [/(自治县|自治旗|县|旗|林区|特区)$/u, 1],
    [/(区|市)$/u, 0.6],
  ],
};
const TOWN = /(街道办事处|街道|镇|乡|苏木)$/u;
/** Words that end like a town but name none: a template's 乡镇（街道）, 本镇, 各乡镇. */
const NOT_A_TOWN = /^(各|全|本|所属|相关|有关)|^(乡镇|镇街|乡镇街道|街道|街道办事处|镇|乡|苏木|城镇|村镇)$/u;
const KNOWN = 3;
const CONSISTENT = 2;
const INCONSISTENT = -3;
const LONG_TOWN = 0.5;

interface Candidate {
  text: string;
  end: number;
  /** Gazetteer places this text can stand for (empty for a suffix-rule guess). */
  places: Form[];
  weight: number;
}

function candidates(s: string, from: number, level: Level): Candidate[] {
  const { forms, longest } = gazetteerIndex();
  const out: Candidate[] = [];
  for (let end = from + 2; end <= Math.min(s.length - 2, from + longest + 4); end++) {
    const text = s.slice(from, end);
    // A county's bare form (玛纳斯 of 玛纳斯县) would leave 县 to the town: titles write counties in full.
    const known = forms[level].get(text)?.filter((f) => level !== "county" || !f.bare);
    if (known && known.length > 0) {
      out.push({ text, end, places: known, weight: KNOWN });
      continue;
    }
    const rule = SUFFIXES[level].find(([re]) => re.test(text));
    // A bare name of a known place (兰州 of 兰州市) is not a guess of another level's name.
    if (rule && !isBareOfKnown(text)) out.push({ text, end, places: [], weight: rule[1] });
  }
  return out;
}

function isBareOfKnown(text: string): boolean {
  const { forms } = gazetteerIndex();
  return (["province", "prefecture", "county"] as const).some((level) => forms[level].get(text)?.some((f) => f.bare));
}

/** How well two adjacent levels fit: a known county inside the known prefecture it names, etc. */
function fit(upper: Candidate | null, lower: Candidate | null): number {
  if (!upper || !lower || upper.places.length === 0 || lower.places.length === 0) return 0;
  const inside = upper.places.some((u) =>
    lower.places.some((l) => (u.place.level === "province" ? l.place.province === u.place.name : l.place.prefecture === u.place.name)),
  );
  return inside ? CONSISTENT : INCONSISTENT;
}

/** A bare form counts only where the place below it confirms it (福州鼓楼区, not 兰州 + 湾镇). */
function bareUnconfirmed(c: Candidate | null, below: Candidate | null): boolean {
  if (!c || c.places.length === 0 || !c.places.every((f) => f.bare)) return false;
  return fit(c, below) !== CONSISTENT;
}

/**
 * Cuts a run of place names into province, prefecture, county and town, as written:
 * 昌吉州玛纳斯县兰州湾镇 → { prefecture: 昌吉州, county: 玛纳斯县, town: 兰州湾镇 }. The town must end
 * in 镇/乡/街道/街道办事处/苏木; returns null when the text names no town.
 */
export function parsePlace(text: string): Region | null {
  const s = text.replace(/[\s\u3000]/gu, "");
  if (s.length < 2 || s.length > 60 || !TOWN.test(s)) return null;
  let best: { score: number; cuts: number; region: Region } | null = null;
  const none = (from: number) => [{ text: "", end: from, places: [], weight: 0 } as Candidate];
  for (const p of [...none(0), ...candidates(s, 0, "province")]) {
    for (const c of [...none(p.end), ...candidates(s, p.end, "prefecture")]) {
      for (const x of [...none(c.end), ...candidates(s, c.end, "county")]) {
        const town = s.slice(x.end);
        if (town.length < 2 || !TOWN.test(town) || NOT_A_TOWN.test(town)) continue;
        const [pp, cc, xx] = [p, c, x].map((k) => (k.text ? k : null)) as [Candidate | null, Candidate | null, Candidate | null];
        if (bareUnconfirmed(pp, cc ?? xx) || bareUnconfirmed(cc, xx)) continue;
        const score =
          (pp?.weight ?? 0) +
          (cc?.weight ?? 0) +
          (xx?.weight ?? 0) +
          fit(pp, cc) +
          fit(cc, xx) +
          (cc ? 0 : fit(pp, xx)) +
          (town.length >= 3 ? LONG_TOWN : 0);
        const cuts = [pp, cc, xx].filter(Boolean).length;
        if (!best || score > best.score || (score === best.score && cuts < best.cuts)) {
          best = { score, cuts, region: { province: pp?.text ?? null, prefecture: cc?.text ?? null, county: xx?.text ?? null, town } };
        }
      }
    }
  }
  return best?.region ?? null;
}

/**
 * Reads a place given by hand, levels separated by 「/」: 新疆维吾尔自治区/昌吉回族自治州/玛纳斯县/兰州湾镇,
 * 玛纳斯县/兰州湾镇, or one run of names (昌吉州玛纳斯县兰州湾镇). The last part is the town.
 */
export function parseRegionSpec(spec: string): Region | { error: string } {
  const parts = spec
    .split(/[/／]/u)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { error: "没有给出地区" };
  if (parts.length === 1) {
    return parsePlace(parts[0]!) ?? { error: `「${spec}」中找不到乡镇（街道）名称，请写成 省/市/县/镇` };
  }
  const town = parts.at(-1)!;
  if (!TOWN.test(town)) return { error: `「${town}」不是乡镇（街道）名称：最后一级应以镇、乡、街道或苏木结尾` };
  if (parts.length > 4) return { error: `「${spec}」的层级太多：最多 省/市/县/镇 四级` };
  const upper = parts.slice(0, -1);
  const region: Region = { province: null, prefecture: null, county: null, town };
  // With all four levels the positions decide; with fewer, each part's own kind does.
  const levels: Level[] =
    upper.length === 3 ? ["province", "prefecture", "county"] : upper.map((name, i) => levelOfName(name, upper.length - 1 - i));
  for (const [i, level] of levels.entries()) {
    if (region[level] !== null) return { error: `「${spec}」中有两个${LEVEL_LABELS[level]}` };
    region[level] = upper[i]!;
  }
  return region;
}

const LEVEL_LABELS: Record<Level, string> = { province: "省级地区", prefecture: "地级地区", county: "县级地区" };

/** The level of one place name given alone; `below` is how many named levels follow it before the town. */
function levelOfName(name: string, below: number): Level {
  const { forms } = gazetteerIndex();
  const known = (["province", "prefecture", "county"] as const).filter((l) => forms[l].get(name)?.some((f) => !f.bare));
  if (known.length === 1) return known[0]!;
  if (/(省|自治区|特别行政区)$/u.test(name)) return "province";
  if (/(自治州|州|地区|盟)$/u.test(name)) return "prefecture";
  if (/(县|旗|区|林区|特区)$/u.test(name)) return "county";
  // A 市 with a county named after it is a prefecture; the 市 right above the town is a county-level city.
  return below > 0 ? "prefecture" : "county";
}

/**
 * The forms of a place as written plus those of the official place it stands for: a title's
 * 木垒县 also matches departments written 木垒哈萨克自治县…
 */
export function formsOfPlace(name: string): { full: string[]; bare: string[] } {
  const { forms } = gazetteerIndex();
  const own = placeForms(name);
  const full = new Set(own.full);
  const bare = new Set(own.bare);
  for (const level of ["province", "prefecture", "county"] as const) {
    for (const form of forms[level].get(name) ?? []) {
      if (form.bare) continue;
      const official = placeForms(form.place.name);
      for (const f of official.full) full.add(f);
      for (const b of official.bare) bare.add(b);
    }
  }
  return { full: [...full], bare: [...bare].filter((b) => !full.has(b)) };
}

/** The province of a prefecture or county the gazetteer knows unambiguously (for filling in a title that omits it). */
export function provinceOf(region: Region): string | null {
  const { forms } = gazetteerIndex();
  const candidatesFor = (name: string | null, level: Level) => (name ? (forms[level].get(name) ?? []).filter((f) => !f.bare) : []);
  const counties = candidatesFor(region.county, "county").filter(
    (f) => !region.prefecture || placeForms(f.place.prefecture ?? "").full.includes(region.prefecture),
  );
  const pool = counties.length > 0 ? counties : candidatesFor(region.prefecture, "prefecture");
  const provinces = new Set(pool.map((f) => f.place.province));
  return provinces.size === 1 ? [...provinces][0]! : null;
}
