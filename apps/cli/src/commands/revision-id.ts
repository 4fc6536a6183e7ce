import type { Io } from "../io.ts";

/** A revision number as typed (`atlas publish 12`): a positive whole number, else the reason printed and null. */
export function revisionIdOf(io: Io, text: string): number | null {
  if (/^[1-9]\d{0,15}$/u.test(text)) return Number(text);
  io.err(`「${text}」不是有效的修订编号`);
  return null;
}
