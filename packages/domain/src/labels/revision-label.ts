/** What a reader knows a revision by: its town, label and date; the file is where it came from. */
export interface RevisionNaming {
  town: string;
  label: string;
  /** YYYY-MM-DD */
  effectiveDate: string;
  sourceFile: string;
}

// Labels default to the imported file's name (xinjiang-changji-manas-lanzhouwan.txt), which says
// nothing to a leader reading a chart or a printed report.
const FILE_NAME = /\.(?:txt|text|docx?|xlsx?|xls|pdf|html?|md|markdown|csv|tsv)$/iu;

/** 2025-06-30 → 2025年6月30日; anything else unchanged. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/**
 * A revision as charts, exports and reports name it: 「兰州湾镇 2025年6月30日版」 when its label is
 * only a file name, else the town and its label (「兰州湾镇 送审稿」), the town said once.
 */
export function readableRevisionLabel(revision: RevisionNaming): string {
  const label = revision.label.trim();
  if (!label || label === revision.sourceFile || FILE_NAME.test(label)) return `${revision.town} ${chineseDate(revision.effectiveDate)}版`;
  return label.includes(revision.town) ? label : `${revision.town} ${label}`;
}
