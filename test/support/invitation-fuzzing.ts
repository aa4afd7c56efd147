import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { ImportColumn } from "@passerelle/shared";
import { awkwardKey, awkwardString, headerValue } from "./fuzz";
import { SHIPPED_SURVEYS_DIR } from "./test-app";

/**
 * What the grammar knows of a value: the import must take it, must reject it, or may do
 * either (awkward text, whose fate the grammar does not work out).
 */
export type Validity = "valid" | "invalid" | "unknown";

interface Cell {
  text: string;
  validity: Validity;
}

const cell =
  (validity: Validity) =>
  (text: string): Cell => ({ text, validity });

/** A value one time in `outOf`, null otherwise. */
function rarely<T>(arbitrary: fc.Arbitrary<T>, outOf: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: outOf - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

// The census's choices, read from the shipped definition so the grammar follows it.
interface CensusChoice {
  value: string;
  words: string[];
  governorate?: string;
}

function censusChoices(): Record<"kind" | "governorate" | "district", CensusChoice[]> {
  const census = JSON.parse(fs.readFileSync(path.join(SHIPPED_SURVEYS_DIR, "census-lebanon.json"), "utf8")) as unknown;
  const found: Record<string, CensusChoice[]> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    const element = node as { invitationField?: string; choices?: { value: string; text: Record<string, string>; visibleIf?: string }[] };
    if (element.invitationField && element.choices) {
      found[element.invitationField] = element.choices.map((choice) => ({
        value: choice.value,
        words: [choice.value, ...Object.values(choice.text)],
        ...(choice.visibleIf ? { governorate: /'([a-z_]+)'/.exec(choice.visibleIf)?.[1] } : {}),
      }));
    }
    Object.values(node).forEach(visit);
  };
  visit(census);
  const { kind, governorate, district } = found;
  if (!kind || !governorate || !district) throw new Error("the census no longer maps kind, governorate and district");
  return { kind, governorate, district };
}

const CENSUS = censusChoices();

/** A word as spreadsheets hold it: in any case, padded, with other punctuation between its parts. */
function spellings(words: readonly string[]): fc.Arbitrary<string> {
  return fc
    .constantFrom(...words)
    .chain((word) => fc.constantFrom(word, word.toUpperCase(), word.toLowerCase(), ` ${word} `, word.replace(/[-_\s]+/g, " "), word.replace(/[-_\s]+/g, "-")));
}

// Town names from a small set, so that imports meet the authorities of earlier ones; formulas,
// operators and prototype keys are names like any other.
const NAMES = [
  "Tripoli",
  "Municipalité de Jbeil",
  "بلدية صور",
  "Union des municipalités du Metn",
  "Zahlé",
  "x".repeat(200),
  // Delimiters, quotes and line breaks inside a name; the file's delimiter gets quoted, the others not.
  'Saint-Jean, "le Haut"',
  "Deir el\nQamar",
  "Ras\tBaalbek",
  "Qob Elias; Chtaura",
  "Union du Metn, Beit Mery, Broummana",
  "Jdeideh; Bouchrieh; Sed",
  "Bourj Hammoud\tNabaa",
  '=HYPERLINK("http://evil.example","Cliquez")',
  "+961 1 234 567",
  "-Minus",
  "@SUM(A1:A9)",
  "\t=1+1",
  "\r=cmd|' /C calc'!A0",
  '{"$gt":""}',
  "__proto__",
  "constructor",
  "toString",
];

const name: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 16, arbitrary: spellings(NAMES).map(cell("valid")) },
  { weight: 1, arbitrary: fc.constantFrom("", "   ", "\t", "x".repeat(201), "é".repeat(260)).map(cell("invalid")) },
  { weight: 2, arbitrary: awkwardString({ maxLength: 60 }).map(cell("unknown")) },
);

const kind: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 20, arbitrary: spellings(CENSUS.kind.flatMap((choice) => choice.words).concat("union")).map(cell("valid")) },
  { weight: 1, arbitrary: fc.constantFrom("village", "city", "Atlantis", "municipalities union", "0").map(cell("invalid")) },
  { weight: 1, arbitrary: fc.oneof(awkwardString({ maxLength: 20 }), awkwardKey()).map(cell("unknown")) },
);

