import { forEachElement, isInDynamicPanel, isJsonObject, isQuestionElement, type JsonObject } from "../questionnaire/walk-definition";
import { choiceValues, itemValues, ratingScale, resolvesChoicesAtRunTime, type ChoiceSources } from "./choice-lists";

/**
 * How a question's answers are counted. `file` covers files and signatures (counted, never
 * read); `expression` computed values (expressions, calculated values: numbers or words);
 * `group` answers made of parts (multiple text items, the cells of a matrix of dropdowns, the
 * columns of a dynamic matrix, the questions of a dynamic panel).
 */
export type QuestionKind = "single" | "multi" | "ranking" | "numeric" | "boolean" | "matrix" | "text" | "file" | "expression" | "group";

export interface QuestionShape {
  name: string;
  kind: QuestionKind;
  /** Choice values in questionnaire order (single, multi, ranking, rating scale). */
  choices: string[];
  /**
   * The choices are only known when the form runs (`choicesByUrl`, a source question that has
   * none listed): every value the respondents gave is counted, as observed.
   */
  openChoices?: true;
  /** Theme id when the question belongs to a theme. */
  theme?: string;
  /** What a theme's question is about: need, urgency, studies, budget, cofunding. */
  themeFacet?: string;
  /** Theme id of each choice that stands for a theme (the census's priority ranking). */
  choiceThemes?: Record<string, string>;
  /** Matrix rows and columns (a matrix of dropdowns too). */
  rows?: string[];
  columns?: string[];
  /** For rankings: how many items can be ranked (the Borda base). */
  maxRanked?: number;
  /** Personal data (a name, a phone number): never shown to viewers, even as a count. */
  personal?: true;
  /** A group's parts, each counted as a question of its own. */
  parts?: PartShape[];
  /** Which kind of group: its SurveyJS type. */
  groupType?: GroupType;
  /** A file question that is a signature (a drawing rather than files). */
  signature?: true;
  /** A group answered as a list (dynamic matrix rows, dynamic panels): its parts count rows. */
  repeated?: true;
}

export type GroupType = "multipletext" | "matrixdropdown" | "matrixdynamic" | "paneldynamic";

/** A part of a group: where its value sits inside one entry of the group's answer. */
export interface PartShape extends QuestionShape {
  /** Keys from the entry to the value: `[item]`, `[row, column]`, `[column]`, `[question]`. */
  path: string[];
}

/** What the statistics need to know of one questionnaire version. */
export interface QuestionnaireShape {
  questions: QuestionShape[];
  breakdownFields: string[];
}

const KIND_BY_TYPE: Record<string, QuestionKind> = {
  radiogroup: "single",
  dropdown: "single",
  buttongroup: "single",
  imagepicker: "single",
  checkbox: "multi",
  tagbox: "multi",
  ranking: "ranking",
  rating: "numeric",
  boolean: "boolean",
  matrix: "matrix",
  text: "text",
  comment: "text",
  file: "file",
  signaturepad: "file",
  expression: "expression",
  multipletext: "group",
  matrixdropdown: "group",
  matrixdynamic: "group",
  paneldynamic: "group",
};
const NUMERIC_INPUT_TYPES = new Set(["number", "range"]);
// A matrix column without a cell type takes its matrix's, which defaults to a dropdown.
const DEFAULT_CELL_TYPE = "dropdown";

/**
 * Reads, from a questionnaire definition, the questions statistics are computed for and how
 * each is counted. Works on the JSON alone (no survey-core model), so it is cheap to call for
 * every questionnaire version a set of responses was given against. Questions inside a dynamic
 * panel are parts of it, not questions of their own; calculated values kept in the results
 * (`includeIntoResult`) come last, as computed values.
 */
export function readQuestionnaireShape(definition: JsonObject): QuestionnaireShape {
  const sources = new Map<string, JsonObject>();
  forEachElement(definition, (element, path) => {
    if (isQuestionElement(element, path)) sources.set(String(element.name), element);
  });
  const questions: QuestionShape[] = [];
  forEachElement(definition, (element, path) => {
    if (!isQuestionElement(element, path) || isInDynamicPanel(path)) return;
    const shape = toQuestionShape(element, sources);
    if (shape) questions.push(shape);
  });
  for (const calculated of calculatedValuesInResults(definition)) {
    if (!sources.has(calculated)) questions.push({ name: calculated, kind: "expression", choices: [] });
  }
  const breakdownFields = Array.isArray(definition.breakdownFields)
    ? definition.breakdownFields.filter((field): field is string => typeof field === "string")
    : [];
  return { questions, breakdownFields };
}

/** The names of the calculated values survey-core writes into the answers. */
export function calculatedValuesInResults(definition: JsonObject): string[] {
  const list = Array.isArray(definition.calculatedValues) ? definition.calculatedValues : [];
  return list
    .filter(isJsonObject)
    .filter((value) => value.includeIntoResult === true && typeof value.name === "string")
    .map((value) => String(value.name));
}

