import {
  LIST_KINDS,
  NATIONAL_REFERENCE,
  type Department,
  type DepartmentRef,
  type LevelMarker,
  type ListKind,
  type Step,
} from "@duty/domain";
import {
  BASIC_CLAUSES,
  COORDINATED_SUFFIXES,
  DEPARTMENT_NOTES,
  DEPARTMENT_ROLE_STEPS,
  DEPARTMENT_ROLES,
  DEPARTMENT_STEPS,
  DEPARTMENTS,
  ENFORCEMENT_METHOD,
  LEGACY_ORDER,
  LOCAL_BASIC,
  LOCAL_COORDINATED,
  LOCAL_PRODUCTS,
  PENALTY_PROCEDURE,
  RECLAIM_ACTIONS,
  TAILS,
  TOPICS,
  TOWN_STEPS,
  type DepartmentSpec,
  type Spelling,
  type Topic,
  type TopicSpec,
} from "./lexicon.ts";
import { HAMLET_ENDINGS, SURNAMES, type CountyNode } from "./places.ts";
import { apportion, deriveSeed, Rng } from "./random.ts";

/*
 * A county's lists are drafted once, on a template town (岱山 used 高亭镇), and every town of the
 * county adopts them with a few deletions and a few items of its own. The template is therefore
 * written with two placeholders that each town fills in: its name and how it calls itself.
 */
/** Placeholder for the town's name (兰州湾镇) inside template text. */
export const TOWN = "\uE000";
/** Placeholder for how the town calls itself: 本镇, 本乡, 本街道. */
export const SELF = "\uE001";

/** Averages of the national figures (Xinhua, end of June 2025): 117 basic, 99 coordinated, 124 reclaimed. */
export const NATIONAL_AVERAGE: Record<ListKind, number> = {
  basic: NATIONAL_REFERENCE.perTown.basic,
  coordinated: NATIONAL_REFERENCE.perTown.coordinated,
  reclaimed: NATIONAL_REFERENCE.perTown.reclaimed,
};
/** Spread of a county's list sizes around the average, as a fraction of it. */
const SPREAD = 0.25;
/** No county template is shorter than this, whatever the draw (towns keep nearly all of it). */
const MIN_ITEMS: Record<ListKind, number> = { basic: 20, coordinated: 10, reclaimed: 5 };
/** Chance that a town keeps a template item (the rest it deleted in its own consultation). */
export const KEEP: Record<ListKind, number> = { basic: 0.98, coordinated: 0.97, reclaimed: 0.97 };
/** How many items of its own (个性化事项) a town adds, as [count, weight]. */
export const LOCAL_ITEMS: Record<ListKind, readonly (readonly [number, number])[]> = {
  basic: [
    [1, 1],
    [2, 1],
    [3, 1],
  ],
  coordinated: [
    [0, 50],
    [1, 35],
    [2, 15],
  ],
  reclaimed: [[0, 1]],
};
/** Share of reclaimed items that are penalties (the seed: 13 of 37). */
const PENALTY_SHARE = 0.35;
/** Bounds of a coordinated row's two duty cells together, in characters. */
export const DUTY_TEXT_BOUNDS = { min: 100, max: 1500 } as const;
/** Share of coordinated rows naming one department (the seed: 75 of 100). */
const SINGLE_DEPARTMENT_SHARE = 0.75;
/** Departments of a multi-department row, 2 to 8 (the seed has 2 to 8). */
const MULTI_DEPARTMENT: readonly (readonly [number, number])[] = [
  [2, 44],
  [3, 24],
  [4, 16],
  [5, 8],
  [6, 4],
  [7, 2],
  [8, 2],
];
const DEPARTMENT_STEP_COUNT: readonly (readonly [number, number])[] = [
  [1, 15],
  [2, 20],
  [3, 20],
  [4, 15],
  [5, 12],
  [6, 8],
  [7, 5],
  [8, 5],
];
const TOWN_STEP_COUNT: readonly (readonly [number, number])[] = [
  [1, 25],
  [2, 25],
  [3, 20],
  [4, 15],
  [5, 8],
  [6, 7],
];
/** Share of the counties that still label categories the predecessor way (基层党建, 公共服务 …). */
const LEGACY_SHARE = 0.1;

export interface ItemTemplate {
  category: string;
  name: string;
}

