/*
 * 序号 as towns write it: 1 / 1. / 1、/ （1） / １ (full-width) / 01 / （一） / 一、 / 1-3 (the third of
 * the first category). Arabic and Chinese numerals are told apart because a table that numbers its
 * items 1, 2, 3 and heads its categories 一、二、 uses the Chinese ones for section rows.
 */

export type SeqStyle = "arabic" | "chinese" | "compound";

export interface Seq {
  value: number;
  style: SeqStyle;
}

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105; null for anything else. */
export function chineseNumber(text: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百]{1,6}$/u.test(text)) return null;
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch === "百") {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === "十") {
      total += (digit || 1) * 10;
      digit = 0;
    } else {
      digit = CHINESE_DIGITS[ch]!;
    }
  }
  return total + digit;
}

/** Full-width digits to ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** Reads a 序号 cell; null when it is not a number in any of the usual forms. */
export function readSeq(cell: string): Seq | null {
  const text = asciiDigits(cell.replace(/[\s\u3000]+/gu, ""))
    .replace(/^[（(【[]/u, "")
    .replace(/[)）】\]]?[、.．,，:：]?$/u, "");
  if (/^\d{1,6}$/u.test(text)) return { value: Number(text), style: "arabic" };
  const compound = /^\d{1,4}[-—－.．_]\d{1,4}$/u.exec(text);
  if (compound) return { value: Number(text.split(/[-—－.．_]/u)[1]), style: "compound" };
  const chinese = chineseNumber(text);
  if (chinese !== null && chinese > 0) return { value: chinese, style: "chinese" };
  return null;
}

/** A Chinese-numbered heading in front of a text: 「一、党的建设」 → 党的建设, 「（二）经济发展」 → 经济发展. */
export function stripHeadingNumber(text: string): { number: number | null; rest: string } {
  const m =
    /^\s*(?:[（(]\s*([零〇一二两三四五六七八九十百]{1,6})\s*[)）]|([零〇一二两三四五六七八九十百]{1,6})\s*[、.．]|第([零〇一二两三四五六七八九十百]{1,6})[类部分]\s*[、.．:：]?)\s*/u.exec(
      text,
    );
  if (!m) return { number: null, rest: text.trim() };
  return { number: chineseNumber(m[1] ?? m[2] ?? m[3]!), rest: text.slice(m[0].length).trim() };
}
