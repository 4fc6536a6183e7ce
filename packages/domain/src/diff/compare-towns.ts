import { LIST_KINDS, type Revision } from "../types.ts";
import { refOf } from "./diff.ts";
import { matchDuties, prepareItems, type MatchItem } from "./match.ts";
import type { DutyGroup, DutyRef, Presence, TownComparison, TownSummary } from "./types.ts";

/**
 * Which duties the towns of a county share, and which are one town's own (个性化事项).
 * Each town in turn is matched, with diffRevisions' matching, against one representative per duty
 * seen so far (the first town's wording), so a group never holds two duties of one town and the cost
 * grows with the number of towns, not with its square.
 */
export function compareTowns(revisions: readonly Revision[]): TownComparison {
  const n = revisions.length;
  const groups: { representative: MatchItem; members: (DutyRef | null)[] }[] = [];
  revisions.forEach((revision, town) => {
    const items = prepareItems(revision);
    const matches = matchDuties(
      groups.map((g) => g.representative),
      items,
    );
    const matched = new Set<number>();
    for (const m of matches) {
      groups[m.before]!.members[town] = refOf(items[m.after]!.duty);
      matched.add(m.after);
    }
    items.forEach((item, j) => {
      if (matched.has(j)) return;
      const members: (DutyRef | null)[] = new Array<DutyRef | null>(n).fill(null);
      members[town] = refOf(item.duty);
      groups.push({ representative: item, members });
    });
  });

  const out: DutyGroup[] = groups.map(({ representative, members }) => {
    const towns = members.filter(Boolean).length;
    const presence: Presence = towns === n ? "all" : towns === 1 ? "specific" : "some";
    return { name: representative.duty.name, presence, members, towns };
  });
  const tally = (presence: Presence) => out.filter((g) => g.presence === presence).length;
  const towns: TownSummary[] = revisions.map((revision, t) => {
    const own = out.filter((g) => g.members[t]);
    const of = (presence: Presence) => own.filter((g) => g.presence === presence).length;
    return { town: revision.region, duties: own.length, all: of("all"), some: of("some"), specific: of("specific") };
  });
  return {
    towns: revisions.map((r) => r.region),
    groups: out,
    summary: { all: tally("all"), some: tally("some"), specific: tally("specific"), towns },
  };
}

/** A duty only one town of a comparison has: that town (its index in the comparison) and the duty as listed there. */
export interface TownSpecificDuty {
  town: number;
  list: DutyRef["list"];
  seq: number;
  category: string;
  name: string;
}

/** The duties only one town has (个性化事项), town by town in the comparison's order, each in list order (basic, coordinated, reclaimed; by 序号). */
export function townSpecificDuties(comparison: TownComparison): TownSpecificDuty[] {
  const rank = (list: DutyRef["list"]) => LIST_KINDS.indexOf(list);
  return comparison.groups
    .filter((g) => g.presence === "specific")
    .map((g) => {
      const town = g.members.findIndex((m) => m !== null);
      const { list, seq, category, name } = g.members[town]!;
      return { town, list, seq, category, name };
    })
    .sort((a, b) => a.town - b.town || rank(a.list) - rank(b.list) || a.seq - b.seq);
}
