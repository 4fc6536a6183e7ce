/**
 * A list text (the seed, or the seed moved to another town) with a 备注 column on its basic list:
 * `note(seq)` is the cell written on row `seq`, "" for an empty one. Every row gets the cell, as a
 * real document's table would (the reader refuses a row shorter than its header). The basic list
 * ends at the next list's title (the seed writes it 配合履事项清单).
 */
export function withBasicNotes(text: string, note: (seq: number) => string): string {
  const lines = text.split("\n");
  const end = lines.findIndex((line) => /配合履.*清单$/u.test(line));
  if (end < 0) throw new Error("withBasicNotes: no coordinated list title ends the basic list");
  for (let i = 0; i < end; i++) {
    const line = lines[i]!;
    if (line.startsWith("序号\t")) lines[i] = `${line}\t备注`;
    else if (/^\d+\t/u.test(line)) lines[i] = `${line}\t${note(Number(line.split("\t")[0]))}`;
  }
  return lines.join("\n");
}
