/** Chart titles, one per chart id: the card on the page, the caption in a report and the sheet of an export say the same. */
export const CHART_TITLES = {
  "list-counts": "三张清单事项数",
  share: "配合＋收回事项占比与全国平均",
  "share-histogram": "各乡镇配合＋收回占比分布",
  "category-list": "各类别事项数（按清单）",
  "reclaimed-retained": "各类别收回与保留事项",
  "top-departments": "县级部门履职负担排名",
  "department-load": "各部门履职负担",
  "step-balance": "配合事项的职责分工（步骤数）",
  heatmap: "部门 × 事项类别（配合＋收回事项数）",
  "category-delta": "各类别事项数：对比前后",
  "department-categories": "本部门各类别事项数",
} as const;