/** Governorate and district: a district under its own governorate, under another, or unknown. */
const place: fc.Arbitrary<{ governorate: Cell; district: Cell }> = fc.constantFrom(...CENSUS.district).chain((district) => {
  const own = CENSUS.governorate.find((governorate) => governorate.value === district.governorate);
  const others = CENSUS.governorate.filter((governorate) => governorate !== own);
  return fc.oneof(
    {
      weight: 20,
      arbitrary: fc.record({ governorate: spellings(own?.words ?? []).map(cell("valid")), district: spellings(district.words).map(cell("valid")) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        governorate: fc
          .constantFrom(...others)
          .chain((other) => spellings(other.words))
          .map(cell("invalid")),
        district: spellings(district.words).map(cell("valid")),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        governorate: fc.oneof(
          fc.constantFrom("Atlantis", "Liban", "Île-de-France", "").map(cell("invalid")),
          awkwardString({ maxLength: 20 }).map(cell("unknown")),
        ),
        district: fc.oneof(spellings(district.words).map(cell("valid")), fc.constantFrom("Lyon", "", "tripoli-nord").map(cell("invalid"))),
      }),
    },
  );
});

const email: fc.Arbitrary<Cell> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .constantFrom("", "", "Mairie@Jbeil.example", "contact@tripoli.example", "x+tag@mairie.lb", "-dash@mairie.lb", "+plus@mairie.lb")
      .map(cell("valid")),
  },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,20}@[a-z]{1,12}\.(org|lb|fr)$/).map(cell("valid")) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom("not-an-email", "=sum@mairie.lb", "a@b", "@", "x@@y.org", "a b@c.org", "x@y.org\u0000", `${"x".repeat(250)}@mairie.lb`)
      .map(cell("invalid")),
  },
  { weight: 1, arbitrary: fc.oneof(fc.emailAddress(), awkwardString({ maxLength: 30 })).map(cell("unknown")) },
);

const language: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom("", "", "fr", "ar", "en", "FR", " Ar ", "Arabe", "العربية", "English", "français").map(cell("valid")) },
  { weight: 1, arbitrary: fc.constantFrom("klingon", "de", "e", "Arabic language").map(cell("invalid")) },
  { weight: 1, arbitrary: awkwardString({ maxLength: 8 }).map(cell("unknown")) },
);

// What the columns the import ignores hold: anything, long cells included.
const otherValue: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(awkwardString(), fc.constantFrom('=HYPERLINK("http://evil.example")', '{"$gt":""}', "__proto__")).map(cell("valid")) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((length) => cell("valid")("é".repeat(length))) },
);

// Header titles, French and Arabic aliases included, in the cases spreadsheets write them.
const TITLES: Record<ImportColumn, readonly string[]> = {
  name: ["name", "Name", "NOM", "Nom", "authority", "Collectivité", "municipalité", "الاسم"],
  kind: ["kind", "Type", "TYPE", "النوع"],
  governorate: ["governorate", "Gouvernorat", "mohafaza", "Mohafazat", "المحافظة"],
  district: ["district", "Caza", "qada", "Kaza", "القضاء"],
  email: ["email", "E-mail", "e mail", "Courriel", "mail", "البريد الإلكتروني"],
  language: ["language", "Langue", "lang", "اللغة"],
};
const REQUIRED: readonly ImportColumn[] = ["name", "kind", "governorate", "district"];
const OPTIONAL: readonly ImportColumn[] = ["email", "language"];

type Column = { column: ImportColumn; title: Cell } | { column: "other"; title: Cell };

const otherTitle: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("notes", "téléphone", "Nom du maire", "__proto__", "constructor", "$gt", "", "=cmd", "a.b").map(cell("valid")) },
  { weight: 1, arbitrary: fc.oneof(awkwardKey(), awkwardString({ maxLength: 12 })).map(cell("unknown")) },
);

