import type { Department, DepartmentKind, LevelMarker, Region } from "../types.ts";

/**
 * Different counties write the same bureau differently (市场监督管理局 / 市场监管局).
 * Short names fold onto the left-hand form so national aggregation counts one bureau once.
 */
const ALIASES: Record<string, string> = {
  市场监管局: "市场监督管理局",
  人社局: "人力资源和社会保障局",
  人力资源社会保障局: "人力资源和社会保障局",
  发改委: "发展和改革委员会",
  发展改革委: "发展和改革委员会",
  发展改革局: "发展和改革委员会",
  卫健委: "卫生健康委员会",
  卫生健康委: "卫生健康委员会",
  卫健局: "卫生健康委员会",
  住建局: "住房和城乡建设局",
  住房城乡建设局: "住房和城乡建设局",
  城管局: "城市管理局",
  农业农村委: "农业农村局",
  农委: "农业农村局",
  民宗局: "民族宗教事务局",
  应急局: "应急管理局",
  医保局: "医疗保障局",
  林草局: "林业和草原局",
  文旅局: "文化和旅游局",
  文化旅游委: "文化和旅游局",
  交通局: "交通运输局",
  机构编制委员会办公室: "编办",
  残疾人联合会: "残联",
  人大常委会: "人大",
};

const MASS = /^(残联|残疾人联合会|红十字会|总工会|妇联|妇女联合会|团委|科协|工商联|侨联)$/;
const CONGRESS = /^(人大|人大常委会|政协)$/;
// Vertically managed bodies: named like county bureaus but answer to a higher level.
const VERTICAL = /^(税务局|消防救援局|消防救援大队|气象局|烟草专卖局|邮政管理局|供电公司|国家调查队)$/;

const LEVELS: readonly LevelMarker[] = ["县", "区", "市", "州", "旗"];

/** The marker a place name is shortened to: 玛纳斯县 → 县, 昌吉州 / 昌吉回族自治州 → 州, 黔江区 → 区. */
export function levelOf(place: string | null): LevelMarker | null {
  if (!place) return null;
  const last = place.at(-1) as LevelMarker | undefined;
  return last && LEVELS.includes(last) ? last : null;
}

/** Splits 「玛纳斯县应急管理局及其他负有…的部门」 into the name and its vague tail. */
export function splitDepartmentNote(raw: string): { name: string; note: string | null } {
  const text = raw.trim();
  const m = /^(.+?)(及其他.*|等相关部门|等部门)$/.exec(text);
  return m ? { name: m[1]!.trim(), note: m[2]! } : { name: text, note: null };
}

/**
 * Reads a department name as a department column (full: 玛纳斯县委组织部) or duty text
 * (short: 县委组织部) writes it, in the context of the document's region.
 */
export function normaliseDepartment(raw: string, region: Region): Department {
  const name = raw.trim();
  const county = region.county;
  const prefecture = region.prefecture;
  const countyLevel = levelOf(county);
  const prefectureLevel = levelOf(prefecture);

  // 昌吉州生态环境局玛纳斯县分局: a prefecture bureau's county branch.
  const branch = /^(.*?[州市盟]|.*?地区)(.+?局)(.+?[县区市旗])分局$/.exec(name);
  if (branch && (!county || branch[3] === county || branch[3] === county.slice(0, -1))) {
    const outer = branch[1]!;
    const level = levelOf(outer) ?? prefectureLevel;
    const fullOuter = prefecture && (outer === prefecture || prefecture.startsWith(outer) || outer.length === 1) ? prefecture : outer;
    const full = `${fullOuter}${branch[2]}${county ?? branch[3]}分局`;
    return {
      name: full,
      shortName: fold(branch[2]!),
      abbreviation: `${level ?? ""}${branch[2]}${branch[3]}分局`,
      level,
      kind: "branch",
    };
  }

  let rest = name;
  let level: LevelMarker | null = null;
  if (county && name.startsWith(county)) {
    rest = name.slice(county.length);
    level = countyLevel;
  } else if (countyLevel && name.startsWith(countyLevel) && name.length > 2) {
    rest = name.slice(1);
    level = countyLevel;
  }

  const party = rest.startsWith("委") && !rest.startsWith("委员会");
  const body = party ? rest.slice(1) : rest;
  const kind: DepartmentKind = party
    ? "party"
    : CONGRESS.test(body)
      ? "congress"
      : MASS.test(body)
        ? "mass"
        : VERTICAL.test(body)
          ? "branch"
          : "government";
  const prefix = level ? (county && level === countyLevel ? county : "") : "";
  return {
    name: level ? `${prefix}${rest}` : name,
    shortName: fold(body),
    abbreviation: level ? `${level}${rest}` : name,
    level,
    kind,
  };
}

function fold(body: string): string {
  // Own keys only: a department called 「…constructor」 must not pick up Object.prototype.constructor.
  return Object.hasOwn(ALIASES, body) ? ALIASES[body]! : body;
}
