import { findMentions } from "../departments/mentions.ts";
import { normaliseDepartment, splitDepartmentNote } from "../departments/normalise.ts";
import type {
  BasicDuty,
  CoordinatedDuty,
  Department,
  DepartmentRef,
  ListKind,
  Lists,
  ParseWarning,
  ReclaimedDuty,
  Region,
  Revision,
} from "../types.ts";
import { LIST_KINDS } from "../types.ts";
import { splitSteps } from "./cell-text.ts";
import { decodeDocument, MAX_DOCUMENT_BYTES } from "../read/decode.ts";
import { ParseError } from "../read/parse-error.ts";

export interface ParseOptions {
  /** Used when the titles name no town (some files carry the town only in their file name). */
  region?: Region;
}

export type ParseResult =
  | { ok: true; revision: Revision; warnings: ParseWarning[] }
  | { ok: false; error: ParseError };

/**
 * Reads a published duty-list document (bytes as downloaded) into a Revision.
 * Never throws: a document that is not a well-formed list comes back as a located ParseError,
 * and no partial revision is ever returned.
 */
export function parseDocument(input: Uint8Array | string, options: ParseOptions = {}): ParseResult {
  try {
    // A string is at least as long in UTF-8 bytes as in UTF-16 units, so this never refuses what
    // decodeDocument would accept as bytes, and huge text is refused before any line is read.
    if (typeof input === "string" && input.length > MAX_DOCUMENT_BYTES) {
      throw new ParseError("too-large", 1, null, null, "", `文件过大（${input.length} 个字符，上限 ${MAX_DOCUMENT_BYTES} 字节），不是一份履职事项清单`);
    }
    const text = typeof input === "string" ? input.replace(/^\uFEFF/u, "") : decodeDocument(input);
    return { ok: true, ...new DocumentReader(options).read(text) };
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, error: err };
    const detail = err instanceof RangeError ? "文件结构异常，无法读取" : `解析器内部错误：${String(err)}`;
    return { ok: false, error: new ParseError("not-a-duty-list", 1, null, null, "", detail) };
  }
}

type Column = "seq" | "category" | "name" | "departments" | "departmentDuties" | "townDuties" | "receivers" | "method";

// Header wording varies by place; the town-side column even carries the town's name (兰州湾镇配合职责).
const COLUMN_NAMES: [Column, RegExp][] = [
  ["seq", /^序号$/u],
  ["category", /^(事项)?类别$|^事项分类$/u],
  ["name", /^(事项名称|名称|事项内容|履职事项)$/u],
  ["departments", /^(对应上级部门|上级部门|牵头部门|对应部门|县级部门|主管部门|关联单位)$/u],
  ["departmentDuties", /^(上级部门职责|部门职责|县级部门职责|主管部门职责)$/u],
  ["townDuties", /配合职责$/u],
  ["receivers", /^(承接部门及工作方式|承接部门|收回部门)$/u],
  ["method", /^工作方式$/u],
];

const REQUIRED: Record<ListKind, Column[]> = {
  basic: ["seq", "name"],
  coordinated: ["seq", "name", "departments", "departmentDuties", "townDuties"],
  reclaimed: ["seq", "name", "receivers"],
};

const COLUMN_LABELS: Record<Column, string> = {
  seq: "序号",
  category: "事项类别",
  name: "事项名称",
  departments: "对应上级部门",
  departmentDuties: "上级部门职责",
  townDuties: "乡镇配合职责",
  receivers: "承接部门及工作方式",
  method: "工作方式",
};

/** Longest department part (name plus a tail like 及其他负有…的部门) taken as one; real ones stay under 40. */
const MAX_DEPARTMENT_CHARS = 100;
/** Distinct departments a document may name; a county has well under this many (the seed: 38 + 14). */
const MAX_DEPARTMENTS = 200;

interface Header {
  line: number;
  signature: string;
  width: number;
  at: Partial<Record<Column, number>>;
}

interface Row {
  line: number;
  seq: number;
  category: string;
  name: string;
  cells: string[];
}

/** Which list a title line announces; tolerant of the seed's 配合履事项清单 (职 missing). */
export function titleKind(line: string): ListKind | null {
  if (line.includes("\t") || line.length > 80 || !line.includes("清单")) return null;
  if (/收回/u.test(line)) return "reclaimed";
  if (/配合|协同/u.test(line)) return "coordinated";
  if (/基本/u.test(line)) return "basic";
  return null;
}

