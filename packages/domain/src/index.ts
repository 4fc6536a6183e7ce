export * from "./types.ts";
export { ParseError, type ParseErrorCode } from "./read/parse-error.ts";
export { parseDocument, regionFromTitle, titleKind, type ParseOptions, type ParseResult } from "./parse/parse.ts";
export { cellToText, hasMarkup, splitSteps } from "./parse/cell-text.ts";
export { decodeDocument, MAX_DOCUMENT_BYTES } from "./read/decode.ts";
export { normaliseDepartment, splitDepartmentNote, levelOf } from "./departments/normalise.ts";
export { findMentions, type Mention } from "./departments/mentions.ts";
export { lintRevision, NEAR_DUPLICATE, UNBALANCED_RATIO, type Finding, type FindingCode, type Severity } from "./lint/lint.ts";
export { nameKey, similarity, bigrams, diceOf } from "./text/similarity.ts";
export { diffRevisions } from "./diff/diff.ts";
export { compareTowns } from "./diff/compare-towns.ts";
export { MATCH_ANYWHERE, MATCH_IN_PLACE, type MatchMethod } from "./diff/match.ts";
export {
  CHANGE_KINDS,
  CHANGE_KIND_LABELS,
  type CategoryCount,
  type ChangeKind,
  type CountDelta,
  type DepartmentLoad,
  type DiffSummary,
  type DutyChange,
  type DutyColumn,
  type DutyGroup,
  type DutyRef,
  type LoadCounts,
  type Presence,
  type RevisionDiff,
  type TownComparison,
  type TownSummary,
} from "./diff/types.ts";
export { parseScope, scopeText, type Scope, type ScopeText } from "./scope.ts";
