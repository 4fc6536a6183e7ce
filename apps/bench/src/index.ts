export { generateTowns, type SyntheticTown } from "./generate.ts";
export { renderDocument, townFileName } from "./render.ts";
export { buildAtlas, type Atlas, type CountyNode, type RegionLevel, type RegionNode } from "./places.ts";
export { NATIONAL_AVERAGE } from "./county-template.ts";
export { documentOf } from "./load.ts";
