/**
 * Most posting-list entries one probe walks. Bigrams are walked rarest first; one that would take
 * the walk past this is "common" (负责, 工作, 本镇 in a list of thousands) and is only counted for
 * the best candidates the rarer bigrams found. Walking every posting list of every probe is what
 * made a comparison of near-identical names quadratic. No real list reaches it: a town publishes a
 * few hundred duties (the national average is 340), and a name of 20 bigrams each held by at most
 * 250 names walks 5,000 entries, so the candidates are exactly the names sharing a bigram.
 */
export const WALK_BUDGET = 5_000;

/**
 * How many candidates, ranked by the walked bigrams they share, get their full Dice computed when
 * common bigrams were left out. Bounds the work per probe in a hostile document whose names all
 * share one frame (负责第 N 项工作…), where every name is a candidate of every other.
 */
export const CANDIDATES_PER_NAME = 64;

export interface Candidate {
  /** Position of the indexed name in the array the index was built from. */
  index: number;
  /** Bigram Dice of the probe and this name. */
  dice: number;
}

/**
 * An inverted index from bigram to the names holding it: a name can only reach a Dice threshold
 * with names it shares a bigram with, so a probe visits those and nothing else, and the shared
 * count it accumulates is the Dice numerator.
 */
export class BigramIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly shared: Int32Array;

  /** `sets[j]` null leaves name j out of the index (already matched). */
  constructor(private readonly sets: readonly (ReadonlySet<string> | null)[]) {
    this.shared = new Int32Array(sets.length);
    sets.forEach((grams, j) => {
      if (!grams) return;
      for (const g of grams) {
        const list = this.postings.get(g);
        if (list) list.push(j);
        else this.postings.set(g, [j]);
      }
    });
  }

  /**
   * The indexed names whose Dice with `grams` is at least `min`, in no particular order. Exact
   * while the probe's posting lists fit WALK_BUDGET together; otherwise the candidates are the
   * CANDIDATES_PER_NAME names sharing the most walked bigrams, and a name whose rarest bigram alone
   * exceeds the budget finds nothing.
   */
  similar(grams: ReadonlySet<string>, min: number): Candidate[] {
    const present: number[][] = [];
    const names: string[] = [];
    for (const g of grams) {
      const list = this.postings.get(g);
      if (list) {
        present.push(list);
        names.push(g);
      }
    }
    const order = present.map((_, k) => k).sort((x, y) => present[x]!.length - present[y]!.length);
    const common: string[] = [];
    const touched: number[] = [];
    let walked = 0;
    for (const k of order) {
      const list = present[k]!;
      if (walked + list.length > WALK_BUDGET) {
        common.push(names[k]!);
        continue;
      }
      walked += list.length;
      for (const j of list) {
        if (this.shared[j] === 0) touched.push(j);
        this.shared[j]!++;
      }
    }
    const candidates = common.length > 0 && touched.length > CANDIDATES_PER_NAME ? this.mostShared(touched) : touched;
    const out: Candidate[] = [];
    for (const j of candidates) {
      const other = this.sets[j]!;
      let n = this.shared[j]!;
      for (const g of common) if (other.has(g)) n++;
      const dice = (2 * n) / (grams.size + other.size);
      if (dice >= min) out.push({ index: j, dice });
    }
    for (const j of touched) this.shared[j] = 0;
    return out;
  }

  /** The CANDIDATES_PER_NAME touched names with the highest shared counts (the first found on a tie), in linear time. */
  private mostShared(touched: readonly number[]): number[] {
    let top = 0;
    for (const j of touched) top = Math.max(top, this.shared[j]!);
    const perCount = new Int32Array(top + 1);
    for (const j of touched) perCount[this.shared[j]!]!++;
    // The lowest count still taken, and how many of that count fit.
    let cut = top;
    let above = 0;
    while (cut > 0 && above + perCount[cut]! < CANDIDATES_PER_NAME) above += perCount[cut--]!;
    let room = CANDIDATES_PER_NAME - above;
    const kept: number[] = [];
    for (const j of touched) {
      const n = this.shared[j]!;
      if (n > cut) kept.push(j);
      else if (n === cut && room > 0) {
        kept.push(j);
        room--;
      }
    }
    return kept;
  }
}
