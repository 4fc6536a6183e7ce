import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument, type Revision } from "@duty/domain";

// A path, not new URL(…, import.meta.url): under happy-dom the global URL is the DOM's, which node:url refuses.
const REPO = join(dirname(fileURLToPath(import.meta.url)), "../../../../..");

/** The seed and its hand-edited second revision (packages/domain/src/diff/fixtures/README.md), for unit tests. */
export const SEED_TEXT = readFileSync(join(REPO, "data/lists/xinjiang-changji-manas-lanzhouwan.txt"), "utf8");
export const SYNTHETIC_TEXT = readFileSync(join(REPO, "packages/domain/src/diff/fixtures/lanzhouwan-synthetic-revision-2.txt"), "utf8");

export function parsed(text: string): Revision {
  const result = parseDocument(text);
  if (!result.ok) throw result.error;
  return result.revision;
}
