import { isJsonObject, type JsonObject } from "../questionnaire/walk-definition";
import { readQuestionnaireShape, type QuestionShape } from "../statistics/questionnaire-shape";
import { readQuestionTexts, type QuestionTexts } from "./export-texts";

export const META_COLUMNS = ["response_id", "status", "submitted_at", "locale", "questionnaire_version"] as const;
export type MetaColumn = (typeof META_COLUMNS)[number];

/** The columns that tie a row of a repeat table to its response and, when nested, to its parent row. */
export const REPEAT_KEY_COLUMNS = ["response_id", "parent_row", "row"] as const;
export type RepeatKeyColumn = (typeof REPEAT_KEY_COLUMNS)[number];

/**
 * Where a column's value is and whose words label it: `key` is the path from the record (the
 * response's answers, or one row of a repeat table) to the value; `question` the question whose
 * texts name it, and `part` the part of that question (a multiple text's item, a matrix cell).
 */
interface AnswerPlace {
  question: string;
  key: string[];
  part?: string;
}

/** One column of a raw export. */
export type ExportColumn =
  | { kind: "meta"; key: MetaColumn }
  | { kind: "breakdown"; field: string }
  /** In a repeat table: the response, the row of the parent table, the row's number (1 first). */
  | { kind: "repeatKey"; key: RepeatKeyColumn }
  /** The answer itself: single choice, number, yes/no, text, computed value. */
  | ({ kind: "answer" } & AnswerPlace)
  /** Multiple choice: 1 when chosen, 0 when the question was answered without it. */
  | ({ kind: "choice"; choice: string } & AnswerPlace)
  /** Ranking: the item's rank, 1 first; empty when not ranked. */
  | ({ kind: "rank"; choice: string } & AnswerPlace)
  /** Matrix: the column chosen for one row. */
  | ({ kind: "matrixRow"; row: string } & AnswerPlace)
  /** The "other" text or comment of a question. */
  | ({ kind: "comment" } & AnswerPlace)
  /** Files: their names, types or sizes in bytes, `; ` between files; never their content. */
  | ({ kind: "file"; property: FileProperty } & AnswerPlace)
  /** A signature: 1 when signed; never the drawing. */
  | ({ kind: "signature" } & AnswerPlace)
  /** How many rows or panels a repeated answer has; the rows are in its repeat table. */
  | ({ kind: "repeatCount" } & AnswerPlace);

export type FileProperty = "name" | "type" | "size";
const FILE_PROPERTIES: readonly FileProperty[] = ["name", "type", "size"];

/**
 * A long table of a repeated answer (the rows of a dynamic matrix, the panels of a dynamic
 * panel), one row per entry, joined to the responses by `response_id` (and to its parent
 * table's `row` when nested), as ODK Central's repeat files and KoboToolbox's repeat sheets.
 */
export interface RepeatTable {
  /** The question's name, with its parents' for a nested repeat: `sites`, `sites.visits`. */
  name: string;
  /** The parent repeat table's name, when nested. */
  parent?: string;
  /** The path from a record of the parent (the answers, or a parent row) to this answer's list. */
  key: string[];
  columns: ExportColumn[];
}

export interface ExportLayout {
  columns: ExportColumn[];
  repeats: RepeatTable[];
  texts: Map<string, QuestionTexts>;
}

export const COMMENT_SUFFIX = "-Comment";
const SETTING_TRIGGERS = new Set(["setvalue", "copyvalue", "runexpression"]);

/**
 * The columns of a raw export: metadata, breakdown fields, then the questions in questionnaire
 * order, one column or a group of columns each, and one repeat table per repeated answer. Built
 * from the current definition, then from older versions for the questions they had and it no
 * longer has, so every response's answers land in their question's columns whatever version it
 * answered. Values survey-core writes that are no question (calculated values, trigger
 * targets) get a column too: an export never drops an answer.
 */
