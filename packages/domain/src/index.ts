export * from "./types.ts";
export { ParseError, type ParseErrorCode } from "./read/parse-error.ts";
export { parseDocument, readDocument, type ParseOptions, type ParseResult } from "./parse/parse.ts";
export { FORMAT_LABELS, type Block, type Cell, type DocumentFormat, type Location, type RowBlock, type TextBlock } from "./read/blocks.ts";
export { readBlocks, readBlocksSync } from "./read/read.ts";
export { recognise, MAX_DUTIES, type RecogniseOptions } from "./recognise/recognise.ts";
export { readTitle } from "./recognise/titles.ts";
export { revisionLabel, statedDate, type StatedDate } from "./recognise/stated-date.ts";
export { parsePlace, parseRegionSpec, placeForms, provinceOf } from "./places/places.ts";
export { cellToText, hasMarkup, splitSteps } from "./recognise/cell-text.ts";
export { decodeDocument, MAX_DOCUMENT_BYTES } from "./read/decode.ts";
export { normaliseDepartment, readDepartment, splitDepartmentNote, levelOf } from "./departments/normalise.ts";
export { splitDepartmentCell } from "./departments/split.ts";
export { findMentions, type Mention } from "./departments/mentions.ts";
export { lintRevision, NEAR_DUPLICATE, UNBALANCED_RATIO, type Finding, type FindingCode, type Severity } from "./lint/lint.ts";
export { nameKey, similarity, bigrams, diceOf } from "./text/similarity.ts";
export { diffRevisions } from "./diff/diff.ts";
export { compareTowns, type TownSpecificDuty, townSpecificDuties } from "./diff/compare-towns.ts";
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
export { NATIONAL_REFERENCE, nationalSourceText, type NationalReference } from "./reference/national.ts";
export { DEFINITIONS, type DefinitionKey } from "./reference/definitions.ts";
export { changeNotes, DUTY_COLUMN_LABELS } from "./diff/notes.ts";
export { chineseDate, readableRevisionLabel, type RevisionNaming } from "./labels/revision-label.ts";
