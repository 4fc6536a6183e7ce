/** A run of characters that both texts share (changed: false) or that only this side has. */
export interface DiffSegment {
  text: string;
  changed: boolean;
}

export interface CharDiff {
  before: DiffSegment[];
  after: DiffSegment[];
}

/**
 * Cells of the LCS table beyond which the differing middle is marked changed whole. Duty names
 * run to ~150 characters (22,500 cells); a million cells is ~4 MB and a few milliseconds.
 */
export const MAX_LCS_CELLS = 1_000_000;

/**
 * Which characters of two texts an edit touched: a longest common subsequence of code points
 * (so 𠀀 and other astral characters stay whole), after the shared start and end are set aside.
 * Each side's segments joined give back that side's text.
 */
export function charDiff(before: string, after: string): CharDiff {
  const a = Array.from(before);
  const b = Array.from(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const keptA = new Array<boolean>(a.length).fill(true);
  const keptB = new Array<boolean>(b.length).fill(true);
  const n = endA - start;
  const m = endB - start;
  for (let i = start; i < endA; i++) keptA[i] = false;
  for (let j = start; j < endB; j++) keptB[j] = false;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= MAX_LCS_CELLS) {
    // lcs[i][j]: length of the LCS of the middles' suffixes from i and j, so the walk below runs forwards.
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          a[start + i] === b[start + j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) {
        keptA[start + i++] = true;
        keptB[start + j++] = true;
      } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) i++;
      else j++;
    }
  }
  return { before: segments(a, keptA), after: segments(b, keptB) };
}

function segments(chars: readonly string[], kept: readonly boolean[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  chars.forEach((ch, i) => {
    const changed = !kept[i];
    const last = out.at(-1);
    if (last && last.changed === changed) last.text += ch;
    else out.push({ text: ch, changed });
  });
  return out;
}