const LIST_NAME_START = /(基本|配合|协同|上级部门收回|上级收回|收回)/u;

/** 昌吉州玛纳斯县兰州湾镇 → 昌吉州 / 玛纳斯县 / 兰州湾镇. */
export function regionFromTitle(title: string): Region | null {
  const start = LIST_NAME_START.exec(title);
  const place = title.slice(0, start?.index ?? 0).replace(/^[\s（(]*|[\s）)]*$/gu, "");
  const m = /^(.+?(?:省|自治区))?(.+?(?:自治州|州|地区|盟|市))?(.+?(?:自治县|县|区|市|旗))?(.+?(?:街道办事处|街道|镇|乡|苏木))$/u.exec(place);
  if (!m) return null;
  return { province: m[1] ?? null, prefecture: m[2] ?? null, county: m[3] ?? null, town: m[4]! };
}

class DocumentReader {
  private readonly warnings: ParseWarning[] = [];
  private readonly titles: Revision["titles"] = { basic: null, coordinated: null, reclaimed: null };
  private readonly rows: Record<ListKind, Row[]> = { basic: [], coordinated: [], reclaimed: [] };
  private readonly headers: Partial<Record<ListKind, Header>> = {};
  private region: Region | null = null;
  private list: ListKind | null = null;

  constructor(private readonly options: ParseOptions) {}

  read(text: string): { revision: Revision; warnings: ParseWarning[] } {
    const lines = text.split(/\r\n|\n|\r/u);
    lines.forEach((line, i) => this.line(line, i + 1));
    if (!this.titles.basic && !this.titles.coordinated && !this.titles.reclaimed) {
      // Point at the line the message quotes (the first non-blank one), not always at line 1.
      const first = lines.findIndex((l) => l.trim());
      throw new ParseError("not-a-duty-list", first < 0 ? 1 : first + 1, null, null, lines[first] ?? "", "找不到任何清单标题（基本履职事项清单、配合履职事项清单、上级部门收回事项清单），不是履职事项清单");
    }
    const region = this.region ?? this.options.region;
    if (!region) {
      // The first title in the document, not in basic/coordinated/reclaimed order.
      const first = Object.values(this.titles).reduce((a, t) => (t && (!a || t.line < a.line) ? t : a))!;
      throw new ParseError("no-town", first.line, null, null, first.text, "标题中没有乡镇名称，请指定所属地区");
    }
    for (const kind of LIST_KINDS) {
      if (!this.titles[kind] || this.rows[kind].length === 0) {
        this.warnings.push({ code: "missing-list", line: this.titles[kind]?.line ?? 1, list: kind, column: null, text: "", message: `文档中没有${this.titles[kind] ? "任何事项" : "这份清单"}` });
      }
    }
    return { revision: this.build(region), warnings: this.warnings };
  }

  private line(raw: string, line: number): void {
    const trimmed = raw.trim();
    if (!trimmed) return;
    if (!raw.includes("\t")) {
      const kind = titleKind(trimmed);
      if (kind) return this.title(kind, trimmed, line);
      // Before the first header anything without cells is preamble (附件1, dates, notes).
      if (!this.list || !this.headers[this.list]) return;
      throw new ParseError("no-separator", line, this.list, null, trimmed, "这一行没有制表符分隔的单元格（可能是单元格内换行或缺少列）");
    }
    const cells = raw.split("\t");
    if (cells[0]!.trim() === "序号") return this.header(cells, line);
    if (!this.list) {
      throw new ParseError("not-a-duty-list", line, null, null, trimmed, "表格行出现在任何清单标题之前");
    }
    const header = this.headers[this.list];
    if (!header) throw new ParseError("row-before-header", line, this.list, null, trimmed, "事项行出现在表头（序号…）之前");
    this.row(this.list, header, cells, line);
  }

  private title(kind: ListKind, text: string, line: number): void {
    const seen = this.titles[kind];
    if (seen) {
      throw new ParseError("duplicate-list", line, kind, null, text, `同一份清单出现了两次（第一次在第 ${seen.line} 行）`);
    }
    this.titles[kind] = { text, line };
    this.list = kind;
    this.region ??= regionFromTitle(text);
  }

