import { formsOfPlace, placeForms } from "../places/places.ts";
import type { Department, DepartmentKind, LevelMarker, Region } from "../types.ts";
import names from "./department-names.json" with { type: "json" };

/*
 * One department is written many ways: 玛纳斯县人力资源和社会保障局 in a department column,
 * 县人社局 in duty text, 人力资源和社会保障局 bare, 中共玛纳斯县委组织部 with the party's name.
 * Reading strips the place to a level marker, folds the body through the alias table
 * (department-names.json) and classifies it by kind, so every form of one department gets the
 * same key; ../recognise then gives each key one canonical name per document.
 */

const ALIASES = new Map(Object.entries(names.aliases));
const PARTY = new Set(names.party);
const MASS = new Set(names.mass);
const CONGRESS = new Set(names.congress);
const VERTICAL = new Set(names.vertical);
const GENERIC = new Set(names.generic);
/** A text opening like a sentence (由县住建局负责) is no department's name, however it ends. */
const SENTENCE_START = new RegExp(`^(${names.sentenceStarts.join("|")})`, "u");
/** Bodies the table knows by name, so a body that starts like a level marker (市场监管局) is not cut. */
const KNOWN_BODIES = new Set([...ALIASES.keys(), ...ALIASES.values(), ...PARTY, ...MASS, ...CONGRESS, ...VERTICAL]);

const LEVELS: readonly LevelMarker[] = ["县", "区", "市", "州", "旗"];

/** Longest text read as one department's name; real ones stay under 40 characters. */
export const MAX_NAME_CHARS = 100;

/** Suffixes a unit's name ends with; a written part without one is not a department name. */
export const UNIT_SUFFIX = /(局|委|办|部|会|院|队|站|所|中心|处|室|组|团|联|社|行|馆|司|厅|署|公司|集团|学校|医院|海关|法院|检察院|银行)$/u;

/** The marker a place name is shortened to: 玛纳斯县 → 县, 昌吉州 / 昌吉回族自治州 → 州, 黔江区 → 区. */
export function levelOf(place: string | null): LevelMarker | null {
  if (!place) return null;
  const last = place.at(-1) as LevelMarker | undefined;
  return last && LEVELS.includes(last) ? last : null;
}

/** Splits 「玛纳斯县应急管理局及其他负有…的部门」 into the name and its vague tail. */
export function splitDepartmentNote(raw: string): { name: string; note: string | null } {
  const text = raw.trim();
  const m = /^(.+?)(及其他.*|等相关部门|等有关部门|等部门|等单位)$/u.exec(text);
  return m ? { name: m[1]!.trim(), note: m[2]! } : { name: text, note: null };
}

/** The alias table's key for a body (人社局 → 人力资源和社会保障局); own keys only, so 「constructor」 is just a name. */
export function foldBody(body: string): string {
  return ALIASES.get(body) ?? body;
}

/** How completely a form names its place: 2 with the county's own name, 1 with a level marker only, 0 bare. */
export type Fullness = 0 | 1 | 2;

export interface ReadDepartment extends Department {
  fullness: Fullness;
}

interface Prefix {
  text: string;
  level: LevelMarker | null;
  fullness: Fullness;
  county: boolean;
}

// Every department of a document is read against the same region: its prefixes are worked out once.
const prefixCache = new Map<string, Prefix[]>();

/** The ways this document's county and prefecture are written at the start of a department name, longest first. */
function prefixesOf(region: Region): Prefix[] {
  const key = `${region.province}|${region.prefecture}|${region.county}`;
  let prefixes = prefixCache.get(key);
  if (!prefixes) {
    if (prefixCache.size > 1000) prefixCache.clear();
    prefixes = computePrefixes(region);
    prefixCache.set(key, prefixes);
  }
  return prefixes;
}

function computePrefixes(region: Region): Prefix[] {
  const out: Prefix[] = [];
  if (region.county) {
    const forms = formsOfPlace(region.county);
    // The bare county (玛纳斯农业农村局) names the county as surely as the full one.
    for (const text of [...forms.full, ...forms.bare]) out.push({ text, level: levelOf(region.county), fullness: 2, county: true });
  }
  if (region.prefecture) {
    const forms = formsOfPlace(region.prefecture);
    for (const text of [...forms.full, ...forms.bare]) out.push({ text, level: levelOf(region.prefecture), fullness: 2, county: false });
  }
  // Provincial bodies (自治区农业农村厅, 省民政厅) keep their own name: they are nobody's county department.
  const provinces = region.province ? [...formsOfPlace(region.province).full, ...formsOfPlace(region.province).bare] : [];
  for (const text of [...provinces, "自治区", "省"]) out.push({ text, level: null, fullness: 2, county: false });
  return out.sort((a, b) => b.text.length - a.text.length);
}

/**
 * Reads a department as a column (玛纳斯县委组织部) or duty text (县委组织部) writes it, in the
 * context of the document's region. Returns null for words that name no one department
 * (有关部门, 县直各部门) and for text that does not end like a unit's name.
 */