export interface CoordinatedTemplate extends ItemTemplate {
  departments: DepartmentRef[];
  departmentDuties: Step[];
  townDuties: Step[];
}

export interface ReclaimedTemplate extends ItemTemplate {
  receivers: DepartmentRef[];
  method: Step[];
}

export interface TitleStyle {
  /** The seed names no province; many other lists do. */
  province: boolean;
  /** The seed's 配合履事项清单, 职 missing. */
  coordinatedTypo: boolean;
  /** 岱山's 上级收回事项清单 instead of 上级部门收回事项清单. */
  reclaimedShort: boolean;
}

export interface CountyTemplate {
  county: CountyNode;
  /** Category name → its place in the county's shared category order. */
  rank: ReadonlyMap<string, number>;
  /** The county's departments by full name. */
  departments: ReadonlyMap<string, Department>;
  basic: ItemTemplate[];
  coordinated: CoordinatedTemplate[];
  reclaimed: ReclaimedTemplate[];
  titles: TitleStyle;
  /** Day the county approved its towns' lists (all were done by the end of June 2025). */
  publishedOn: string;
  /** Writes items for this county's departments and categories; also used for a town's own items. */
  writer: ItemWriter;
}

/*
 * Steps of a Weyl sequence (frac(start + ordinal × step)), one irrational step per list so that
 * a county's three sizes are unrelated. Consecutive counties then cover the quantiles evenly,
 * which independent draws do not: 36 counties (500 towns) would leave the average a few
 * percent off the national figure, as likely too high as too low.
 */
const STRATA_STEP: Record<ListKind, number> = {
  basic: 0.6180339887498949,
  coordinated: 0.41421356237309515,
  reclaimed: 0.7320508075688772,
};

/**
 * How far a county's list is from the average, in standard deviations: the logistic quantile
 * (normal-ish, sd 1) of the county's point in the list's sequence.
 */
export function spreadOf(seed: number, list: ListKind, ordinal: number): number {
  const start = new Rng(deriveSeed(seed, 4, LIST_KINDS.indexOf(list))).next();
  // Clipped at the 1st and 99th percentile: lists stay within 63% of the average either way.
  const u = Math.min(0.99, Math.max(0.01, (start + ordinal * STRATA_STEP[list]) % 1));
  return (Math.log(u / (1 - u)) * Math.sqrt(3)) / Math.PI;
}

/** The expected number of items a town adds to a list of its own. */
function meanLocalItems(list: ListKind): number {
  const table = LOCAL_ITEMS[list];
  const total = table.reduce((a, [, w]) => a + w, 0);
  return table.reduce((a, [n, w]) => a + n * w, 0) / total;
}

/** Template size that leaves towns at the national average after deletions and own items. */
function templateMean(list: ListKind): number {
  return (NATIONAL_AVERAGE[list] - meanLocalItems(list)) / KEEP[list];
}

export function buildCountyTemplate(seed: number, county: CountyNode): CountyTemplate {
  const rng = new Rng(deriveSeed(seed, 1, county.ordinal));
  const legacy = rng.chance(LEGACY_SHARE);
  const order = legacy ? LEGACY_ORDER : TOPICS.map((t) => t.label);
  const rank = new Map(order.map((label, i) => [label, i]));
  const departments = countyDepartments(rng, county);
  const writer = new ItemWriter(rng, county, legacy, departments.byKey);

  const lists = { basic: [] as ItemTemplate[], coordinated: [] as CoordinatedTemplate[], reclaimed: [] as ReclaimedTemplate[] };
  for (const list of LIST_KINDS) {
    const size = Math.max(MIN_ITEMS[list], Math.round(templateMean(list) * (1 + SPREAD * spreadOf(seed, list, county.ordinal))));
    // Each county weighs its categories a little differently; 民族宗教 matters more in 自治区.
    const weights = TOPICS.map((t) => t.weight[list] * Math.exp(0.25 * rng.normal()) * (t.topic === "ethnic" && county.autonomous ? 2 : 1));
    const counts = apportion(size, weights);
    TOPICS.forEach((spec, i) => {
      const names = new Set<string>();
      for (let n = 0; n < counts[i]!; n++) {
        if (list === "basic") lists.basic.push(writer.basic(spec, names));
        else if (list === "coordinated") lists.coordinated.push(writer.coordinated(spec, names));
        else lists.reclaimed.push(writer.reclaimed(spec, names));
      }
    });
    // Category blocks follow the county's order; within a block items keep the order they were written in.
    lists[list].sort((a, b) => rank.get(a.category)! - rank.get(b.category)!);
  }

  const month = rng.int(3, 6);
  return {
    county,
    rank,
    departments: departments.byName,
    ...lists,
    titles: { province: rng.chance(0.7), coordinatedTypo: rng.chance(0.05), reclaimedShort: rng.chance(0.1) },
    publishedOn: `2025-${String(month).padStart(2, "0")}-${String(rng.int(1, month === 6 ? 30 : 28)).padStart(2, "0")}`,
    writer,
  };
}

