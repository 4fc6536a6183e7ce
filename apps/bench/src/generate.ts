import type {
  BasicDuty,
  CoordinatedDuty,
  Department,
  DepartmentRef,
  Duty,
  ListKind,
  ReclaimedDuty,
  Region,
  Revision,
  Step,
} from "@duty/domain";
import { LIST_KINDS } from "@duty/domain";
import { buildCountyTemplate, KEEP, LOCAL_ITEMS, SELF, TOWN, type CountyTemplate, type ItemTemplate } from "./county-template.ts";
import { TOPICS, type Topic, type TopicSpec } from "./lexicon.ts";
import { outline } from "./outline.ts";
import { buildAtlas, type CountyNode, type RegionNode } from "./places.ts";
import { deriveSeed, Rng } from "./random.ts";

/** One generated town: the revision its document must parse to, and what only the generator knows. */
export interface SyntheticTown {
  /** 1-based position in generation order; numbers the document's file. */
  number: number;
  /** The town in the region tree. */
  node: RegionNode;
  county: CountyNode;
  /**
   * Exactly what parseDocument(renderDocument(town)) returns, line numbers and title typos included.
   * Read-only: steps without the town's name are shared by the towns of a county.
   */
  revision: Revision;
  /** The town's own items (个性化事项), absent from its county's template. */
  personalised: ReadonlySet<Duty>;
  /** Rows per page of each list: a header row opens every page. */
  pages: Record<ListKind, readonly number[]>;
  /** Day the county approved the lists, YYYY-MM-DD. */
  publishedOn: string;
  /** Seeds presentation choices that parse the same (markup style, separators, header wording). */
  renderSeed: number;
}

/** Rows per page of each list in the seed: 7–10 short basic rows, 3–7 long coordinated ones. */
const PAGE_ROWS: Record<ListKind, readonly [number, number]> = { basic: [7, 10], coordinated: [3, 7], reclaimed: [4, 8] };

/**
 * `count` towns shaped like the real lists, county by county, the same for the same seed.
 * Lazy: a national run (38,600 towns, several GB of text) never holds more than one county.
 */
export function* generateTowns(seed: number, count: number): Generator<SyntheticTown> {
  const atlas = buildAtlas(seed, count);
  let number = 0;
  for (const county of atlas.counties) {
    const template = buildCountyTemplate(seed, county);
    for (const node of county.towns) yield townOf(seed, template, node, ++number);
  }
}

