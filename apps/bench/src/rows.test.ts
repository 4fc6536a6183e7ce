import type { Lists, Step } from "@duty/domain";
import { describe, expect, it } from "vitest";
import { generateTowns } from "./generate.ts";
import { townFileName } from "./render.ts";
import { streamRows, type BenchRow, type BenchTable, type DepartmentRow, type DutyRow, type RegionRow, type StepRow } from "./rows.ts";

const towns = [...generateTowns(9, 60)];
const rows = [...streamRows(towns)];
const of = <T extends BenchTable>(table: T) => rows.filter((r): r is Extract<BenchRow, { table: T }> => r.table === table).map((r) => r.row as Extract<BenchRow, { table: T }>["row"]);

describe("streamRows", () => {
  it("writes one row per region, revision, duty, department reference and step of the model", () => {
    const counties = new Set(towns.map((t) => t.county));
    const places = new Set([...counties].flatMap((c) => [c.province.id, c.prefecture.id, c.id]));
    expect(of("regions")).toHaveLength(places.size + towns.length);
    expect(of("revisions")).toHaveLength(towns.length);
    const lists = towns.map((t) => t.revision.lists);
    expect(of("duties")).toHaveLength(lists.reduce((n, l) => n + l.basic.length + l.coordinated.length + l.reclaimed.length, 0));
    expect(of("duty_departments")).toHaveLength(
      lists.reduce((n, l) => n + l.coordinated.reduce((m, d) => m + d.departments.length, 0) + l.reclaimed.reduce((m, d) => m + d.receivers.length, 0), 0),
    );
    expect(of("steps")).toHaveLength(
      lists.reduce((n, l) => n + l.coordinated.reduce((m, d) => m + d.departmentDuties.length + d.townDuties.length, 0) + l.reclaimed.reduce((m, d) => m + d.method.length, 0), 0),
    );
    // A department is one row per county, however many of the county's towns name it.
    const perCounty = [...counties].map((c) => new Set(towns.filter((t) => t.county === c).flatMap((t) => t.revision.departments.map((d) => d.name))).size);
    expect(of("departments")).toHaveLength(perCounty.reduce((a, b) => a + b, 0));
  });

  it("numbers every table densely and writes a row only after the rows it refers to", () => {
    for (const table of ["regions", "departments", "revisions", "duties"] as const) {
      expect(of(table).map((r) => r.id)).toEqual(of(table).map((_, i) => i + 1));
    }
    const seen = { regions: new Set<number>(), departments: new Map<number, DepartmentRow>(), revisions: new Set<number>(), duties: new Map<number, DutyRow>() };
    const regionOf = new Map<number, RegionRow>();
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    for (const { table, row } of rows) {
      if (table === "regions") {
        check(row.parentId === null || seen.regions.has(row.parentId), `region ${row.id} before its parent`);
        seen.regions.add(row.id);
        regionOf.set(row.id, row);
      } else if (table === "departments") {
        check(regionOf.get(row.countyId)?.level === "county", `department ${row.id} before its county`);
        seen.departments.set(row.id, row);
      } else if (table === "revisions") {
        check(regionOf.get(row.townId)?.level === "town", `revision ${row.id} before its town`);
        seen.revisions.add(row.id);
      } else if (table === "duties") {
        check(seen.revisions.has(row.revisionId), `duty ${row.id} before its revision`);
        seen.duties.set(row.id, row);
      } else {
        const duty = seen.duties.get(row.dutyId);
        check(duty !== undefined && row.townId === duty.townId, `${table} row before duty ${row.dutyId} or in another town`);
        // A duty only names departments of its own county.
        const department = row.departmentId === null ? null : seen.departments.get(row.departmentId);
        check(department === null || department?.countyId === regionOf.get(duty?.townId ?? 0)?.parentId, `${table} of duty ${row.dutyId} names another county's department`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("carries everything the revision holds: each town's lists rebuild from its rows", () => {
    const departmentName = new Map(of("departments").map((d) => [d.id, d.name]));
    const stepsOf = new Map<number, StepRow[]>();
    for (const step of of("steps")) stepsOf.set(step.dutyId, [...(stepsOf.get(step.dutyId) ?? []), step]);
    const refsOf = new Map<number, { role: string; position: number; name: string; note: string | null }[]>();
    for (const ref of of("duty_departments")) {
      refsOf.set(ref.dutyId, [...(refsOf.get(ref.dutyId) ?? []), { role: ref.role, position: ref.position, name: departmentName.get(ref.departmentId)!, note: ref.note }]);
    }
    const toStep = (s: StepRow): Step => ({ order: s.position, text: s.text, department: s.departmentId === null ? null : departmentName.get(s.departmentId)!, heading: s.heading });

    for (const [i, revision] of of("revisions").entries()) {
      const town = towns[i]!;
      expect(revision).toMatchObject({ townId: town.node.id, publishedOn: town.publishedOn, sourceFile: townFileName(town) });
      expect(revision.titles).toEqual({ basic: town.revision.titles.basic!.text, coordinated: town.revision.titles.coordinated!.text, reclaimed: town.revision.titles.reclaimed!.text });
      const rebuilt: Lists = { basic: [], coordinated: [], reclaimed: [] };
      for (const duty of of("duties").filter((d) => d.revisionId === revision.id)) {
        const base = { seq: duty.seq, category: duty.category, name: duty.name, line: duty.line };
        // Positions, not stream order, put steps and departments back in the cell's order.
        const steps = [...(stepsOf.get(duty.id) ?? [])].sort((a, b) => a.position - b.position);
        const sorted = [...(refsOf.get(duty.id) ?? [])].sort((a, b) => a.position - b.position);
        expect(sorted.map((r) => r.position)).toEqual(sorted.map((_, i) => i + 1));
        const refs = sorted.map(({ name, note }) => ({ name, note }));
        if (duty.list === "basic") rebuilt.basic.push({ list: "basic", ...base });
        else if (duty.list === "coordinated") {
          expect(refsOf.get(duty.id)!.every((r) => r.role === "lead")).toBe(true);
          rebuilt.coordinated.push({
            list: "coordinated",
            ...base,
            departments: refs,
            departmentDuties: steps.filter((s) => s.side === "department").map(toStep),
            townDuties: steps.filter((s) => s.side === "town").map(toStep),
          });
        } else {
          expect(refsOf.get(duty.id)!.every((r) => r.role === "receiver")).toBe(true);
          rebuilt.reclaimed.push({ list: "reclaimed", ...base, receivers: refs, method: steps.map(toStep) });
        }
      }
      expect(rebuilt).toEqual(town.revision.lists);
    }
  });

  it("writes each county department as the domain describes it, and flags a town's own items", () => {
    const departments = new Map(of("departments").map((d) => [`${d.countyId}|${d.name}`, d]));
    for (const town of towns) {
      for (const d of town.revision.departments) expect(departments.get(`${town.county.id}|${d.name}`)).toMatchObject(d);
    }
    const flagged = of("duties").filter((d) => d.personalised).length;
    expect(flagged).toBe(towns.reduce((n, t) => n + t.personalised.size, 0));
    expect(flagged).toBeGreaterThanOrEqual(towns.length);
    expect(of("duties").filter((d) => d.personalised).every((d) => d.list !== "reclaimed")).toBe(true);
  });

  it("is lazy: the first rows come before later towns are generated", () => {
    let generated = 0;
    const counting = (function* () {
      for (const town of generateTowns(9, 60)) {
        generated++;
        yield town;
      }
    })();
    const stream = streamRows(counting);
    for (let i = 0; i < 10; i++) stream.next();
    expect(generated).toBe(1);
  });
});