export function buildExportLayout(current: JsonObject, olderVersions: readonly JsonObject[] = []): ExportLayout {
  const columns: ExportColumn[] = META_COLUMNS.map((key) => ({ kind: "meta", key }));
  const shape = readQuestionnaireShape(current);
  for (const field of shape.breakdownFields) columns.push({ kind: "breakdown", field });
  const texts = new Map<string, QuestionTexts>();
  const repeats: RepeatTable[] = [];
  // A breakdown field's answer is in its breakdown column already: one column per name.
  const seen = new Set<string>(shape.breakdownFields);
  for (const definition of [current, ...olderVersions]) {
    readQuestionTexts(definition, texts);
    const commented = questionsWithComments(definition);
    const table: TableBuilder = { name: undefined, columns, repeats, commented };
    for (const question of readQuestionnaireShape(definition).questions) {
      if (seen.has(question.name)) continue;
      seen.add(question.name);
      addQuestion(table, question, { question: question.name, key: [question.name] });
    }
    for (const target of triggerTargets(definition)) {
      if (seen.has(target)) continue;
      seen.add(target);
      columns.push({ kind: "answer", question: target, key: [target] });
    }
  }
  return { columns, repeats, texts };
}

interface TableBuilder {
  /** Undefined for the responses' own table. */
  name: string | undefined;
  columns: ExportColumn[];
  repeats: RepeatTable[];
  commented: ReadonlySet<string>;
}

function addQuestion(table: TableBuilder, question: QuestionShape, place: AnswerPlace): void {
  const { columns } = table;
  switch (question.kind) {
    case "multi":
      columns.push(...question.choices.map((choice) => ({ kind: "choice" as const, choice, ...place })));
      break;
    case "ranking":
      columns.push(...question.choices.map((choice) => ({ kind: "rank" as const, choice, ...place })));
      break;
    case "matrix":
      columns.push(...(question.rows ?? []).map((row) => ({ kind: "matrixRow" as const, row, ...place })));
      break;
    case "file":
      if (question.signature) columns.push({ kind: "signature", ...place });
      else columns.push(...FILE_PROPERTIES.map((property) => ({ kind: "file" as const, property, ...place })));
      break;
    case "group":
      if (question.repeated) addRepeat(table, question, place);
      else for (const part of question.parts ?? []) addQuestion(table, part, { question: place.question, key: [...place.key, ...part.path], part: part.name });
      break;
    default:
      columns.push({ kind: "answer", ...place });
  }
  // Only a question's own comment: a cell of a matrix keeps its "other" text in its value.
  if (place.part === undefined && table.commented.has(place.question)) {
    const last = place.key[place.key.length - 1] ?? "";
    columns.push({ kind: "comment", question: place.question, key: [...place.key.slice(0, -1), `${last}${COMMENT_SUFFIX}`] });
  }
}

function addRepeat(table: TableBuilder, question: QuestionShape, place: AnswerPlace): void {
  table.columns.push({ kind: "repeatCount", ...place });
  const name = table.name === undefined ? question.name : `${table.name}.${question.name}`;
  const repeat: RepeatTable = { name, key: place.key, columns: [] };
  if (table.name !== undefined) repeat.parent = table.name;
  repeat.columns.push(
    ...REPEAT_KEY_COLUMNS.filter((key) => key !== "parent_row" || table.name !== undefined).map((key) => ({ kind: "repeatKey" as const, key })),
  );
  table.repeats.push(repeat);
  const inner: TableBuilder = { ...table, name, columns: repeat.columns };
  // A dynamic panel's questions are labelled by their own texts; a dynamic matrix's columns by the matrix's.
  const hasOwnTexts = question.groupType === "paneldynamic";
  for (const part of question.parts ?? []) {
    addQuestion(inner, part, hasOwnTexts ? { question: part.name, key: part.path } : { question: place.question, key: part.path, part: part.name });
  }
}

// Questions whose answer may come with a comment or an "other" text under `name-Comment`.
function questionsWithComments(definition: JsonObject): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isJsonObject(node)) return;
    const hasComment = node.showOtherItem === true || node.hasOther === true || node.showCommentArea === true || node.hasComment === true;
    if (hasComment && typeof node.name === "string") names.add(node.name);
    for (const key of ["pages", "elements", "questions", "templateElements"]) visit(node[key]);
  };
  visit(definition);
  return names;
}

// Values that triggers write into the answers (`setToName`), which may name no question.
function triggerTargets(definition: JsonObject): string[] {
  const triggers = Array.isArray(definition.triggers) ? definition.triggers.filter(isJsonObject) : [];
  return triggers
    .filter((trigger) => SETTING_TRIGGERS.has(String(trigger.type)) && typeof trigger.setToName === "string" && trigger.setToName !== "")
    .map((trigger) => String(trigger.setToName));
}