  private header(cells: string[], line: number): void {
    if (!this.list) throw new ParseError("not-a-duty-list", line, null, null, cells.join(" "), "表头出现在任何清单标题之前");
    const names = trimTrailingEmpty(cells.map((c) => c.trim()));
    const signature = names.join("\t");
    const known = this.headers[this.list];
    if (known) {
      // Repeated headers are page-break leftovers; they must repeat the same columns.
      if (known.signature !== signature) {
        throw new ParseError("bad-header", line, this.list, null, names.join(" "), `重复表头与第 ${known.line} 行的表头不一致`);
      }
      return;
    }
    const at: Partial<Record<Column, number>> = {};
    names.forEach((name, i) => {
      const column = COLUMN_NAMES.find(([, re]) => re.test(name))?.[0];
      if (!column) throw new ParseError("bad-header", line, this.list, name, name, "无法识别的表头列");
      if (at[column] !== undefined) throw new ParseError("bad-header", line, this.list, name, name, "表头列重复");
      at[column] = i;
    });
    for (const column of REQUIRED[this.list]) {
      if (at[column] === undefined) {
        throw new ParseError("bad-header", line, this.list, COLUMN_LABELS[column], names.join(" "), `表头缺少「${COLUMN_LABELS[column]}」列`);
      }
    }
    this.headers[this.list] = { line, signature, width: names.length, at };
  }

  private row(list: ListKind, header: Header, rawCells: string[], line: number): void {
    // Trailing empty cells past the header are editor leftovers; a short row is an error.
    // Trim only down to the header's width: in 「1\t党的建设\t\t」 the name is empty, not missing.
    const cells = rawCells.map((c) => c.trim());
    while (cells.length > header.width && cells.at(-1) === "") cells.pop();
    if (cells.length !== header.width) {
      throw new ParseError("column-count", line, list, null, rawCells.join(" | "), `应有 ${header.width} 列，实有 ${cells.length} 列`);
    }
    const cell = (column: Column) => (header.at[column] === undefined ? "" : cells[header.at[column]!]!);
    const seqText = cell("seq");
    if (!/^\d{1,6}$/u.test(seqText)) throw new ParseError("bad-seq", line, list, "序号", seqText, "序号不是数字");
    const seq = Number(seqText);
    const rows = this.rows[list];
    const previous = rows.at(-1)?.seq ?? 0;
    if (seq <= previous) {
      throw new ParseError("seq-order", line, list, "序号", seqText, `序号应大于上一行的 ${previous}`);
    }
    if (seq !== previous + 1) {
      this.warnings.push({ code: "seq-gap", line, list, column: "序号", text: seqText, message: `序号从 ${previous} 跳到 ${seq}` });
    }
    const category = header.at.category === undefined ? "未分类" : cell("category");
    if (!category) throw new ParseError("empty-cell", line, list, "事项类别", cells.join(" | "), "事项类别为空");
    const name = cell("name");
    if (!name) throw new ParseError("empty-cell", line, list, "事项名称", cells.join(" | "), "事项名称为空");
    for (const column of REQUIRED[list]) {
      if (!cell(column)) {
        throw new ParseError("empty-cell", line, list, COLUMN_LABELS[column], cells.join(" | "), `「${COLUMN_LABELS[column]}」为空`);
      }
    }
    const byColumn: string[] = [];
    for (const [column] of COLUMN_NAMES) byColumn.push(cell(column));
    rows.push({ line, seq, category, name, cells: byColumn });
  }

  private build(region: Region): Revision {
    const departments = new Map<string, Department>();
    const refs = (cellText: string, line: number, list: ListKind, column: string): DepartmentRef[] =>
      cellText
        .split(/[、，,；;]/u)
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => {
          // The department regexes backtrack polynomially (a 30k-character cell took minutes), so a
          // part far longer than any real name is rejected before they see it.
          if (part.length > MAX_DEPARTMENT_CHARS) {
            throw new ParseError("bad-cell", line, list, column, part, `长达 ${part.length} 字，不像部门名称`);
          }
          const { name, note } = splitDepartmentNote(part);
          const department = normaliseDepartment(name, region);
          // normaliseDepartment folds names through a plain object (ALIASES[body]), so 县constructor
          // came back with a function as its shortName; refuse the name rather than emit that.
          if (typeof department.shortName !== "string") {
            throw new ParseError("bad-cell", line, list, column, part, "不像部门名称");
          }
          if (!department.level && department.kind === "government" && !/[局委办部会院室联队站所心]$/u.test(department.name)) {
            throw new ParseError("bad-cell", line, list, column, part, "不像部门名称");
          }
          if (!departments.has(department.name)) {
            // Every duty cell is later searched for every department (findMentions), so the work
            // grows with rows × departments: 3,000 rows naming 3,000 departments took 5 s.
            if (departments.size >= MAX_DEPARTMENTS) {
              throw new ParseError("bad-cell", line, list, column, part, `文档中的部门超过 ${MAX_DEPARTMENTS} 个，不像一个县的部门`);
            }
            departments.set(department.name, department);
          }
          return { name: department.name, note };
        });
    const cellOf = (row: Row, column: Column) => row.cells[COLUMN_NAMES.findIndex(([c]) => c === column)]!;

