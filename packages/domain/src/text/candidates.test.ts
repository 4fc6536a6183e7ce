import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseText } from "../diff/fixtures/documents.ts";
import { nearTwins } from "../diff/fixtures/near-twins.ts";
import { allDuties } from "../types.ts";
import { BigramIndex, CANDIDATES_PER_NAME, WALK_BUDGET } from "./candidates.ts";
import { bigrams, diceOf, nameKey } from "./similarity.ts";

const SEED = new URL("../../../../data/lists/xinjiang-changji-manas-lanzhouwan.txt", import.meta.url);

function gramsOf(text: string | Uint8Array): Set<string>[] {
  return allDuties(parseText(text)).map((d) => bigrams(nameKey(d.name)));
}

/** Every pair by brute force: what the index must find while it stays within its budget. */
function allAbove(grams: readonly Set<string>[], probe: Set<string>, min: number): number[] {
  return grams.flatMap((g, j) => (diceOf(probe, g) >= min ? [j] : []));
}

describe("BigramIndex", () => {
  it("finds exactly the names a brute-force comparison finds in a real list (the seed's 246 against themselves)", () => {
    const grams = gramsOf(readFileSync(SEED));
    const index = new BigramIndex(grams);
    let pairs = 0;
    for (const probe of grams) {
      const found = index
        .similar(probe, 0.3)
        .map((c) => c.index)
        .sort((a, b) => a - b);
      expect(found).toEqual(allAbove(grams, probe, 0.3));
      pairs += found.length;
    }
    // More than the 246 self-pairs: the threshold is low enough to exercise the count.
    expect(pairs).toBeGreaterThan(246);
  });

  it("leaves names out of the index when asked, and gives the Dice with each name it finds", () => {
    const grams = [bigrams("农村供水保障"), bigrams("农村饮水保障"), bigrams("农村供水保障")];
    const found = new BigramIndex([grams[0]!, grams[1]!, null]).similar(grams[2]!, 0.5);
    expect(found.sort((a, b) => a.index - b.index)).toEqual([
      { index: 0, dice: 1 },
      { index: 1, dice: 0.6 },
    ]);
  });

  it(`walks at most ${WALK_BUDGET} postings for names that all share one frame, and still finds each name's twin`, {
    timeout: 120_000,
  }, () => {
    const before = gramsOf(nearTwins(3000).before);
    const after = gramsOf(nearTwins(3000).after);
    const index = new BigramIndex(after);
    before.forEach((probe, i) => {
      const found = index.similar(probe, 0.6);
      // Every name is a candidate of every other here; the common bigrams cap what is scored.
      expect(found.length).toBeLessThanOrEqual(CANDIDATES_PER_NAME);
      for (const c of found) expect(c.dice).toBe(diceOf(probe, after[c.index]!));
      // Its twin (…监督检查考核) shares every bigram of it, so it is always among the best.
      expect(found.map((c) => c.index)).toContain(i);
    });
  });
});
