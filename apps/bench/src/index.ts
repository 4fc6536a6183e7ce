export { generateTowns, type SyntheticTown } from "./generate.ts";
export { renderDocument, townFileName } from "./render.ts";
export {
  streamRows,
  type BenchRow,
  type BenchTable,
  type DepartmentRow,
  type DutyDepartmentRole,
  type DutyDepartmentRow,
  type DutyRow,
  type RegionRow,
  type RevisionRow,
  type StepRow,
  type StepSide,
} from "./rows.ts";
export { buildAtlas, type Atlas, type CountyNode, type RegionLevel, type RegionNode } from "./places.ts";
export { NATIONAL_AVERAGE } from "./county-template.ts";