    const basic: BasicDuty[] = this.rows.basic.map((r) => ({ list: "basic", seq: r.seq, category: r.category, name: r.name, line: r.line }));

    const coordinatedRefs = this.rows.coordinated.map((r) => refs(cellOf(r, "departments"), r.line, "coordinated", "对应上级部门"));
    const receiverParts = this.rows.reclaimed.map((r) => splitReceiverCell(r, cellOf(r, "receivers"), cellOf(r, "method")));
    const reclaimedRefs = this.rows.reclaimed.map((r, i) => refs(receiverParts[i]!.receivers, r.line, "reclaimed", "承接部门"));
    const known = [...departments.values()];
    const ownersOf = (list: DepartmentRef[]) => list.map((ref) => departments.get(ref.name)!);

    const coordinated: CoordinatedDuty[] = this.rows.coordinated.map((r, i) => {
      const owners = ownersOf(coordinatedRefs[i]!);
      this.reportUnresolved(cellOf(r, "departmentDuties"), r.line, "coordinated", "上级部门职责", known, region);
      this.reportUnresolved(cellOf(r, "townDuties"), r.line, "coordinated", "乡镇配合职责", known, region);
      return {
        list: "coordinated",
        seq: r.seq,
        category: r.category,
        name: r.name,
        line: r.line,
        departments: coordinatedRefs[i]!,
        departmentDuties: splitSteps(cellOf(r, "departmentDuties"), owners, region),
        townDuties: splitSteps(cellOf(r, "townDuties"), [], region),
      };
    });
    const reclaimed: ReclaimedDuty[] = this.rows.reclaimed.map((r, i) => {
      const method = receiverParts[i]!.method;
      this.reportUnresolved(method, r.line, "reclaimed", "工作方式", known, region);
      return {
        list: "reclaimed",
        seq: r.seq,
        category: r.category,
        name: r.name,
        line: r.line,
        receivers: reclaimedRefs[i]!,
        method: splitSteps(method, ownersOf(reclaimedRefs[i]!), region),
      };
    });

    const lists: Lists = { basic, coordinated, reclaimed };
    // A Set, not includes(): 100,000 rows of distinct categories took 25 s with a linear search.
    const categories = new Set<string>();
    for (const kind of LIST_KINDS) {
      for (const duty of lists[kind]) categories.add(duty.category);
    }
    return { region, titles: this.titles, lists, categories: [...categories], departments: known };
  }

  private reportUnresolved(text: string, line: number, list: ListKind, column: string, known: Department[], region: Region): void {
    for (const m of findMentions(text, known, region)) {
      if (m.department) continue;
      this.warnings.push({ code: "unresolved-abbreviation", line, list, column, text: m.raw, message: `「${m.raw}」不对应本清单中的任何部门` });
    }
  }
}

/** 「玛纳斯县民政局： 由县民政局负责…」 → receiver and method; a separate 工作方式 column wins. */
function splitReceiverCell(row: Row, cell: string, methodColumn: string): { receivers: string; method: string } {
  if (methodColumn) return { receivers: cell, method: methodColumn };
  const colon = /[：:]/u.exec(cell);
  if (!colon) {
    throw new ParseError("bad-cell", row.line, "reclaimed", "承接部门及工作方式", cell, "应为「承接部门：工作方式」");
  }
  return { receivers: cell.slice(0, colon.index).trim(), method: cell.slice(colon.index + 1).trim() };
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === "") end--;
  return cells.slice(0, end);
}
