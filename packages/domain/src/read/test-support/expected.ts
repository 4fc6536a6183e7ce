import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { Block, Cell } from "../blocks.ts";
import { ParseError, type ParseErrorCode } from "../parse-error.ts";

/*
 * What the readers' tests expect, shared by them: the seed they read back, blocks of the text
 * formats located by line, and the ParseError a reader throws. For the reader tests only: not
 * exported from the package (src/index.ts, package.json) and not imported by the readers.
 */

/** The seed list: a real town's lists in the text layout (titles, then tab-separated rows). */
const SEED_URL = new URL("../../../../../data/lists/xinjiang-changji-manas-lanzhouwan.txt", import.meta.url);
export const seedText = readFileSync(SEED_URL, "utf8");

/** A place in a text format: the line, printed as its number. */
export const loc = (line: number) => ({ line, at: String(line) });

/**
 * A text block at `line`. `loose` says the format could not tell it from a row broken in two (a
 * line of a CSV, a Markdown paragraph); a heading or an HTML paragraph is not loose.
 */
export function textAt(line: number, text: string, loose: boolean): Block {
  return loose ? { kind: "text", text, loc: loc(line), loose: true } : { kind: "text", text, loc: loc(line) };
}

/** A row of table `table` at `line`; a string is a plain cell, a Cell is taken as given (fromAbove). */
export const row = (line: number, table: number, ...cells: (string | Cell)[]): Block => ({
  kind: "row",
  cells: cells.map((c) => (typeof c === "string" ? { text: c } : c)),
  loc: loc(line),
  table,
});

/** 1-based line of the first line of `lines` containing `marker`. */
export function lineOf(lines: string[], marker: string): number {
  const i = lines.findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`no ${marker}`);
  return i + 1;
}

/** The ParseError `run` throws; fails the test when it throws anything else or nothing. */
export function parseError(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error("expected a ParseError");
}

/**
 * A check for a binary reader's refusals: the ParseError `read` throws must have `code`, and
 * described for a file named `fileName` it must be one line that starts with the name and a place.
 */
export function refusalOf(fileName: string): (read: () => unknown, code: ParseErrorCode) => ParseError {
  const named = new RegExp(`^${fileName.replaceAll(".", "\\.")}:\\S`, "u");
  return (read, code) => {
    let error: unknown;
    try {
      read();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    const parseError = error as ParseError;
    expect(parseError.code, parseError.message).toBe(code);
    const described = parseError.describe(fileName);
    expect(described).toMatch(named);
    expect(described).not.toContain("\n");
    return parseError;
  };
}
