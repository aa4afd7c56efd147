import Papa from "papaparse";
import { z } from "zod";
import { isLocale, type ImportColumn, type ImportProblem, type Locale } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import type { InvitationChoice, InvitationForm, InvitationQuestion } from "./invitation-form";

/** Lebanon has about 1,100 municipalities and 60 unions: a list far longer is a mistake. */
export const MAX_LIST_LINES = 5000;
const MAX_NAME_LENGTH = 200;

/** One authority as a valid line of the list gives it. */
export interface ListedAuthority {
  /** Kind, district and name, normalised: the same authority in two imports has the same key. */
  key: string;
  name: string;
  kind: string;
  governorate: string;
  district: string;
  email: string;
  locale: Locale | null;
}

export interface ListLine {
  /** The line number a spreadsheet shows, the header being line 1. */
  line: number;
  /** As written (for reports), even when the line is rejected. */
  authorityName: string;
  /** Absent when the line has problems. */
  authority?: ListedAuthority;
  problems: ImportProblem[];
}

// Header names accepted for each column, in the forms an administrator's spreadsheet may use.
const COLUMN_NAMES: Record<ImportColumn, readonly string[]> = {
  name: ["name", "nom", "authority", "collectivite", "municipalite", "الاسم", "اسم السلطة المحلية", "البلدية"],
  kind: ["kind", "type", "النوع"],
  governorate: ["governorate", "gouvernorat", "mohafaza", "mohafazat", "المحافظة"],
  district: ["district", "caza", "qada", "kaza", "القضاء"],
  email: ["email", "e mail", "courriel", "mail", "البريد الالكتروني", "البريد الإلكتروني"],
  language: ["language", "langue", "lang", "اللغة"],
};
// Besides the name, the columns of the questions the questionnaire fills in from an invitation.
const IDENTITY_COLUMNS = ["kind", "governorate", "district"] as const;
// Each alias as `normalise` folds it, so a title is looked up at once, however wide the header.
const COLUMN_OF_ALIAS = new Map(
  (Object.keys(COLUMN_NAMES) as ImportColumn[]).flatMap((column) => COLUMN_NAMES[column].map((alias) => [normalise(alias), column] as const)),
);
const DELIMITERS = [",", ";", "\t"] as const;

const LANGUAGE_NAMES: Record<Locale, readonly string[]> = {
  ar: ["ar", "arabic", "arabe", "العربية", "عربي"],
  fr: ["fr", "french", "francais", "الفرنسية", "فرنسي"],
  en: ["en", "english", "anglais", "الانجليزية", "الإنجليزية", "انجليزي"],
};

const EmailSchema = z.email();

/**
 * Reads the administrator's list of authorities (CSV, comma, semicolon or tab separated, UTF-8) into
 * one entry per line, each valid or with its problems: a bad line never stops the good ones.
 * Values of choice questions (kind, governorate, district) are matched against the
 * questionnaire's choices by value or by label in any language, ignoring case, accents and
 * punctuation. A problem with the file as a whole (encoding, header, size) is a 400.
 */
export function readInvitationList(file: Buffer, form: InvitationForm): ListLine[] {
  const records = parseRecords(decodeUtf8(file));
  const [header, ...body] = records;
  if (!header) throw invalidImport("The file is empty: it needs a header line and one line per authority.");
  const columns = readHeader(header, ["name", ...IDENTITY_COLUMNS.filter((column) => form.questions[column])]);
  // Blank lines are not authorities: the final line break of every spreadsheet export among them.
  const authorityCount = body.filter((record) => !isBlank(record)).length;
  if (authorityCount > MAX_LIST_LINES) {
    throw invalidImport(`The file has ${authorityCount} lines; at most ${MAX_LIST_LINES} can be imported at once.`);
  }
  const firstLineOf = new Map<string, number>();
  const lines: ListLine[] = [];
  body.forEach((record, index) => {
    const line = index + 2;
    if (isBlank(record)) return;
    const cell = (column: ImportColumn) => {
      const at = columns.get(column);
      return at === undefined ? "" : (record[at] ?? "").trim();
    };
    const result = readLine(line, cell, form);
    if (result.authority) {
      const first = firstLineOf.get(result.authority.key);
      if (first !== undefined) {
        result.problems.push({ column: "line", code: "duplicate_line", message: `The same authority is already on line ${first}.` });
        delete result.authority;
      } else {
        firstLineOf.set(result.authority.key, line);
      }
    }
    lines.push(result);
  });
  return lines;
}

function isBlank(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === "");
}

function decodeUtf8(file: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(file);
  } catch {
    throw invalidImport('The file is not UTF-8 text. In Excel, save it as "CSV UTF-8 (comma delimited)".');
  }
}

function parseRecords(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter: headerDelimiter(text) });
  const unclosed = parsed.errors.find((error) => error.type === "Quotes");
  if (unclosed) {
    throw invalidImport(`A quotation mark is not closed (record ${(unclosed.row ?? 0) + 1}); check the file in a spreadsheet.`);
  }
  return parsed.data.filter((record) => Array.isArray(record));
}

