import type { ListKind, Step } from "@duty/domain";
import type { SyntheticTown } from "./generate.ts";
import { outline } from "./outline.ts";
import { Rng } from "./random.ts";

/*
 * The official text format as the seed has it: one line per row, cells parted by tabs, the
 * header row repeated at every page, coordinated cells in <p>…</p> or inline numbering,
 * receivers as 「部门： 方式」, no newline at the end. Everything drawn here from the town's
 * render seed is presentation the parser reads back the same way.
 */
const CELL_STYLES = [
  ["p", 50],
  ["inline", 38],
  ["ol", 12],
] as const;

/** The town's document, byte for byte what a county would publish (as UTF-8 text). */
export function renderDocument(town: SyntheticTown): string {
  const rng = new Rng(town.renderSeed);
  const { revision } = town;
  const name = revision.region.town;
  const townColumn = name.endsWith("街道")
    ? rng.weighted(
        [
          [`${name}配合职责`, 60],
          ["街道配合职责", 25],
          ["镇街配合职责", 15],
        ] as const,
        (c) => c[1],
      )[0]
    : rng.weighted(
        [
          [`${name}配合职责`, 70],
          ["乡镇配合职责", 30],
        ] as const,
        (c) => c[1],
      )[0];
  const headers: Record<ListKind, string> = {
    basic: "序号\t事项类别\t事项名称",
    coordinated: `序号\t事项类别\t事项名称\t对应上级部门\t上级部门职责\t${townColumn}`,
    reclaimed: "序号\t事项类别\t事项名称\t承接部门及工作方式",
  };
  // Editors leave stray spaces around some cells (eight in the seed); the parser trims them.
  const pad = (text: string) => (rng.chance(0.03) ? (rng.chance(0.5) ? ` ${text}` : `${text} `) : text);

  const row = (list: ListKind, index: number): string => {
    if (list === "basic") {
      const duty = revision.lists.basic[index]!;
      return [duty.seq, duty.category, pad(duty.name)].join("\t");
    }
    if (list === "coordinated") {
      const duty = revision.lists.coordinated[index]!;
      const separator = rng.chance(0.15) ? "、 " : "、";
      const departments = duty.departments.map((d) => `${d.name}${d.note ?? ""}`).join(separator);
      return [
        duty.seq,
        duty.category,
        pad(duty.name),
        pad(departments),
        pad(stepsCell(rng, duty.departmentDuties)),
        pad(stepsCell(rng, duty.townDuties)),
      ].join("\t");
    }
    const duty = revision.lists.reclaimed[index]!;
    const receivers = duty.receivers.map((d) => d.name).join("、");
    return [duty.seq, duty.category, pad(duty.name), `${receivers}： ${numberedInline(duty.method, " ")}`].join("\t");
  };

  const lines: string[] = [];
  for (const entry of outline(town.pages)) {
    if (entry.kind === "blank") lines.push("");
    else if (entry.kind === "title") lines.push(revision.titles[entry.list]!.text);
    else if (entry.kind === "header") lines.push(headers[entry.list]);
    else lines.push(row(entry.list, entry.index));
  }
  return lines.join("\n");
}

/** `000123-某某省某某市某某县某某镇.txt`: sortable by generation order, readable by place. */
export function townFileName(town: SyntheticTown): string {
  const { county, node } = town;
  return `${String(town.number).padStart(6, "0")}-${county.province.name}${county.prefecture.name}${county.name}${node.name}.txt`;
}

function stepsCell(rng: Rng, steps: readonly Step[]): string {
  if (steps.length === 1) return rng.chance(0.15) ? `<p>${steps[0]!.text}</p>` : steps[0]!.text;
  const gap = rng.chance(0.5) ? " " : "";
  const style = rng.weighted(CELL_STYLES, (s) => s[1])[0];
  if (style === "p") return steps.map((s, i) => `<p>${i + 1}.${gap}${s.text}</p>`).join(" ");
  // The seed's <ol style="list-style-type: none"> is never closed and holds no <li>.
  const inline = numberedInline(steps, gap);
  return style === "ol" ? `<ol style="list-style-type: none"> ${inline}` : inline;
}

function numberedInline(steps: readonly Step[], gap: string): string {
  if (steps.length === 1) return steps[0]!.text;
  return steps.map((s, i) => `${i + 1}.${gap}${s.text}`).join(" ");
}
