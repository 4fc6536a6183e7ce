import type { ListKind } from "../types.ts";
import data from "./national.json" with { type: "json" };

/** A published national figure set: what every town's lists add up to across China, with where it was reported. */
export interface NationalReference {
  /** Townships and subdistricts the figures cover (about). */
  towns: number;
  /** The day the figures describe, YYYY-MM-DD. */
  asOf: string;
  /** The same in words, as a report prints it (截至 2025 年 6 月底). */
  asOfLabel: string;
  /** Average items per town, per list and in all. */
  perTown: Record<ListKind | "total", number>;
  /** (coordinated + reclaimed) / total, a fraction (0.656). */
  delegatedShare: number;
  source: { name: string; url: string };
}

/**
 * The national averages (117 basic, 99 coordinated, 124 reclaimed, 65.6% delegated; Xinhua, end of
 * June 2025) as data, so the figure, its source and its date travel together to every chart,
 * export and report that compares with them.
 */
export const NATIONAL_REFERENCE: NationalReference = data;

/** 「新华社报道（转载），截至 2025 年 6 月底」: how a caption or footnote names the reference. */
export function nationalSourceText(reference: NationalReference = NATIONAL_REFERENCE): string {
  return `${reference.source.name}，${reference.asOfLabel}`;
}
