import { LIST_KINDS, LIST_LABELS, type Revision } from "@duty/domain";

/** The counts a reader checks first: per list, then per category and list. */
export function summarise(revision: Revision): string[] {
  const { region, lists } = revision;
  const place = [region.province, region.prefecture, region.county, region.town].filter(Boolean).join(" / ");
  const total = LIST_KINDS.reduce((n, k) => n + lists[k].length, 0);
  const lines = [
    `${place}：共 ${total} 项（${LIST_KINDS.map((k) => `${LIST_LABELS[k]} ${lists[k].length}`).join("，")}）`,
    `事项类别 ${revision.categories.length} 个，上级部门 ${revision.departments.length} 个`,
    "",
    ["事项类别", ...LIST_KINDS.map((k) => LIST_LABELS[k])].join("\t"),
  ];
  for (const category of revision.categories) {
    lines.push([category, ...LIST_KINDS.map((k) => String(lists[k].filter((d) => d.category === category).length))].join("\t"));
  }
  return lines;
}