interface CountyDepartments {
  byKey: ReadonlyMap<string, Department>;
  byName: ReadonlyMap<string, Department>;
}

/** Full names, short forms and folded short names of every department, spelled this county's way. */
function countyDepartments(rng: Rng, county: CountyNode): CountyDepartments {
  const byKey = new Map<string, Department>();
  // 玛纳斯县 → 县, 某某彝族自治县 → 县: duty text shortens the county to its last character.
  const marker = county.name.at(-1) as LevelMarker;
  const prefecture = county.prefecture.name;
  for (const spec of DEPARTMENTS) {
    const [body, , shortName] = rng.weighted<Spelling>(spec.spellings, (s) => s[1]);
    if (spec.prefectureBranch) {
      // 昌吉州 → 州, 某某市 → 市, and 某某地区 → 区: the level is the prefecture's last character, as the parser reads it.
      const outer = prefecture.at(-1) as LevelMarker;
      byKey.set(spec.key, {
        name: `${prefecture}${body}${county.name}分局`,
        shortName,
        abbreviation: `${outer}${body}${county.name}分局`,
        level: outer,
        kind: spec.kind,
      });
    } else {
      byKey.set(spec.key, { name: `${county.name}${body}`, shortName, abbreviation: `${marker}${body}`, level: marker, kind: spec.kind });
    }
  }
  return { byKey, byName: new Map([...byKey.values()].map((d) => [d.name, d])) };
}

/** Writes single items: names, departments and duty steps, from the lexicon's tables. */
export class ItemWriter {
  constructor(
    private readonly rng: Rng,
    private readonly county: CountyNode,
    private readonly legacy: boolean,
    private readonly departments: ReadonlyMap<string, Department>,
  ) {}

  /** A writer drawing from another stream (a town's), for the items a town adds. */
  withRng(rng: Rng): ItemWriter {
    return new ItemWriter(rng, this.county, this.legacy, this.departments);
  }

  category(spec: TopicSpec): string {
    return this.legacy ? spec.legacy : spec.label;
  }

  basic(spec: TopicSpec, names: Set<string>): ItemTemplate {
    const name = this.unique(names, () => {
      const clauses = [this.clause(spec)];
      const extra = this.rng.weighted(
        [
          [0, 30],
          [1, 40],
          [2, 22],
          [3, 8],
        ] as const,
        (c) => c[1],
      )[0];
      for (let i = 0; i < extra; i++) clauses.push(this.rng.chance(0.55) ? this.clause(spec) : this.rng.pick(TAILS));
      return clauses.join("，");
    });
    return { category: this.category(spec), name };
  }

  coordinated(spec: TopicSpec, names: Set<string>, named?: { name: string; work: string }): CoordinatedTemplate {
    let work = named?.work ?? "";
    const name =
      named?.name ??
      this.unique(names, () => {
        work = this.rng.pick(spec.works);
        return `${work}${this.rng.pick(COORDINATED_SUFFIXES)}`;
      });
    const owners = this.leads(spec.topic);
    const refs: DepartmentRef[] = owners.map((d) => ({ name: d.name, note: null }));
    if (owners.length === 1 && (owners[0]!.shortName === "应急管理局" ? this.rng.chance(0.3) : this.rng.chance(0.01))) {
      refs[0]!.note = owners[0]!.shortName === "应急管理局" ? DEPARTMENT_NOTES[0]! : DEPARTMENT_NOTES[1]!;
    }
    const { departmentDuties, townDuties } = this.duties(work, owners);
    return { category: this.category(spec), name, departments: refs, departmentDuties, townDuties };
  }

