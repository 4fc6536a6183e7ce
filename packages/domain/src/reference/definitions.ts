import { NATIONAL_REFERENCE, nationalSourceText } from "./national.ts";

const N = NATIONAL_REFERENCE;
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * What each figure counts, said once: the ⓘ beside a tile or chart, the note under a report's
 * figure or table, the 说明 sheet of an export. Keyed by the chart or tile id the dashboard uses.
 */
export const DEFINITIONS = {
  basic: "基本履职事项：乡镇「必须为、负全责」的事项，按清单行数计。",
  coordinated: "配合履职事项：县级部门牵头、乡镇配合的事项，按清单行数计（一行由几个部门牵头也只计一项）。",
  reclaimed: "上级部门收回事项：乡镇无力承担、交还县级部门的事项，按清单行数计。",
  total: "三张清单的事项数之和。范围含多个乡镇时，为各乡镇最新版本之和。",
  delegatedShare: "配合＋收回占比 ＝（配合履职事项 ＋ 上级部门收回事项）÷ 事项合计。占比越高，乡镇独自承担的事项越少。",
  national: `全国参考：约 ${N.towns.toLocaleString("en-US")} 个乡镇（街道）平均每个 ${N.perTown.total} 项，其中基本 ${N.perTown.basic} 项、配合 ${N.perTown.coordinated} 项、收回 ${N.perTown.reclaimed} 项，配合＋收回占 ${pct(N.delegatedShare)}（${nationalSourceText()}）。`,
  "list-counts": "三张清单各有多少事项（项）。范围含多个乡镇时为各乡镇之和；全国平均为每个乡镇的平均数，只与单个乡镇直接可比。",
  share:
    "配合履职事项与上级部门收回事项占全部事项的百分比，虚线为全国平均。范围含多个乡镇（不超过 30 个）时每个乡镇一根柱，最后一根为合计；超过 30 个时只画合计，各乡镇见占比分布。",
  "share-histogram": "按配合＋收回占比把范围内的乡镇分入 20 个区间（每 5 个百分点一档），每根柱为落在该区间的乡镇数（个）。",
  "category-list": "每个事项类别在三张清单中的事项数（项），类别按清单原文的顺序排列。",
  "reclaimed-retained": "每个类别中乡镇保留的事项（基本＋配合）与上级部门收回的事项（项）。",
  "top-departments": "县级部门的履职负担 ＝ 它牵头的配合履职事项 ＋ 它承接的收回事项（项）。一个事项由几个部门牵头，就为每个部门各计一次。",
  "department-load": "县级部门的履职负担 ＝ 它牵头的配合履职事项 ＋ 它承接的收回事项（项）。一个事项由几个部门牵头，就为每个部门各计一次。",
  "step-balance": "部门牵头的配合事项中，清单写给部门的职责步骤与写给乡镇的配合步骤各有几步。乡镇步骤明显多于部门步骤，说明分工可能失衡。",
  heatmap: "每格为该部门在该类别牵头的配合事项与承接的收回事项之和（项），颜色越深事项越多。",
  "category-delta": "两个版本（或两个乡镇）各类别的事项数（三张清单合计，项）及增减。",
  "department-categories": "该部门在各类别牵头的配合事项与承接的收回事项（项）。",
} as const;

export type DefinitionKey = keyof typeof DEFINITIONS;
