export * from "./types.ts";
export { ParseError, type ParseErrorCode } from "./parse/parse-error.ts";
export { parseDocument, regionFromTitle, titleKind, type ParseOptions, type ParseResult } from "./parse/parse.ts";
export { cellToText, hasMarkup, splitSteps } from "./parse/cell-text.ts";
export { decodeDocument, MAX_DOCUMENT_BYTES } from "./parse/decode.ts";
export { normaliseDepartment, splitDepartmentNote, levelOf } from "./departments/normalise.ts";
export { findMentions, type Mention } from "./departments/mentions.ts";
export { lintRevision, NEAR_DUPLICATE, UNBALANCED_RATIO, type Finding, type FindingCode, type Severity } from "./lint/lint.ts";
export { nameKey, similarity, bigrams, diceOf } from "./text/similarity.ts";
