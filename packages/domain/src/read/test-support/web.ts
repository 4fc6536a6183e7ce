import iconv from "iconv-lite";
import { cellToText } from "../../recognise/cell-text.ts";

/*
 * The seed (or any text in its layout) as a town would publish it on the web: a page with one
 * table per list, a Markdown note, a CSV saved from Excel, Excel's "Unicode 文本". Written by
 * hand the way those tools write, so the readers meet the files offices actually hold.
 */

type Item = { kind: "title"; text: string } | { kind: "table"; rows: string[][] };

/** Titles and tables of a seed-layout text: a line with tabs is a row, rows between titles one table. Cells as written. */
function seedLayout(text: string): Item[] {
  const items: Item[] = [];
  for (const line of text.split(/\r\n|\r|\n/u)) {
    if (line.includes("\t")) {
      const last = items[items.length - 1];
      const cells = line.split("\t");
      if (last?.kind === "table") last.rows.push(cells);
      else items.push({ kind: "table", rows: [cells] });
    } else if (line.trim() !== "") {
      items.push({ kind: "title", text: line.trim() });
    }
  }
  return items;
}

const escapeHtml = (text: string) => text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");

/**
 * The formatting tags the seed's cells carry, the ones cellToText treats as markup; every other
 * angle bracket in a cell is text (乡<镇>村) and is escaped.
 */
const CELL_MARKUP = /<\/?(?:p|ol|ul|li|br|div|h[1-6]|span|strong|b|em|i|u|font|sup|sub|a)(?:\s[^<>]*)?\/?>/giu;

function cellHtml(cell: string): string {
  let html = "";
  let from = 0;
  for (const tag of cell.matchAll(CELL_MARKUP)) {
    html += escapeHtml(cell.slice(from, tag.index)) + tag[0];
    from = tag.index + tag[0].length;
  }
  return html + escapeHtml(cell.slice(from));
}

/**
 * A full web page: <meta charset>, a script and comments a reader must skip, a navigation line
 * and a footer around the lists, each title an <h2> (other lines a <p>), each list one
 * `<table border="1">` whose first row is a <thead> of <th>. Cells keep their <p>/<ol> markup;
 * their other text is escaped, so 乡<镇>村 is written 乡&lt;镇&gt;村.
 */
export function seedAsHtml(text: string): string {
  const items = seedLayout(text);
  const pageTitle = items.find((item) => item.kind === "title")?.text ?? "履职事项清单";
  const body = items.map((item) => {
    if (item.kind === "title") {
      return item.text.endsWith("清单")
        ? `<h2 style="text-align: center">${escapeHtml(item.text)}</h2>`
        : `<p>${escapeHtml(item.text)}</p>`;
    }
    const [head = [], ...rows] = item.rows;
    const tr = (cells: string[], tag: "td" | "th") => `<tr>${cells.map((c) => `<${tag}>${cellHtml(c)}</${tag}>`).join("")}</tr>`;
    return [
      `<table border="1" cellspacing="0" cellpadding="4" style="border-collapse: collapse">`,
      `<thead>${tr(head, "th")}</thead>`,
      "<tbody>",
      ...rows.map((cells) => tr(cells, "td")),
      "</tbody>",
      "</table>",
    ].join("\n");
  });
  return [
    "<!DOCTYPE html>",
    '<html lang="zh-CN">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>${escapeHtml(pageTitle)}</title>`,
    "<style>td, th { border: 1px solid #000; } .nav a { color: #333; }</style>",
    '<script>var visits = "<td>0</td>"; document.write("<p>统计</p>");</script>',
    "</head>",
    "<body>",
    '<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</div>',
    "<!-- 正文开始 -->",
    '<div class="article">',
    ...body,
    "</div>",
    "<!-- 正文结束 -->",
    '<div class="footer"><p>主办单位：人民政府办公室</p></div>',
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * A Markdown note: each title a `##` heading, each list a pipe table (header row, alignment row,
 * rows), cells as plain text (cellToText) with `|` escaped and line breaks written <br>.
 */
export function seedAsMarkdown(text: string): string {
  const row = (cells: string[]) => `| ${cells.map((c) => cellToText(c).replaceAll("|", "\\|").replaceAll("\n", "<br>")).join(" | ")} |`;
  return seedLayout(text)
    .map((item) => {
      if (item.kind === "title") return `## ${item.text}`;
      const [head = [], ...rows] = item.rows;
      return [row(head), `|${head.map(() => " --- |").join("")}`, ...rows.map(row)].join("\n");
    })
    .join("\n\n")
    .concat("\n");
}

/** Records as Excel writes them: CRLF between records, a field quoted when it holds `quoteIf`, quotes doubled. */
function excelRecords(text: string, separator: string, quoteIf: RegExp): string {
  const field = (value: string) => (quoteIf.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const records: string[] = [];
  for (const item of seedLayout(text)) {
    if (item.kind === "title") records.push(field(item.text));
    else for (const cells of item.rows) records.push(cells.map((c) => field(cellToText(c))).join(separator));
  }
  return `${records.join("\r\n")}\r\n`;
}

/**
 * A CSV as Excel saves it: "CSV UTF-8" (with its BOM) or a Chinese Excel's GB18030. Titles stand
 * alone on their line; cells are plain text (cellToText) with their line breaks, quoted when they
 * hold a comma, a quote or a line break.
 */
export function seedAsCsv(text: string, options: { encoding: "utf-8-bom" | "gb18030" }): Uint8Array {
  const csv = excelRecords(text, ",", /[",\r\n]/u);
  if (options.encoding === "gb18030") return new Uint8Array(iconv.encode(csv, "gb18030"));
  const body = new TextEncoder().encode(csv);
  const bytes = new Uint8Array(body.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(body, 3);
  return bytes;
}

/**
 * Excel's "Unicode 文本": UTF-16LE with a BOM, tab-separated, CRLF between records, a cell with a
 * line break (LF, as Excel keeps it inside a cell), a tab or a quote written in quotes.
 */
export function seedAsUnicodeText(text: string): Uint8Array {
  const tsv = excelRecords(text, "\t", /["\t\r\n]/u);
  const bytes = new Uint8Array(2 + tsv.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < tsv.length; i++) {
    const unit = tsv.charCodeAt(i);
    bytes[2 + i * 2] = unit & 0xff;
    bytes[3 + i * 2] = unit >> 8;
  }
  return bytes;
}