/** A header: every required column (or one missing), optional and unknown ones, a column twice now and then, in any order. */
const header: fc.Arbitrary<{ columns: Column[]; validity: Validity }> = fc
  .record({
    optional: fc.subarray([...OPTIONAL]),
    missing: rarely(fc.constantFrom(...REQUIRED), 12),
    twice: rarely(fc.constantFrom(...REQUIRED, ...OPTIONAL), 15),
    others: fc.array(otherTitle, { maxLength: 2 }),
  })
  .chain(({ optional, missing, twice, others }) => {
    const known = [...REQUIRED.filter((column) => column !== missing), ...optional, ...(twice ? [twice] : [])];
    const titled = fc.tuple(...known.map((column) => fc.constantFrom(...TITLES[column]).map((title): Column => ({ column, title: cell("valid")(title) }))));
    return titled.chain((columns) => {
      const all = [...columns, ...others.map((title): Column => ({ column: "other", title }))];
      // Awkward text might spell a missing column's name; nothing makes a column twice right.
      const isOnceEach = [...REQUIRED, ...OPTIONAL].every((column) => known.filter((other) => other === column).length <= 1);
      const hasAwkwardTitle = others.some((title) => title.validity === "unknown");
      const validity: Validity = !isOnceEach
        ? "invalid"
        : hasAwkwardTitle
          ? "unknown"
          : REQUIRED.every((column) => known.includes(column))
            ? "valid"
            : "invalid";
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }).map((shuffled) => ({ columns: shuffled, validity }));
    });
  });

/** How a cell is written: quoted when it must be, always, or never (which breaks the line when it must). */
type Quoting = "needed" | "always" | "never";
const quoting = fc.constantFrom<Quoting>("needed", "needed", "needed", "needed", "always", "never");

/** A line of the list: an authority, laid out in the header's columns, or a blank line. */
type Line = { kind: "authority"; cells: { cell: Cell; quoting: Quoting }[]; isReshaped: boolean } | { kind: "blank"; text: "" | " " | "delimiters" };

function authorityLine(columns: readonly Column[]): fc.Arbitrary<Line> {
  return fc
    .record({
      values: fc.record({ name, kind, place, email, language }),
      others: fc.array(otherValue, { minLength: columns.length, maxLength: columns.length }),
      quotings: fc.array(quoting, { minLength: columns.length + 2, maxLength: columns.length + 2 }),
      // Now and then a line with cells missing or too many.
      reshape: rarely(
        fc.integer({ min: -3, max: 2 }).filter((delta) => delta !== 0),
        10,
      ),
    })
    .map(({ values, others, quotings, reshape }) => {
      const byColumn: Record<ImportColumn, Cell> = { ...values, governorate: values.place.governorate, district: values.place.district };
      let cells = columns.map((column, index) => (column.column === "other" ? others[index]! : byColumn[column.column]));
      if (reshape !== null) cells = reshape < 0 ? cells.slice(0, reshape) : [...cells, ...Array.from({ length: reshape }, () => cell("valid")("extra"))];
      return { kind: "authority", cells: cells.map((value, index) => ({ cell: value, quoting: quotings[index] ?? "needed" })), isReshaped: reshape !== null };
    });
}

const blankLine: fc.Arbitrary<Line> = fc.constantFrom("", " ", "delimiters" as const).map((text): Line => ({ kind: "blank", text }));

/** A list file as the grammar wrote it, and what the import must make of it. */
export interface ListFileCase {
  bytes: Buffer;
  /** A report, a refusal of the whole file, or either when the grammar cannot tell. */
  expected: "report" | "refusal" | "either";
  /** For a file the import must read: what each line (by its number) must come to. */
  lines?: { line: number; validity: Validity; name: string }[];
}

