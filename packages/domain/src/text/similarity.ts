/**
 * Duty names are short Chinese phrases, so word tokenisers do not help: compare them as
 * character bigrams after folding what varies between drafts without changing meaning
 * (punctuation, quotes, brackets, spaces, and the particles 的/和/及/与).
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\s\p{P}\p{S}]/gu, "")
    .replace(/[的和及与]/gu, "");
}

export function bigrams(key: string): Set<string> {
  const chars = [...key];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Dice coefficient of two keys' bigram sets: 1 for equal keys, 0 for nothing shared. */
export function similarity(a: string, b: string): number {
  return diceOf(bigrams(a), bigrams(b));
}

export function diceOf(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}
