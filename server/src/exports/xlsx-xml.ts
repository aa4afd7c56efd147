/**
 * The XML of an .xlsx workbook (SpreadsheetML, ECMA-376), written as strings: the few package
 * parts a workbook needs, and the rows of a sheet. Built for the responses' sheet, which can
 * hold a million rows of a hundred columns: a row is one string built from precomputed cell
 * references, with no object per cell; empty cells are left out. Strings are stored inline (no
 * shared-strings table that would grow with the file), numbers as numbers, dates as Excel's
 * serial numbers with the one date style of the workbook.
 */

/** A cell of a sheet; "" is an empty cell. */
export type WorkbookCell = string | number | Date;

/** Characters of rows gathered before they are handed on: one chunk per 64 K, not one per row. */
export const SHEET_CHUNK_CHARACTERS = 64 * 1024;

/** What Excel holds in one cell at most: longer text is cut there, or Excel refuses the file. */
export const EXCEL_CELL_CHARACTERS = 32_767;

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// The cell styles: 0 the default, 1 a date (built-in format 14, the reader's short date).
const DATE_STYLE = 1;
const STYLES =
  `${HEAD}<styleSheet xmlns="${MAIN}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

/** The path of a sheet's XML in the package, for the sheet at `index` (0 first). */
export function sheetPath(index: number): string {
  return `xl/worksheets/sheet${index + 1}.xml`;
}

/** Every part of the package but the sheets' XML, by path: what makes the sheets a workbook. */
export function packageParts(sheetNames: readonly string[]): { path: string; xml: string }[] {
  const sheets = sheetNames.map((name, index) => ({ name, index, id: `rId${index + 1}` }));
  const contentTypes =
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    sheets
      .map(({ index }) => `<Override PartName="/${sheetPath(index)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join("") +
    "</Types>";
  const rootRelationships =
    `${HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
    `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook =
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><bookViews><workbookView/></bookViews><sheets>` +
    sheets.map(({ name, index, id }) => `<sheet name="${xmlAttribute(name)}" sheetId="${index + 1}" r:id="${id}"/>`).join("") +
    "</sheets></workbook>";
  const workbookRelationships =
    `${HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
    sheets.map(({ index, id }) => `<Relationship Id="${id}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`).join("") +
    `<Relationship Id="rId${sheets.length + 1}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`;
  return [
    { path: "[Content_Types].xml", xml: contentTypes },
    { path: "_rels/.rels", xml: rootRelationships },
    { path: "xl/workbook.xml", xml: workbook },
    { path: "xl/_rels/workbook.xml.rels", xml: workbookRelationships },
    { path: "xl/styles.xml", xml: STYLES },
  ];
}

/**
 * The writer of one sheet's XML: its start (the view, frozen on the header row and right to
 * left for Arabic, and the columns' widths from the header), a row at a time, then its end
 * (the header's filter). The column references (`A`, …, `EN`) are computed once per sheet.
 */
export class SheetXml {
  private references: string[] = [];
  private columnCount = 0;
  private rowCount = 0;

  constructor(private readonly options: { rightToLeft: boolean }) {}

  /** The sheet's start and its first row, the header, which sets the columns. */
  start(header: readonly WorkbookCell[] | undefined): string {
    const view =
      `<sheetViews><sheetView workbookViewId="0"${this.options.rightToLeft ? ' rightToLeft="1"' : ""}>` +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>';
    const opening = `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">${view}`;
    if (header === undefined) return `${opening}<sheetData>`;
    this.columnCount = header.length;
    this.references = Array.from({ length: header.length }, (_, index) => columnName(index));
    const widths = header.map(
      (cell, index) => `<col min="${index + 1}" max="${index + 1}" width="${Math.min(Math.max(String(cell).length + 2, 10), 50)}" customWidth="1"/>`,
    );
    return `${opening}${widths.length > 0 ? `<cols>${widths.join("")}</cols>` : ""}<sheetData>${this.row(header)}`;
  }

  /** One row: its non-empty cells, text inline, numbers as numbers, dates as serial numbers. */
  row(cells: readonly WorkbookCell[]): string {
    this.rowCount += 1;
    const number = this.rowCount;
    // Joined once into a flat string: a row added to piece by piece is a tree of small strings
    // that costs more to encode, and to collect, than it saved.
    const xml = [`<row r="${number}">`];
    for (let index = 0; index < cells.length; index += 1) {
      const cell = cells[index] as WorkbookCell;
      if (cell === "") continue;
      const reference = (this.references[index] ?? this.extendReferences(index)) + number;
      if (typeof cell === "number") xml.push(Number.isFinite(cell) ? `<c r="${reference}"><v>${cell}</v></c>` : textCell(reference, String(cell)));
      else if (typeof cell === "string") xml.push(textCell(reference, cell));
      else if (!Number.isNaN(cell.getTime())) xml.push(`<c r="${reference}" s="${DATE_STYLE}"><v>${excelSerial(cell)}</v></c>`);
    }
    xml.push("</row>");
    return xml.join("");
  }

  /** The sheet's end: the header's filter, when it has columns. */
  end(): string {
    const filter = this.columnCount > 0 ? `<autoFilter ref="A1:${columnName(this.columnCount - 1)}1"/>` : "";
    return `</sheetData>${filter}</worksheet>`;
  }

  // A data row longer than the header: its further columns get references too.
  private extendReferences(index: number): string {
    for (let next = this.references.length; next <= index; next += 1) this.references.push(columnName(next));
    return this.references[index] as string;
  }
}

/** `A` for the first column, `Z`, `AA`, … `XFD` for the last Excel has. */
export function columnName(index: number): string {
  let name = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}

// Days since 1899-12-30, Excel's day 0 (its 1900 leap-year bug included), with the time as a fraction.
function excelSerial(date: Date): number {
  return 25569 + date.getTime() / 86_400_000;
}

function textCell(reference: string, text: string): string {
  const cut = text.length > EXCEL_CELL_CHARACTERS ? cutAt(text, EXCEL_CELL_CHARACTERS) : text;
  // Spreadsheets drop the spaces and line ends at either end of a text unless told to keep them.
  const first = cut.charCodeAt(0);
  const last = cut.charCodeAt(cut.length - 1);
  const space = first <= 32 || last <= 32 || cut.includes("\n") ? ' xml:space="preserve"' : "";
  return `<c r="${reference}" t="inlineStr"><is><t${space}>${xmlText(cut)}</t></is></c>`;
}

// Never between the two halves of a character outside the Basic Multilingual Plane.
function cutAt(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

// What XML text cannot hold as it is: markup characters; control characters XML 1.0 forbids (and
// a carriage return, which a parser would turn into a line feed), written as Excel writes them,
// `_x0001_`; and text already looking like such an escape, whose underscore is escaped itself
// (`_x005F_`) so that Excel shows it as typed.
// eslint-disable-next-line no-control-regex
const TEXT_ESCAPES = /[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)/g;
// eslint-disable-next-line no-control-regex
const HAS_TEXT_ESCAPE = /[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;

/** Text as the content of an XML element of a sheet (see TEXT_ESCAPES); most cells need nothing. */
export function xmlText(text: string): string {
  if (!HAS_TEXT_ESCAPE.test(text)) return text;
  return text.replace(TEXT_ESCAPES, (character) => {
    if (character === "&") return "&amp;";
    if (character === "<") return "&lt;";
    if (character === ">") return "&gt;";
    return `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
  });
}

// A sheet's name in an attribute: markup and quotes escaped, characters XML cannot hold dropped.
function xmlAttribute(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}