/** A case that a counterexample shows as text (or base64 when it is not UTF-8), shortened past 2,000 characters. */
function listFileCase(bytes: Buffer, expected: ListFileCase["expected"], lines?: ListFileCase["lines"]): ListFileCase {
  const shown = () => {
    try {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      return JSON.stringify(text.length > 2_000 ? `${text.slice(0, 2_000)}… (${bytes.length} bytes)` : text);
    } catch {
      return `Buffer.from(${JSON.stringify(bytes.toString("base64"))}, "base64")`;
    }
  };
  return Object.assign({ bytes, expected, ...(lines ? { lines } : {}) }, { [fc.toStringMethod]: () => `{ file: ${shown()}, expected: "${expected}" }` });
}

function encodeCell(text: string, how: Quoting, delimiter: string): string {
  const mustQuote = text.includes(delimiter) || /["\r\n]/.test(text);
  return how === "always" || (how === "needed" && mustQuote) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Encodes text as UTF-8, but writes a lone surrogate as its own three bytes (WTF-8), which UTF-8 forbids. */
function wtf8(text: string): Buffer {
  return Buffer.concat(
    Array.from(text, (char) => {
      const code = char.codePointAt(0)!;
      if (code < 0xd800 || code > 0xdfff) return Buffer.from(char, "utf8");
      return Buffer.from([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]);
    }),
  );
}

const hasLoneSurrogate = (text: string) => /\p{Cs}/u.test(text);

/** A name as the import reports it: lone surrogates became U+FFFD on the way, spaces folded. */
function reportedName(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8").trim().replace(/\s+/g, " ");
}

/** How the lines are written out: delimiter, line ends, BOM, how the header is quoted. */
interface Layout {
  delimiter: string;
  newline: string;
  /** Line ends of all kinds in one file, as when lists are pasted together; null mostly. */
  mixedNewlines: string[] | null;
  headerQuoting: Quoting;
  hasBom: boolean;
  hasFinalNewline: boolean;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  delimiter: fc.constantFrom(",", ";", "\t"),
  newline: fc.constantFrom("\r\n", "\n", "\r"),
  mixedNewlines: rarely(fc.array(fc.constantFrom("\r\n", "\n", "\r"), { minLength: 13, maxLength: 13 }), 15),
  headerQuoting: quoting,
  hasBom: fc.boolean(),
  hasFinalNewline: fc.boolean(),
});

function listText(
  columns: readonly Column[],
  lines: readonly Line[],
  { delimiter, newline, mixedNewlines, headerQuoting, hasBom, hasFinalNewline }: Layout,
): string {
  const texts = [
    columns.map(({ title }) => encodeCell(title.text, headerQuoting, delimiter)).join(delimiter),
    ...lines.map((line) => {
      if (line.kind === "authority") return line.cells.map(({ cell, quoting }) => encodeCell(cell.text, quoting, delimiter)).join(delimiter);
      return line.text === "delimiters" ? delimiter.repeat(3) : line.text;
    }),
  ];
  const body = texts.map((text, index) => (index === 0 ? text : `${mixedNewlines?.[index] ?? newline}${text}`)).join("");
  return `${hasBom ? "\uFEFF" : ""}${body}${hasFinalNewline ? newline : ""}`;
}

/** What each line of a file the import must read comes to, blank lines left out as the import leaves them. */
function expectedLines(columns: readonly Column[], lines: readonly Line[]): NonNullable<ListFileCase["lines"]> {
  const nameAt = columns.findIndex((column) => column.column === "name");
  return lines.flatMap((line, index) => {
    if (line.kind === "blank" || line.cells.every(({ cell }) => reportedName(cell.text) === "")) return [];
    const validities = line.cells.map(({ cell }) => cell.validity);
    const validity: Validity = line.isReshaped ? "unknown" : validities.includes("invalid") ? "invalid" : validities.includes("unknown") ? "unknown" : "valid";
    return [{ line: index + 2, validity, name: reportedName(line.cells[nameAt]?.cell.text ?? "") }];
  });
}

/**
 * CSV files from a grammar: header permutations with aliases and unknown columns, comma,
 * semicolon or tab, quoted cells holding delimiters, newlines and quotes, BOM or not,
 * CRLF/LF/CR, blank lines, good and bad values mixed; sometimes with a byte UTF-8 forbids.
 */
export const listFileFromGrammar: fc.Arbitrary<ListFileCase> = header.chain((head) =>
  fc
    .record({
      lines: fc.array(fc.oneof({ weight: 6, arbitrary: authorityLine(head.columns) }, { weight: 1, arbitrary: blankLine }), { maxLength: 12 }),
      // Lines written twice: the same authority on two lines of one file.
      copies: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
      layout,
      encoding: fc.oneof({ weight: 12, arbitrary: fc.constant("utf8") }, { weight: 1, arbitrary: fc.constantFrom("wtf8", "0xff inserted") }),
      insertAt: fc.nat(),
    })
    .map(({ lines: written, copies, layout, encoding, insertAt }): ListFileCase => {
      const lines = [...written];
      for (const [from, to] of copies) if (lines.length > 0) lines.splice(to % (lines.length + 1), 0, lines[from % lines.length]!);
      const text = listText(head.columns, lines, layout);
      let bytes = encoding === "wtf8" ? wtf8(text) : Buffer.from(text, "utf8");
      if (encoding === "0xff inserted") {
        const at = insertAt % (bytes.length + 1);
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
      }
      if (encoding === "0xff inserted" || (encoding === "wtf8" && hasLoneSurrogate(text))) return listFileCase(bytes, "refusal");
      if (bytes.length > 2 * 1024 * 1024) return listFileCase(bytes, "refusal");
      if (layout.mixedNewlines) return listFileCase(bytes, "either");
      // A cell left unquoted that holds a delimiter, a quote or a line break reshapes the file.
      const cells = [
        ...head.columns.map(({ title }) => ({ cell: title, quoting: layout.headerQuoting })),
        ...lines.flatMap((line) => (line.kind === "blank" ? [] : line.cells)),
      ];
      const isWellFormed = cells.every(({ cell, quoting }) => quoting !== "never" || !(cell.text.includes(layout.delimiter) || /["\r\n]/.test(cell.text)));
      if (head.validity === "invalid" && isWellFormed) return listFileCase(bytes, "refusal");
      if (head.validity !== "valid" || !isWellFormed) return listFileCase(bytes, "either");
      return listFileCase(bytes, "report", expectedLines(head.columns, lines));
    }),
);

/** A file past the 2 MB the import reads: one huge cell. */
export const oversizedListFile: fc.Arbitrary<ListFileCase> = fc
  .integer({ min: 2 * 1024 * 1024, max: 2 * 1024 * 1024 + 50_000 })
  .map((length) => listFileCase(Buffer.from(`name,kind,governorate,district\r\n${"x".repeat(length)},municipality,north,tripoli\r\n`, "utf8"), "refusal"));

/** Bytes that are not a list: random, or text that may not be UTF-8. */
export const rawListFile: fc.Arbitrary<ListFileCase> = fc
  .oneof(
    fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
    awkwardString({ maxLength: 200 }).map(wtf8),
  )
  .map((bytes) => listFileCase(bytes, "either"));

/** Content types that say CSV, and others that do not. */
const CSV_CONTENT_TYPES = [
  "text/csv",
  "text/csv; charset=utf-8",
  "TEXT/CSV",
  "text/plain",
  "application/csv",
  "application/vnd.ms-excel",
  "text/csv; charset=latin1",
  "text/csv; header=present",
];
const OTHER_CONTENT_TYPES = [
  "application/json",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  "application/x-www-form-urlencoded",
  "text/html",
  "image/png",
];

/** A content type and how the import must take it: read the file, refuse it (415), or either. */
export const listContentType: fc.Arbitrary<{ contentType: string; isCsv: boolean | "either" }> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...CSV_CONTENT_TYPES).map((contentType) => ({ contentType, isCsv: true })) },
  { weight: 1, arbitrary: fc.constantFrom(...OTHER_CONTENT_TYPES).map((contentType) => ({ contentType, isCsv: false })) },
  { weight: 1, arbitrary: headerValue(60).map((contentType) => ({ contentType, isCsv: "either" as const })) },
);
