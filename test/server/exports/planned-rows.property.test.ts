import { Writable } from "node:stream";
import type { Response } from "express";
import fc from "fast-check";
import Papa from "papaparse";
import {
  buildExportLayout,
  cellOf,
  compileRowReader,
  headersOf,
  LOCALES,
  neutraliseFormula,
  repeatEntries,
  type ExportableResponse,
  type ExportColumn,
  type ExportLayout,
  type ExportOptions,
  type JsonObject,
  type RepeatEntry,
} from "@passerelle/shared";
import { compileCsvLine, csvLineOf, type CsvDelimiter } from "../../../server/src/exports/csv-format";
import { writeCsvText } from "../../../server/src/exports/csv-stream";
import { answerSetArbitrary } from "../../support/answer-arbitraries";
import { ENGINE_FIXTURES, engineFixture } from "../../support/engine-fixtures";
import { awkwardJson, awkwardString, fuzzParameters, fuzzTimeout, OPERATOR_KEYS } from "../../support/fuzz";
import { SHIPPED_SURVEYS_DIR } from "../../support/test-app";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";

const RUNS = 60;
jest.setTimeout(fuzzTimeout(RUNS) * 4);

/**
 * The reference: how an export wrote its rows before the column plan, kept here as the
 * definition the plan must match byte for byte. Each cell read by `cellOf` walking the layout,
 * neutralised (or given a decimal comma in the `;` variant), the whole table through
 * `Papa.unparse`.
 */
function referenceCsv(rows: (string | number)[][], delimiter: CsvDelimiter): string {
  return `${Papa.unparse(
    rows.map((row) => row.map((value) => csvCell(value, delimiter))),
    { delimiter, newline: "\r\n", quotes: false },
  )}\r\n`;
}

// A cell as the CSV holds it: neutralised text, numbers with a decimal comma in the `;` variant.
function csvCell(value: string | number, delimiter: CsvDelimiter): string | number {
  if (typeof value !== "number") return neutraliseFormula(value);
  return delimiter === ";" && !Number.isInteger(value) ? String(value).replace(".", ",") : value;
}

interface Table {
  columns: ExportColumn[];
  entriesOf: (response: ExportableResponse) => (RepeatEntry | undefined)[];
}

function tablesOf(layout: ExportLayout): Table[] {
  return [
    { columns: layout.columns, entriesOf: () => [undefined] },
    ...layout.repeats.map((table) => ({ columns: table.columns, entriesOf: (response: ExportableResponse) => repeatEntries(table, layout, response) })),
  ];
}

// Text that breaks naive CSV or spreadsheets: formulas, quotes, line ends, delimiters, edges
// with spaces, byte-order marks, right-to-left scripts, emoji, very long text.
const HOSTILE_TEXTS = [
  "=1+1",
  "+33 1 23",
  "-12",
  "@SUM(A1)",
  "\t=cmd",
  '  =HYPERLINK("x")',
  'say "hello"',
  '"',
  "line one\nline two",
  "cr\rlf\r\n",
  " leading",
  "trailing ",
  "a,b;c",
  "\ufeffstarts with a mark",
  "بلدية صور — الجنوب",
  'مدرسة "النور"، ٢٠٢٦',
  "👩‍👩‍👧 🇱🇧 emoji",
  "x".repeat(20_000),
  "",
  "0.5",
  "1,5",
];
const hostileText = fc.oneof(fc.constantFrom(...HOSTILE_TEXTS), awkwardString({ maxLength: 60 }));

const name = fc.oneof(fc.constantFrom(...OPERATOR_KEYS.filter((key) => key !== "")), fc.stringMatching(/^[a-z][a-z0-9_.-]{0,7}$/));
const words = fc.record({ default: hostileText, ar: hostileText }, { requiredKeys: ["default"] });
const choices = fc.uniqueArray(fc.record({ value: name, text: words }), { minLength: 1, maxLength: 4, selector: (choice) => choice.value });
const subNames = fc.uniqueArray(name, { minLength: 1, maxLength: 3 });

/** A question of every type that gets columns, with awkward names and texts. */
const question: fc.Arbitrary<JsonObject> = fc.oneof(
  fc.record({ type: fc.constantFrom("text", "comment", "boolean", "expression", "rating"), title: words }),
  fc.record({ type: fc.constantFrom("radiogroup", "dropdown", "checkbox", "tagbox", "ranking"), title: words, choices, showOtherItem: fc.boolean() }),
  fc.record({ type: fc.constant("matrix"), rows: choices, columns: choices }),
  fc.record({ type: fc.constant("multipletext"), items: subNames.map((items) => items.map((item) => ({ name: item }))) }),
  fc.record({
    type: fc.constant("matrixdropdown"),
    rows: choices,
    columns: subNames.map((columns) => columns.map((column) => ({ name: column, cellType: "dropdown", choices: ["a", "b"] }))),
  }),
  fc.record({ type: fc.constant("matrixdynamic"), columns: subNames.map((columns) => columns.map((column) => ({ name: column, cellType: "text" }))) }),
  fc.record({
    type: fc.constant("paneldynamic"),
    templateElements: fc
      .tuple(subNames, choices)
      .map(([inner, innerChoices]) => [
        ...inner.map((innerName) => ({ type: "text", name: `${innerName}_t` })),
        { type: "checkbox", name: "picked_in_panel", choices: innerChoices },
        { type: "matrixdynamic", name: "nested_rows", columns: [{ name: "when", cellType: "text" }] },
      ]),
  }),
  fc.record({ type: fc.constantFrom("file", "signaturepad"), title: words }),
);