function townOf(seed: number, template: CountyTemplate, node: RegionNode, number: number): SyntheticTown {
  const rng = new Rng(deriveSeed(seed, 2, node.id));
  const writer = template.writer.withRng(rng);
  const county = template.county;
  const brand = node.name.replace(/(街道|镇|乡)$/u, "");
  const self = `本${node.name.endsWith("街道") ? "街道" : node.name.at(-1)}`;
  const localise = (text: string) =>
    text.includes(TOWN) || text.includes(SELF) ? text.replaceAll(TOWN, node.name).replaceAll(SELF, self) : text;

  // A town's own items belong to farming or the local economy, like the seed's potato enterprise and tea farm.
  const topic = (key: Topic): TopicSpec => TOPICS.find((t) => t.topic === key)!;
  const localTopic = (): TopicSpec => topic(rng.chance(0.6) ? "rural" : "economy");
  const ownCount = (list: ListKind) => rng.weighted(LOCAL_ITEMS[list], (c) => c[1])[0];
  const kept = <T extends ItemTemplate>(list: ListKind, items: readonly T[]): T[] => items.filter(() => rng.chance(KEEP[list]));
  const own = new Set<ItemTemplate>();
  const withOwn = <T extends ItemTemplate>(items: T[], make: (names: Set<string>) => T, count: number): T[] => {
    const names = new Set<string>();
    for (let i = 0; i < count; i++) {
      const item = make(names);
      own.add(item);
      items.push(item);
    }
    // Stable: an own item closes its category's block, as the seed's rows 28–29 close 经济发展.
    return items.sort((a, b) => template.rank.get(a.category)! - template.rank.get(b.category)!);
  };
  const basic = withOwn(kept("basic", template.basic), (names) => writer.localBasic(localTopic(), brand, names), ownCount("basic"));
  const coordinated = withOwn(
    kept("coordinated", template.coordinated),
    (names) => writer.localCoordinated(topic("rural"), brand, names),
    ownCount("coordinated"),
  );
  // LOCAL_ITEMS gives reclaimed lists no own items: a town rarely invents a penalty of its own.
  const reclaimed = kept("reclaimed", template.reclaimed);

  const sizes = { basic: basic.length, coordinated: coordinated.length, reclaimed: reclaimed.length };
  const pages = Object.fromEntries(LIST_KINDS.map((list) => [list, paginate(rng, sizes[list], PAGE_ROWS[list])])) as Record<
    ListKind,
    number[]
  >;
  const lines: Record<ListKind, number[]> = { basic: [], coordinated: [], reclaimed: [] };
  const titleLines = {} as Record<ListKind, number>;
  let line = 0;
  for (const entry of outline(pages)) {
    line++;
    if (entry.kind === "title") titleLines[entry.list] = line;
    else if (entry.kind === "row") lines[entry.list].push(line);
  }

  // Steps without a placeholder are shared with the template (and so between towns): revisions are read-only.
  const steps = (list: Step[]): Step[] =>
    list.map((s) => {
      const text = localise(s.text);
      return text === s.text ? s : { order: s.order, text, department: s.department, heading: s.heading };
    });
  const refs = (list: DepartmentRef[]): DepartmentRef[] => list.map((d) => ({ name: d.name, note: d.note }));
  const personalised = new Set<Duty>();
  const mark = <D extends Duty>(duty: D, item: ItemTemplate): D => {
    if (own.has(item)) personalised.add(duty);
    return duty;
  };
  // Literal objects in the parser's key order, not spreads: this loop runs 340 times a town.
  const lists = {
    basic: basic.map(
      (item, i): BasicDuty =>
        mark({ list: "basic", seq: i + 1, category: item.category, name: localise(item.name), line: lines.basic[i]! }, item),
    ),
    coordinated: coordinated.map(
      (item, i): CoordinatedDuty =>
        mark(
          {
            list: "coordinated",
            seq: i + 1,
            category: item.category,
            name: localise(item.name),
            line: lines.coordinated[i]!,
            departments: refs(item.departments),
            departmentDuties: steps(item.departmentDuties),
            townDuties: steps(item.townDuties),
          },
          item,
        ),
    ),
    reclaimed: reclaimed.map(
      (item, i): ReclaimedDuty =>
        mark(
          {
            list: "reclaimed",
            seq: i + 1,
            category: item.category,
            name: localise(item.name),
            line: lines.reclaimed[i]!,
            receivers: refs(item.receivers),
            method: steps(item.method),
          },
          item,
        ),
    ),
  };

  // The parser lists departments in order of first appearance: coordinated columns, then receivers.
  const departments = new Map<string, Department>();
  for (const ref of [...lists.coordinated.flatMap((d) => d.departments), ...lists.reclaimed.flatMap((d) => d.receivers)]) {
    if (!departments.has(ref.name)) departments.set(ref.name, template.departments.get(ref.name)!);
  }
  const categories = [...new Set(LIST_KINDS.flatMap((list) => lists[list].map((d) => d.category)))];

  const region: Region = {
    province: template.titles.province ? county.province.name : null,
    prefecture: county.prefecture.name,
    county: county.name,
    town: node.name,
  };
  const place = `${region.province ?? ""}${region.prefecture}${region.county}${region.town}`;
  const titleText: Record<ListKind, string> = {
    basic: `${place}基本履职事项清单`,
    coordinated: `${place}${template.titles.coordinatedTypo ? "配合履事项清单" : "配合履职事项清单"}`,
    reclaimed: `${place}${template.titles.reclaimedShort ? "上级收回事项清单" : "上级部门收回事项清单"}`,
  };
  const titles = Object.fromEntries(
    LIST_KINDS.map((list) => [list, { text: titleText[list], line: titleLines[list] }]),
  ) as Revision["titles"];

  return {
    number,
    node,
    county,
    revision: { region, titles, lists, categories, departments: [...departments.values()] },
    personalised,
    pages,
    publishedOn: template.publishedOn,
    renderSeed: deriveSeed(seed, 3, node.id),
  };
}

function paginate(rng: Rng, count: number, [min, max]: readonly [number, number]): number[] {
  const pages: number[] = [];
  for (let left = count; left > 0; ) {
    const rows = Math.min(left, rng.int(min, max));
    pages.push(rows);
    left -= rows;
  }
  return pages;
}