  reclaimed(spec: TopicSpec, names: Set<string>): ReclaimedTemplate {
    const offences = spec.offences.filter((o) => !names.has(penaltyName(o)));
    const penalty = offences.length > 0 && this.rng.chance(PENALTY_SHARE);
    const offence = penalty ? this.rng.pick(offences) : "";
    const name = penalty
      ? penaltyName(offence)
      : this.unique(names, () =>
          this.rng.chance(0.6) && spec.reclaims.length > 0
            ? this.rng.pick(spec.reclaims)
            : `${this.rng.pick(spec.works)}${this.rng.pick(RECLAIM_ACTIONS)}`,
        );
    names.add(name);
    const receivers = this.receivers(spec.topic);
    const [first, second] = receivers;
    let method: string[];
    if (second) method = [`由${first!.abbreviation}会同${second.abbreviation}负责${name}。`];
    else if (penalty) {
      const r = this.rng.next();
      method = r < 0.45 ? [ENFORCEMENT_METHOD] : r < 0.6 ? [...PENALTY_PROCEDURE] : [`由${first!.abbreviation}对${offence}进行处罚。`];
    } else {
      const r = this.rng.next();
      method =
        r < 0.6
          ? [`由${first!.abbreviation}负责${name}。`]
          : r < 0.85
            ? [`${first!.abbreviation}负责${name}，${this.rng.pick(TAILS)}。`]
            : this.sample(DEPARTMENT_STEPS, this.rng.int(2, 3)).map((t) => this.fill(t, { w: name }));
    }
    return {
      category: this.category(spec),
      name,
      receivers: receivers.map((d) => ({ name: d.name, note: null })),
      method: punctuate(method).map((text, i) => ({ order: i + 1, text, department: null, heading: null })),
    };
  }

  /** Lead departments of a coordinated row: one in three of four rows, else 2 to 8. */
  leads(topic: Topic): Department[] {
    const serving = DEPARTMENTS.filter((d) => d.lead > 0 && d.topics.includes(topic));
    const chosen: DepartmentSpec[] = [this.rng.weighted(serving, (d) => d.lead)];
    const count = this.rng.chance(SINGLE_DEPARTMENT_SHARE) ? 1 : this.rng.weighted(MULTI_DEPARTMENT, (m) => m[1])[0];
    while (chosen.length < count) {
      // Partners come from the same field more often than not (公安局 with 交通运输局 on roads).
      const near = serving.filter((d) => !chosen.includes(d));
      const pool = near.length > 0 && this.rng.chance(0.6) ? near : DEPARTMENTS.filter((d) => d.lead > 0 && !chosen.includes(d));
      chosen.push(this.rng.weighted(pool, (d) => d.lead));
    }
    return chosen.map((d) => this.departments.get(d.key)!);
  }

  private receivers(topic: Topic): Department[] {
    const serving = DEPARTMENTS.filter((d) => d.receive > 0 && d.topics.includes(topic));
    const chosen = [this.rng.weighted(serving, (d) => d.receive)];
    if (this.rng.chance(0.04)) {
      const others = DEPARTMENTS.filter((d) => d.receive > 0 && d !== chosen[0]);
      chosen.push(this.rng.weighted(others, (d) => d.receive));
    }
    return chosen.map((d) => this.departments.get(d.key)!);
  }

