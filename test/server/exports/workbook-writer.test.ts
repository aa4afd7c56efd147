import { Writable } from "node:stream";
import type { Response } from "express";
import ExcelJS from "exceljs";
import { columnName, EXCEL_CELL_CHARACTERS } from "../../../server/src/exports/xlsx-xml";
import { writeWorkbook, type WorkbookSheet } from "../../../server/src/exports/xlsx-stream";

/** The workbook the writer sends to a client that reads it all, opened by exceljs as a reader would. */
async function written(sheets: WorkbookSheet[], rightToLeft = false): Promise<ExcelJS.Workbook> {
  const chunks: Buffer[] = [];
  const client = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  expect(await writeWorkbook(client as unknown as Response, sheets, { rightToLeft })).toBe(true);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet "${name}" in ${workbook.worksheets.map((candidate) => candidate.name).join(", ")}`);
  return sheet;
}

const oneCell = async (text: string) => sheetOf(await written([{ name: "Texts", rows: [["text"], [text]] }]), "Texts").getCell("A2");

/**
 * A text cell as Excel and LibreOffice read it: SpreadsheetML writes a character XML cannot hold
 * as `_xHHHH_` (ECMA-376, ST_Xstring), which they decode and exceljs's reader does not for
 * inline strings.
 */
function asSpreadsheetsRead(value: ExcelJS.CellValue): string {
  return String(value).replace(/_x([0-9A-Fa-f]{4})_/g, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe("the workbook writer", () => {
  it("writes every sheet, in order, under its name, the header frozen and filterable", async () => {
    const workbook = await written([
      { name: "À propos", rows: [["Questionnaire", "Recensement"]] },
      {
        name: 'R&D <2026> "x"',
        rows: [
          ["a", "b", "c"],
          ["1", "2", "3"],
        ],
      },
      { name: "Empty", rows: [] },
    ]);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["À propos", 'R&D <2026> "x"', "Empty"]);
    const sheet = sheetOf(workbook, 'R&D <2026> "x"');
    expect(sheet.getRow(2).values).toEqual([undefined, "1", "2", "3"]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:C1");
    expect(sheetOf(workbook, "Empty").rowCount).toBe(0);
  });

  it("keeps numbers as numbers, text as text (digits included), dates as dates, empty cells empty", async () => {
    const when = new Date("2026-06-15T08:30:00Z");
    const sheet = sheetOf(
      await written([
        {
          name: "Cells",
          rows: [
            ["a", "b", "c", "d", "e", "f", "g", "h"],
            [42, "42", "007", 1.5, -3e21, when, "", 0.1],
          ],
        },
      ]),
      "Cells",
    );
    const row = sheet.getRow(2);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((column) => row.getCell(column).value)).toEqual([42, "42", "007", 1.5, -3e21, when, null, 0.1]);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(6).type).toBe(ExcelJS.ValueType.Date);
  });

  it("writes a number XML cannot hold as a number (infinity, not a number) as its text", async () => {
    const row = sheetOf(
      await written([
        {
          name: "Odd",
          rows: [
            ["a", "b"],
            [Number.POSITIVE_INFINITY, Number.NaN],
          ],
        },
      ]),
      "Odd",
    ).getRow(2);
    expect([row.getCell(1).value, row.getCell(2).value]).toEqual(["Infinity", "NaN"]);
  });

  it("round-trips Arabic exactly, in sheets read right to left", async () => {
    const name = "بلدية صور — اتحاد بلديات قضاء صور";
    const workbook = await written([{ name: "الإجابات", rows: [["الاسم"], [name]] }], true);
    const sheet = sheetOf(workbook, "الإجابات");
    expect(Buffer.from(String(sheet.getCell("A2").value), "utf8")).toEqual(Buffer.from(name, "utf8"));
    expect(sheet.views[0]).toMatchObject({ rightToLeft: true });
  });

  it.each([
    ["markup", "<b>R&D</b> > 5"],
    ["control characters XML forbids", "a\u0001b\u000bc\u001fd\u0000e\uffff"],
    ["a carriage return", "line\r\nnext"],
    ["text that looks like Excel's own escape", "_x0041_ and _x000d_"],
    ["spaces and line ends at either end", "  indented\nand more\n"],
    ["a tab", "a\tb"],
  ])("keeps %s exactly as typed", async (_label, text) => {
    expect(asSpreadsheetsRead((await oneCell(text)).value)).toBe(text);
  });

  it("keeps text that looks like a formula as text, never as a formula", async () => {
    const attacks = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "=1+1"];
    const sheet = sheetOf(await written([{ name: "Attacks", rows: [["text"], ...attacks.map((text) => [text])] }]), "Attacks");
    for (const [index, text] of attacks.entries()) {
      const cell = sheet.getCell(`A${index + 2}`);
      expect(cell.value).toBe(text);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
  });

  it("cuts a text longer than Excel holds in a cell at its limit, never inside a character", async () => {
    expect((await oneCell("é".repeat(EXCEL_CELL_CHARACTERS + 100))).value).toBe("é".repeat(EXCEL_CELL_CHARACTERS));
    // An emoji is two UTF-16 units: one across the limit is left out whole.
    const straddling = `${"a".repeat(EXCEL_CELL_CHARACTERS - 1)}😀tail`;
    expect((await oneCell(straddling)).value).toBe("a".repeat(EXCEL_CELL_CHARACTERS - 1));
    const fits = "b".repeat(EXCEL_CELL_CHARACTERS);
    expect((await oneCell(fits)).value).toBe(fits);
  });

  it("places cells past the 26th column, and rows longer than their header, in their columns", async () => {
    const header = Array.from({ length: 30 }, (_, index) => `c${index + 1}`);
    const sheet = sheetOf(await written([{ name: "Wide", rows: [header, [...header.map((_, index) => index + 1), "extra"]] }]), "Wide");
    expect(sheet.getCell("Z2").value).toBe(26);
    expect(sheet.getCell("AD2").value).toBe(30);
    expect(sheet.getCell("AE2").value).toBe("extra");
  });

  it.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [51, "AZ"],
    [701, "ZZ"],
    [702, "AAA"],
    [16_383, "XFD"],
  ])("names column %i %s", (index, name) => {
    expect(columnName(index)).toBe(name);
  });
});