function toQuestionShape(element: JsonObject, sources: ChoiceSources): QuestionShape | undefined {
  const type = String(element.type);
  let kind = KIND_BY_TYPE[type];
  if ((type === "imagepicker" || type === "buttongroup") && element.multiSelect === true) kind = "multi";
  if (type === "text" && NUMERIC_INPUT_TYPES.has(String(element.inputType))) kind = "numeric";
  if (!kind) return undefined;
  const shape: QuestionShape = {
    name: String(element.name),
    kind,
    choices: type === "rating" ? ratingScale(element) : kind === "single" || kind === "multi" || kind === "ranking" ? choiceValues(element, sources) : [],
  };
  if ((kind === "single" || kind === "multi" || kind === "ranking") && resolvesChoicesAtRunTime(element, sources)) shape.openChoices = true;
  if (typeof element.theme === "string") shape.theme = element.theme;
  if (typeof element.themeFacet === "string") shape.themeFacet = element.themeFacet;
  if (element.personal === true) shape.personal = true;
  const choiceThemes = themesOfChoices(element.choices);
  if (choiceThemes) shape.choiceThemes = choiceThemes;
  if (kind === "matrix") {
    shape.rows = itemValues(element.rows);
    shape.columns = itemValues(element.columns);
  }
  if (kind === "ranking") {
    const max = Number(element.maxSelectedChoices);
    shape.maxRanked = Number.isInteger(max) && max > 0 ? Math.min(max, shape.choices.length) : shape.choices.length;
  }
  if (type === "signaturepad") shape.signature = true;
  if (kind === "group") {
    shape.groupType = type as GroupType;
    shape.parts = partsOf(type, element, sources);
    if (type === "matrixdynamic" || type === "paneldynamic") shape.repeated = true;
    if (type === "matrixdropdown") {
      shape.rows = itemValues(element.rows);
      shape.columns = columnsOf(element).map((column) => String(column.name));
    }
  }
  return shape;
}

function partsOf(type: string, element: JsonObject, sources: ChoiceSources): PartShape[] {
  const part = (partElement: JsonObject, name: string, path: string[]): PartShape[] => {
    const shape = toQuestionShape(partElement, sources);
    return shape ? [{ ...shape, name, path }] : [];
  };
  switch (type) {
    case "multipletext":
      return (Array.isArray(element.items) ? element.items : []).filter(isJsonObject).flatMap((item) => {
        const name = String(item.name);
        return part({ ...item, type: "text", name }, name, [name]);
      });
    case "matrixdropdown":
      return itemValues(element.rows).flatMap((row) =>
        columnsOf(element).flatMap((column) => part(cellElement(element, column), `${row}.${String(column.name)}`, [row, String(column.name)])),
      );
    case "matrixdynamic":
      return columnsOf(element).flatMap((column) => part(cellElement(element, column), String(column.name), [String(column.name)]));
    case "paneldynamic": {
      const parts: PartShape[] = [];
      forEachElement({ elements: element.templateElements }, (nested, path) => {
        // Only the template's own questions: a dynamic panel inside brings its own parts.
        if (!isQuestionElement(nested, path) || isInDynamicPanel(path)) return;
        parts.push(...part(nested, String(nested.name), [String(nested.name)]));
      });
      return parts;
    }
    default:
      return [];
  }
}

/** The columns of a matrix of dropdowns or a dynamic matrix, as objects with a name. */
export function columnsOf(element: JsonObject): JsonObject[] {
  const columns = Array.isArray(element.columns) ? element.columns : [];
  return columns
    .map((column) => (isJsonObject(column) ? column : { name: String(column) }))
    .filter((column) => typeof column.name === "string" || typeof column.name === "number")
    .map((column) => ({ ...column, name: String(column.name) }));
}

/** A matrix column as the question its cells are: its cell type, and the matrix's choices when it lists none. */
export function cellElement(matrix: JsonObject, column: JsonObject): JsonObject {
  const own = typeof column.cellType === "string" && column.cellType !== "default" ? column.cellType : undefined;
  const inherited = typeof matrix.cellType === "string" && matrix.cellType !== "default" ? matrix.cellType : undefined;
  const cell: JsonObject = { ...column, type: own ?? inherited ?? DEFAULT_CELL_TYPE };
  if (cell.choices === undefined && matrix.choices !== undefined) cell.choices = matrix.choices;
  return cell;
}

function themesOfChoices(items: unknown): Record<string, string> | undefined {
  if (!Array.isArray(items)) return undefined;
  const entries = items
    .filter(isJsonObject)
    .filter((item) => typeof item.theme === "string")
    .map((item) => [String(item.value), item.theme as string] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