  /**
   * Both duty cells of a coordinated row. Where the row names several departments, half the
   * time each gets its own steps opening with its short form (县民政局负责…), the shape the
   * parser attributes to that department.
   */
  duties(work: string, owners: Department[]): { departmentDuties: Step[]; townDuties: Step[] } {
    const long = this.rng.chance(0.06);
    const extras = () =>
      long
        ? this.rng.int(1, 3)
        : this.rng.weighted(
            [
              [0, 45],
              [1, 40],
              [2, 15],
            ] as const,
            (e) => e[1],
          )[0];
    const lead = () => this.rng.pick(owners).abbreviation;
    let department: { text: string; department: string | null }[];
    if (owners.length >= 2 && this.rng.chance(0.5)) {
      department = owners.flatMap((d) =>
        Array.from({ length: this.rng.int(1, 2) }, () => ({
          text: this.extend(
            this.fill(this.rng.pick(DEPARTMENT_ROLE_STEPS), { w: work, d: d.abbreviation, r: this.rng.pick(DEPARTMENT_ROLES) }),
            extras(),
          ),
          department: d.name,
        })),
      );
    } else {
      const count = long ? this.rng.int(6, 12) : this.rng.weighted(DEPARTMENT_STEP_COUNT, (c) => c[1])[0];
      department = this.sample(DEPARTMENT_STEPS, count).map((t) => ({
        text: this.extend(this.fill(t, { w: work, l: lead() }), extras()),
        department: null,
      }));
    }
    const townCount = long ? this.rng.int(4, 8) : this.rng.weighted(TOWN_STEP_COUNT, (c) => c[1])[0];
    const town = this.sample(TOWN_STEPS, townCount).map((t) => this.extend(this.fill(t, { w: work, l: lead() }), extras()));

    // Placeholders count at their shortest for the floor and their longest for the ceiling,
    // so that every town's cells land inside the bounds whatever its name.
    const all = () => [...department.map((s) => s.text), ...town];
    while (dutyLength(all(), "short") + all().length < DUTY_TEXT_BOUNDS.min) {
      const i = this.rng.int(0, town.length - 1);
      town[i] = this.extend(town[i]!, 1);
    }
    while (dutyLength(all(), "long") + all().length > DUTY_TEXT_BOUNDS.max) {
      if (department.length > 1) department.pop();
      else if (town.length > 1) town.pop();
      else break;
    }
    const departmentTexts = punctuate(department.map((s) => s.text));
    return {
      departmentDuties: department.map((s, i) => ({ order: i + 1, text: departmentTexts[i]!, department: s.department, heading: null })),
      townDuties: punctuate(town).map((text, i) => ({ order: i + 1, text, department: null, heading: null })),
    };
  }

  /** A town's own basic item (个性化事项), about a village product and the town's brand. */
  localBasic(spec: TopicSpec, brand: string, names: Set<string>): ItemTemplate {
    const name = this.unique(names, () => this.fill(this.rng.pick(LOCAL_BASIC), this.localSlots(brand)));
    return { category: this.category(spec), name };
  }

  /** A town's own coordinated item: a local project its county departments lead. */
  localCoordinated(spec: TopicSpec, brand: string, names: Set<string>): CoordinatedTemplate {
    const name = this.unique(names, () => this.fill(this.rng.pick(LOCAL_COORDINATED), this.localSlots(brand)));
    return this.coordinated(spec, names, { name, work: name });
  }

  private localSlots(brand: string): Record<string, string> {
    return { v: `${this.rng.pick(SURNAMES)}${this.rng.pick(HAMLET_ENDINGS.slice(0, 10))}`, p: this.rng.pick(LOCAL_PRODUCTS), b: brand };
  }

  private clause(spec: TopicSpec): string {
    return this.fill(this.rng.pick(BASIC_CLAUSES), { w: this.rng.pick(spec.works) });
  }

  private extend(text: string, clauses: number): string {
    let out = text;
    for (let i = 0; i < clauses; i++) out += `，${this.rng.pick(TAILS)}`;
    return out;
  }

  private fill(template: string, slots: Record<string, string>): string {
    return template.replace(/\{(\w)\}/gu, (_, key: string) => {
      if (key === "t") return TOWN;
      if (key === "s") return SELF;
      const value = slots[key];
      if (value === undefined) throw new Error(`lexicon slot {${key}} has no value in 「${template}」`);
      return value;
    });
  }

  private sample<T>(items: readonly T[], count: number): T[] {
    return this.rng.shuffle([...items]).slice(0, Math.min(count, items.length));
  }

  private unique(names: Set<string>, make: () => string): string {
    for (let attempt = 0; attempt < 200; attempt++) {
      const name = make();
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
    throw new Error(`${this.county.name}: ran out of distinct item names; the lexicon is too small for this list size`);
  }
}

function penaltyName(offence: string): string {
  return `对${offence}的处罚`;
}

/** Steps end in ；, the last in 。, as the seed's cells do. */
function punctuate(texts: string[]): string[] {
  return texts.map((t, i) => {
    const bare = t.replace(/[；。]$/u, "");
    return `${bare}${i === texts.length - 1 ? "。" : "；"}`;
  });
}

/** Town names run 3 to 5 characters (某某镇 … 某某某街道), 本镇 to 本街道 2 to 3. */
function dutyLength(texts: readonly string[], bound: "short" | "long"): number {
  const town = bound === "short" ? 3 : 5;
  const self = bound === "short" ? 2 : 3;
  let n = 0;
  for (const text of texts) {
    for (const ch of text) n += ch === TOWN ? town : ch === SELF ? self : 1;
  }
  return n;
}
