import type { Department, Region } from "../types.ts";
import { levelOf, normaliseDepartment } from "./normalise.ts";

/** A department named inside free duty text. */
export interface Mention {
  /** The characters as written, e.g. 县民政局. */
  raw: string;
  index: number;
  /** The document's department it stands for, or null when it matches none (县管理局). */
  department: Department | null;
}

type Form = { form: string; department: Department };

// A document's department list is searched once per cell; sorting its forms once per list keeps a
// long document linear instead of re-sorting for every one of its thousands of cells.
const formCache = new WeakMap<readonly Department[], Form[]>();

function formsOf(departments: readonly Department[]): Form[] {
  let forms = formCache.get(departments);
  if (!forms) {
    forms = departments.flatMap((d) => [
      { form: d.name, department: d },
      { form: d.abbreviation, department: d },
    ]);
    forms.sort((a, b) => b.form.length - a.form.length);
    formCache.set(departments, forms);
  }
  return forms;
}

const candidates = new Map<string, RegExp>();

/** What a county department looks like in duty text (县…局/部/委员会), one pattern per level marker. */
function candidateOf(marker: string): RegExp {
  let re = candidates.get(marker);
  if (!re) {
    re = new RegExp(`${marker}委?[\\u4e00-\\u9fff]{1,12}?(?:委员会|局|部(?!门))`, "gu");
    candidates.set(marker, re);
  }
  return re;
}

/**
 * Finds the departments a duty text names. Known names (full or short form) are matched
 * first, longest first; whatever else looks like a county department (县…局/部/委员会) and
 * resolves to nothing is returned with `department: null` so it can be reported, never guessed.
 */
export function findMentions(text: string, departments: readonly Department[], region: Region): Mention[] {
  const forms = formsOf(departments);

  const taken: boolean[] = new Array(text.length).fill(false);
  const found: Mention[] = [];
  for (const { form, department } of forms) {
    let from = 0;
    for (let at = text.indexOf(form, from); at >= 0; at = text.indexOf(form, from)) {
      from = at + form.length;
      if (taken.slice(at, from).some(Boolean)) continue;
      taken.fill(true, at, from);
      found.push({ raw: form, index: at, department });
    }
  }

  // Only the county's own marker: 州… in text is a prefecture body (or the 州 of 兰州湾镇), not a
  // county department this document should define.
  const marker = levelOf(region.county);
  if (marker) {
    const candidate = candidateOf(marker);
    for (const m of text.matchAll(candidate)) {
      const at = m.index;
      if (taken.slice(at, at + m[0].length).some(Boolean)) continue;
      // 县级部门, 县相关部门, 县委管理干部: generic words, not names.
      if (/^.(级|相关|有关|各)|干部$/u.test(m[0])) continue;
      const read = normaliseDepartment(m[0], region);
      const department = departments.find((d) => d.kind === read.kind && d.shortName === read.shortName) ?? null;
      found.push({ raw: m[0], index: at, department });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