/**
 * The delimiter under which the header line names the most columns. Papaparse's own guess weighs
 * the first lines alike: in a semicolon file whose names hold commas, those lines (and the empty
 * record after the final line break) could outvote the header and have the file read by commas.
 */
function headerDelimiter(text: string): string {
  let best: { delimiter: string; columns: number } = { delimiter: ",", columns: -1 };
  for (const delimiter of DELIMITERS) {
    const [header = []] = Papa.parse<string[]>(text, { delimiter, preview: 1 }).data;
    const columns = header.filter((title) => COLUMN_OF_ALIAS.has(normalise(title))).length;
    if (columns > best.columns) best = { delimiter, columns };
  }
  return best.delimiter;
}

function readHeader(header: readonly string[], required: readonly ImportColumn[]): Map<ImportColumn, number> {
  const columns = new Map<ImportColumn, number>();
  header.forEach((title, index) => {
    const column = COLUMN_OF_ALIAS.get(normalise(title));
    if (!column) return;
    if (columns.has(column)) throw invalidImport(`The column "${column}" appears twice in the header.`);
    columns.set(column, index);
  });
  const missing = required.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    throw invalidImport(
      `The header line lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}. Expected: name, kind, governorate, district, email, language.`,
    );
  }
  return columns;
}

function readLine(line: number, cell: (column: ImportColumn) => string, form: InvitationForm): ListLine {
  const problems: ImportProblem[] = [];
  const problem = (column: ImportColumn, code: ImportProblem["code"], message: string) => problems.push({ column, code, message });

  const name = cell("name").replace(/\s+/g, " ");
  if (name === "") problem("name", "missing", "The authority's name is missing.");
  else if (name.length > MAX_NAME_LENGTH) problem("name", "too_long", `The name is longer than ${MAX_NAME_LENGTH} characters.`);

  const choice = (column: "kind" | "governorate" | "district", question: InvitationQuestion | undefined): string => {
    const given = cell(column);
    // A questionnaire that does not ask it takes the list's value as it is, even none.
    if (!question) return given;
    if (given === "") {
      problem(column, "missing", `The ${column} is missing.`);
      return "";
    }
    if (!question.choices) return given;
    const match = matchChoice(question.choices, given);
    if (match === undefined) problem(column, "unknown_choice", `"${given}" is not a ${column} of the questionnaire.`);
    return match ?? "";
  };
  const kind = choice("kind", form.questions.kind);
  const governorate = choice("governorate", form.questions.governorate);
  const district = choice("district", form.questions.district);
  const governoratesOfDistrict = form.districtGovernorates.get(district);
  if (governorate && district && governoratesOfDistrict && !governoratesOfDistrict.has(governorate)) {
    problem("district", "district_outside_governorate", `The district "${cell("district")}" is not in the governorate "${cell("governorate")}".`);
  }

  const email = cell("email").toLowerCase();
  if (email !== "" && (email.length > 254 || !EmailSchema.safeParse(email).success)) {
    problem("email", "invalid_email", `"${cell("email")}" is not an e-mail address.`);
  }

  const locale = readLanguage(cell("language"));
  if (locale === undefined) problem("language", "unknown_language", `"${cell("language")}" is not one of ar, fr, en.`);

  if (problems.length > 0 || locale === undefined) return { line, authorityName: name, problems };
  return {
    line,
    authorityName: name,
    authority: { key: [kind, district, normalise(name)].join("|"), name, kind, governorate, district, email, locale },
    problems,
  };
}

// By value or label; else by the first words, when only one choice starts so ("union").
function matchChoice(choices: readonly InvitationChoice[], given: string): string | undefined {
  const wanted = normalise(given);
  const namesOf = (choice: InvitationChoice) => [choice.value, ...Object.values(choice.label)].map(normalise);
  const exact = choices.find((choice) => namesOf(choice).includes(wanted));
  if (exact) return exact.value;
  const starting = choices.filter((choice) => namesOf(choice).some((name) => name.startsWith(`${wanted} `)));
  return starting.length === 1 ? starting[0]?.value : undefined;
}

/** null for an empty cell (the respondent's browser decides); undefined for an unknown language. */
function readLanguage(given: string): Locale | null | undefined {
  if (given === "") return null;
  const wanted = normalise(given);
  if (isLocale(wanted)) return wanted;
  return (Object.keys(LANGUAGE_NAMES) as Locale[]).find((locale) => LANGUAGE_NAMES[locale].some((name) => normalise(name) === wanted));
}

/**
 * Case, accents (and Arabic vowel marks), punctuation and spacing folded: "Mont-Liban",
 * "mont liban" and "MONT LIBAN" are one governorate, "Zahlé" and "Zahle" one district.
 */
export function normalise(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, " ")
    .trim();
}

function invalidImport(message: string): AppError {
  return new AppError("invalid_import", message);
}
