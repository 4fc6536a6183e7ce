import type { Department, ListKind, Step } from "@duty/domain";
import { LIST_KINDS } from "@duty/domain";
import type { SyntheticTown } from "./generate.ts";
import type { RegionLevel } from "./places.ts";
import { townFileName } from "./render.ts";

/*
 * Rows for a bulk load, one plain object per table row, mirroring the domain's Revision:
 * a revision holds duties, a duty its departments (lead or receiver) and its steps. Ids are
 * dense and assigned in stream order, so a loader can COPY them as they come; rows that others
 * refer to (regions, departments, the revision, the duty) always come before those rows.
 * Categories stay text: they are free text with a mapping table (DOMAIN.md §8), a loader's
 * business. Every row below the region carries townId, the key a sharded schema distributes on.
 */

export interface RegionRow {
  id: number;
  parentId: number | null;
  level: RegionLevel;
  name: string;
}

/** A county's department: the domain's Department, numbered, under the county it serves. */
export interface DepartmentRow extends Department {
  id: number;
  countyId: number;
}

export interface RevisionRow {
  id: number;
  townId: number;
  /** 公布稿: the published version, the only one the generator writes. */
  label: string;
  publishedOn: string;
  sourceFile: string;
  /** Titles as printed, typos included. */
  titles: Record<ListKind, string | null>;
}

export interface DutyRow {
  id: number;
  townId: number;
  revisionId: number;
  list: ListKind;
  seq: number;
  category: string;
  name: string;
  /** Line of the row in the rendered document. */
  line: number;
  /** A town's own item (个性化事项), not in its county's template. */
  personalised: boolean;
}

export type DutyDepartmentRole = "lead" | "receiver";

export interface DutyDepartmentRow {
  dutyId: number;
  townId: number;
  departmentId: number;
  /** lead: a coordinated row's department; receiver: the department a reclaimed item returns to. */
  role: DutyDepartmentRole;
  /** 1-based place in the cell. */
  position: number;
  note: string | null;
}

/** department: the department's duties (a reclaimed item's method counts as such); town: the town's. */
export type StepSide = "department" | "town";

export interface StepRow {
  dutyId: number;
  townId: number;
  side: StepSide;
  position: number;
  departmentId: number | null;
  heading: string | null;
  text: string;
}

export type BenchRow =
  | { table: "regions"; row: RegionRow }
  | { table: "departments"; row: DepartmentRow }
  | { table: "revisions"; row: RevisionRow }
  | { table: "duties"; row: DutyRow }
  | { table: "duty_departments"; row: DutyDepartmentRow }
  | { table: "steps"; row: StepRow };

export type BenchTable = BenchRow["table"];

/**
 * Every row of the given towns, parents first. Lazy like generateTowns, so the pair streams
 * a national load without holding it.
 */
export function* streamRows(towns: Iterable<SyntheticTown>): Generator<BenchRow> {
  const regions = new Set<number>();
  const departmentIds = new Map<string, number>();
  let revisionId = 0;
  let dutyId = 0;

  for (const town of towns) {
    const { county, node, revision } = town;
    for (const region of [county.province, county.prefecture, county, node]) {
      if (regions.has(region.id)) continue;
      regions.add(region.id);
      yield { table: "regions", row: { id: region.id, parentId: region.parentId, level: region.level, name: region.name } };
    }
    // Department ids are per county: 玛纳斯县民政局 and another county's 民政局 are different units.
    const departmentOf = (name: string): number => departmentIds.get(`${county.id}\t${name}`)!;
    for (const department of revision.departments) {
      const key = `${county.id}\t${department.name}`;
      if (departmentIds.has(key)) continue;
      const id = departmentIds.size + 1;
      departmentIds.set(key, id);
      yield { table: "departments", row: { id, countyId: county.id, ...department } };
    }

    const revisionRow: RevisionRow = {
      id: ++revisionId,
      townId: node.id,
      label: "公布稿",
      publishedOn: town.publishedOn,
      sourceFile: townFileName(town),
      titles: Object.fromEntries(LIST_KINDS.map((list) => [list, revision.titles[list]?.text ?? null])) as Record<ListKind, string | null>,
    };
    yield { table: "revisions", row: revisionRow };

    const steps = function* (id: number, side: StepSide, list: readonly Step[]): Generator<BenchRow> {
      for (const step of list) {
        yield {
          table: "steps",
          row: {
            dutyId: id,
            townId: node.id,
            side,
            position: step.order,
            departmentId: step.department === null ? null : departmentOf(step.department),
            heading: step.heading,
            text: step.text,
          },
        };
      }
    };
    for (const list of LIST_KINDS) {
      for (const duty of revision.lists[list]) {
        const id = ++dutyId;
        yield {
          table: "duties",
          row: {
            id,
            townId: node.id,
            revisionId: revisionRow.id,
            list,
            seq: duty.seq,
            category: duty.category,
            name: duty.name,
            line: duty.line,
            personalised: town.personalised.has(duty),
          },
        };
        if (duty.list === "basic") continue;
        const refs = duty.list === "coordinated" ? duty.departments : duty.receivers;
        const role: DutyDepartmentRole = duty.list === "coordinated" ? "lead" : "receiver";
        for (const [i, ref] of refs.entries()) {
          yield { table: "duty_departments", row: { dutyId: id, townId: node.id, departmentId: departmentOf(ref.name), role, position: i + 1, note: ref.note } };
        }
        if (duty.list === "coordinated") {
          yield* steps(id, "department", duty.departmentDuties);
          yield* steps(id, "town", duty.townDuties);
        } else {
          yield* steps(id, "department", duty.method);
        }
      }
    }
  }
}