/** A questionnaire: a few questions with unique names, answers to it, and hostile values in them. */
const questionnaire = fc
  .uniqueArray(fc.tuple(name, question), { minLength: 1, maxLength: 7, selector: ([questionName]) => questionName })
  .map((questions): JsonObject => ({ pages: [{ name: "p", elements: questions.map(([questionName, body]) => ({ ...body, name: questionName })) }] }));

const definitions = fc.oneof(
  { arbitrary: questionnaire, weight: 4 },
  { arbitrary: fc.constantFrom(...Object.values(ENGINE_FIXTURES).map(engineFixture)), weight: 2 },
  { arbitrary: fc.constant(loadQuestionnaires(SHIPPED_SURVEYS_DIR).get("census-lebanon").definition), weight: 1 },
);

// Every string of a valid answer set replaced, now and then, by a hostile text; a few answers
// replaced by any JSON at all (what an older version or an import may have left).
function hostileAnswers(definition: JsonObject): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      validAnswers(definition),
      fc.array(fc.option(hostileText, { nil: undefined }), { minLength: 1, maxLength: 12 }),
      fc.dictionary(name, awkwardJson(2), { maxKeys: 2 }),
    )
    .map(([answers, replacements, junk]) => {
      let leaf = 0;
      const replace = (value: unknown): unknown => {
        if (typeof value === "string") return replacements[leaf++ % replacements.length] ?? value;
        if (Array.isArray(value)) return value.map(replace);
        if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replace(inner)]));
        return value;
      };
      return JSON.parse(JSON.stringify({ ...(replace(answers) as object), ...junk })) as Record<string, unknown>;
    });
}

// Answers as survey-core's form gives them; any JSON under the questions' names for a
// definition survey-core itself cannot load (a question named `__proto__`), which an export
// must still write.
function validAnswers(definition: JsonObject): fc.Arbitrary<Record<string, unknown>> {
  try {
    return answerSetArbitrary(definition);
  } catch {
    const names = buildExportLayout(definition).columns.flatMap((column) => ("key" in column && Array.isArray(column.key) ? [column.key[0] as string] : []));
    return fc.dictionary(fc.constantFrom(...names, "other"), awkwardJson(3), { maxKeys: 6 });
  }
}

const responseOf = (definition: JsonObject) =>
  fc.record({
    id: fc.uuid(),
    status: fc.constantFrom("submitted", "draft"),
    submittedAt: fc.option(fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }), { nil: null }),
    locale: fc.constantFrom(...LOCALES),
    version: fc.stringMatching(/^[0-9a-f]{1,8}$/),
    breakdown: fc.dictionary(name, hostileText, { maxKeys: 3 }),
    answers: hostileAnswers(definition),
  });

const options = fc.record({
  header: fc.constantFrom("names", "labels"),
  values: fc.constantFrom("codes", "labels"),
  locale: fc.constantFrom(...LOCALES),
  delimiter: fc.constantFrom(",", ";"),
}) as fc.Arbitrary<ExportOptions & { delimiter: CsvDelimiter }>;

const cases = definitions.chain((definition) => fc.tuple(fc.constant(definition), fc.array(responseOf(definition), { minLength: 1, maxLength: 4 }), options));

/** Everything the CSV writer sends to a client that reads it all. */
async function written(pieces: Iterable<string>, bom: boolean): Promise<string> {
  const chunks: Buffer[] = [];
  const client = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  expect(await writeCsvText(client as unknown as Response, pieces, { bom })).toBe(true);
  return Buffer.concat(chunks).toString("utf8");
}

describe("an export's compiled column plan", () => {
  it("reads the same cells as the reference for any questionnaire, answers and options", () => {
    fc.assert(
      fc.property(cases, ([definition, responses, exportOptions]) => {
        const layout = buildExportLayout(definition);
        for (const table of tablesOf(layout)) {
          const rowOf = compileRowReader(table.columns, layout, exportOptions);
          for (const response of responses) {
            for (const entry of table.entriesOf(response)) {
              expect(rowOf(response, entry)).toEqual(table.columns.map((column) => cellOf(column, response, layout, exportOptions, entry)));
            }
          }
        }
      }),
      fuzzParameters(RUNS),
    );
  });

  it("writes, byte for byte, the CSV the reference writer wrote, and papaparse reads back the neutralised cells", async () => {
    await fc.assert(
      fc.asyncProperty(cases, fc.boolean(), async ([definition, responses, exportOptions], bom) => {
        const layout = buildExportLayout(definition);
        for (const table of tablesOf(layout)) {
          const header = headersOf(table.columns, layout, exportOptions);
          const records = responses.flatMap((response) => table.entriesOf(response).map((entry) => ({ response, entry })));
          const rows = [header, ...records.map(({ response, entry }) => table.columns.map((column) => cellOf(column, response, layout, exportOptions, entry)))];
          const lineOf = compileCsvLine(table.columns, layout, exportOptions);
          const planned = await written(
            [`${csvLineOf(header, exportOptions.delimiter)}\r\n`, ...records.map(({ response, entry }) => `${lineOf(response, entry)}\r\n`)],
            bom,
          );
          const reference = referenceCsv(rows, exportOptions.delimiter);
          // Compared as the client receives them, in UTF-8 (where a lone surrogate becomes U+FFFD).
          expect(planned).toBe(Buffer.from(`${bom ? "\uFEFF" : ""}${reference}`).toString("utf8"));
          const parsed = Papa.parse<string[]>(planned.replace(/^\uFEFF/, ""), { delimiter: exportOptions.delimiter, newline: "\r\n" }).data;
          // papaparse reads a last empty line after the final CRLF.
          expect(parsed.slice(0, -1)).toEqual(
            rows.map((row) => row.map((cell) => Buffer.from(String(csvCell(cell, exportOptions.delimiter))).toString("utf8"))),
          );
        }
      }),
      fuzzParameters(RUNS),
    );
  });
});