export function readDepartment(raw: string, region: Region): ReadDepartment | null {
  // The branch pattern below backtracks polynomially: no name is this long, so none is tried.
  if (raw.length > MAX_NAME_CHARS) return null;
  const name = raw
    .trim()
    .replace(/^(中国共产党|中共)/u, "")
    // 共青团玛纳斯县委员会 is the county's 团委 (a mass organisation), however it is written.
    .replace(/^共青团(.+?)(委员会|委)$/u, "$1团委")
    .replace(/[\s\u3000]+/gu, "");
  if (name.length < 2 || GENERIC.has(name) || SENTENCE_START.test(name)) return null;
  const county = region.county;

  // 昌吉州生态环境局玛纳斯县分局: a prefecture bureau's county branch keeps its own name.
  const branch = /^(.*?[州市盟]|.*?地区)(.+?局)(.+?[县区市旗])分局$/u.exec(name);
  if (branch && (!county || placeForms(county).full.includes(branch[3]!) || branch[3] === county.slice(0, -1))) {
    const outer = branch[1]!;
    const prefecture = region.prefecture;
    const level = levelOf(outer) ?? levelOf(prefecture);
    const fullOuter = prefecture && (outer === prefecture || prefecture.startsWith(outer) || outer.length === 1) ? prefecture : outer;
    return {
      name: `${fullOuter}${branch[2]}${county ?? branch[3]}分局`,
      shortName: foldBody(branch[2]!),
      abbreviation: `${level ?? ""}${branch[2]}${branch[3]}分局`,
      level,
      kind: "branch",
      fullness: 2,
    };
  }

  let rest = name;
  let level: LevelMarker | null = null;
  let fullness: Fullness = 0;
  let ofCounty = true;
  const prefix = prefixesOf(region).find((p) => name.startsWith(p.text) && name.length > p.text.length + 1);
  if (prefix) {
    rest = name.slice(prefix.text.length);
    level = prefix.level;
    fullness = prefix.fullness;
    ofCounty = prefix.county;
  } else if (LEVELS.includes(name[0] as LevelMarker) && name.length > 2 && !KNOWN_BODIES.has(name)) {
    // 县民政局 / 市民政局: a level marker; but 市场监督管理局 is a body that happens to start with 市.
    rest = name.slice(1);
    level = name[0] as LevelMarker;
    fullness = 1;
    ofCounty = level === levelOf(county);
  } else {
    // Bare (农业农村局): a county document's departments are the county's.
    level = levelOf(county);
  }

  // 委组织部 (县委组织部), 委员会组织部 (县委员会组织部): the party committee's organs.
  const partyPrefix = /^委员会(?=.{2})|^委(?!员会)(?=.{2})/u.exec(rest);
  const body = partyPrefix ? rest.slice(partyPrefix[0].length) : rest;
  const shortName = foldBody(body);
  const known = PARTY.has(shortName) || CONGRESS.has(shortName) || MASS.has(shortName) || VERTICAL.has(shortName);
  if (GENERIC.has(body) || GENERIC.has(rest) || (!known && !UNIT_SUFFIX.test(body))) return null;
  const kind: DepartmentKind =
    partyPrefix || PARTY.has(shortName)
      ? "party"
      : CONGRESS.has(shortName)
        ? "congress"
        : MASS.has(shortName)
          ? "mass"
          : VERTICAL.has(shortName)
            ? "branch"
            : "government";
  // Party organs are written 县委组织部 whether or not the cell wrote the 委 (纪委 carries its own).
  const written = `${kind === "party" && !body.startsWith("纪委") ? "委" : ""}${body}`;
  const place = ofCounty ? county : null;
  return {
    name: place && level ? `${place}${written}` : level && fullness === 1 ? `${level}${written}` : name,
    shortName,
    abbreviation: level ? `${level}${written}` : name,
    level,
    kind,
    fullness,
  };
}

/**
 * Reads a department name, or a stand-in when it names no one department. Kept for callers that
 * need a Department for any text (mentions inside duty text); recognisers use readDepartment.
 */
export function normaliseDepartment(raw: string, region: Region): Department {
  const read = readDepartment(raw, region);
  if (read) {
    const { fullness: _fullness, ...department } = read;
    return department;
  }
  const name = raw.trim();
  return { name, shortName: name, abbreviation: name, level: null, kind: "government" };
}

/** The key every form of one department shares within a document: level, kind and folded body. */
export function departmentKey(d: Department): string {
  return d.kind === "branch" && d.name.endsWith("分局") ? `branch|${d.name}` : `${d.level ?? ""}|${d.kind}|${d.shortName}`;
}

/**
 * The name a document's department is known by: the form written with the county's own name
 * (玛纳斯县市场监督管理局) when the document has one, else the county's name with the formal body
 * (县人社局 → 玛纳斯县人力资源和社会保障局).
 */
export function canonicalName(forms: readonly ReadDepartment[], region: Region): ReadDepartment {
  const full = forms.find((f) => f.fullness === 2);
  if (full) return full;
  const first = forms[0]!;
  if (first.kind === "branch" || !first.level || first.level !== levelOf(region.county) || !region.county) return first;
  const formal = first.kind === "party" ? `委${first.shortName}` : first.shortName;
  return { ...first, name: `${region.county}${formal}`, abbreviation: `${first.level}${formal}`, fullness: 2 };
}
