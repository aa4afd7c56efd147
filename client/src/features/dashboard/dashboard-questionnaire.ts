import {
  buildExportLayout,
  cellElement,
  columnsOf,
  forEachElement,
  formatJsonPath,
  isJsonObject,
  readQuestionnaireShape,
  surveyJsLocale,
  type JsonObject,
  type Locale,
  type QuestionKind,
  type QuestionShape,
} from "@passerelle/shared";

/**
 * What the dashboard needs to know of a questionnaire, read from its SurveyJS definition in one
 * language: the questions that have statistics (the same list and kinds as the server's, since
 * both use `readQuestionnaireShape`), with their titles and choice labels, the breakdown fields
 * the filters offer, the theme question and the sections (pages, then panels) to group the
 * per-question charts. Pure: no React, no fetch.
 */
export interface DashboardQuestionnaire {
  title: string;
  /** Breakdown fields in declared order (census: governorate, district, authority kind). */
  breakdownFields: StatQuestion[];
  /** Every question with statistics, in document order, by name. */
  questions: ReadonlyMap<string, StatQuestion>;
  sections: QuestionSection[];
  /** The question whose choices are themes (census: `priority_themes`). */
  themeQuestion: StatQuestion | undefined;
  /** For rankings: how many themes can be ranked (the Borda base: rank 1 earns this many points). */
  maxRanked: number | undefined;
  /** The repeated answers, each downloaded as a table of its own (names as in the export). */
  repeats: { name: string; title: string }[];
}

export interface StatQuestion {
  name: string;
  kind: QuestionKind;
  title: string;
  /** Choices in questionnaire order, "other" and "none" included when offered; rating scales too. */
  choices: Choice[];
  rows?: Choice[];
  columns?: Choice[];
  theme?: string;
  themeFacet?: string;
  /** The choices load when the form runs: the chart shows the values respondents gave. */
  openChoices?: true;
  /** A group's parts (items, cells, columns, a dynamic panel's questions), each titled. */
  parts?: StatQuestion[];
  /** A group answered as rows or panels: its parts count rows. */
  repeated?: true;
  /** A file question that is a signature. */
  signature?: true;
}

export interface Choice {
  value: string;
  label: string;
  /** Theme id of a choice that stands for a theme. */
  theme?: string;
  /** A choice offered only when another question has one value (`visibleIf: "{governorate} = 'south'"`). */
  shownWhen?: { field: string; value: string };
}

export interface QuestionSection {
  name: string;
  title: string;
  /** Runs of questions in document order: those straight on the page untitled, each panel's titled. */
  groups: { name: string; title: string | null; questions: StatQuestion[] }[];
}

/** Labels the questionnaire may leave out, in the reader's language. */
export interface FallbackLabels {
  yes: string;
  no: string;
  other: string;
  none: string;
  /** The section of calculated values, which belong to no page. */
  computed: string;
}

/** A SurveyJS text in `locale`: a plain string, or `{ default: English, fr, ar }`. */
export function localise(text: unknown, locale: Locale, fallback: string): string {
  if (typeof text === "string" && text.trim() !== "") return text;
  if (!isJsonObject(text)) return fallback;
  const key = surveyJsLocale(locale) || "default";
  const candidates = [text[key], text.default, ...Object.values(text)];
  const found = candidates.find((value): value is string => typeof value === "string" && value.trim() !== "");
  return found ?? fallback;
}

/**
 * Reads the questionnaire for one reader; `withPersonal` false (viewers) leaves out the questions
 * marked personal, which the server would refuse them anyway.
 */
export function readDashboardQuestionnaire(definition: JsonObject, locale: Locale, fallbacks: FallbackLabels, withPersonal = true): DashboardQuestionnaire {
  const shape = readQuestionnaireShape(definition);
  const located = locateElements(definition);
  const questions = new Map<string, StatQuestion>();
  const sections: QuestionSection[] = [];

  for (const questionShape of shape.questions) {
    const place = located.get(questionShape.name) ?? { element: { name: questionShape.name }, page: undefined, panel: undefined, isComputed: true };
    if (questionShape.personal && !withPersonal) continue;
    const question = toStatQuestion(questionShape, place.element, located, locale, fallbacks);
    questions.set(question.name, question);
    addToSection(sections, place, question, definition, locale, fallbacks);
  }

  const themeShape = shape.questions.find((candidate) => candidate.choiceThemes);
  return {
    title: localise(definition.title, locale, ""),
    breakdownFields: shape.breakdownFields.map((field) => questions.get(field)).filter((field): field is StatQuestion => !!field),
    questions,
    sections,
    themeQuestion: themeShape ? questions.get(themeShape.name) : undefined,
    maxRanked: themeShape?.maxRanked,
    repeats: buildExportLayout(definition).repeats.map((table) => ({
      name: table.name,
      title: table.name
        .split(".")
        .map((name) => localise(located.get(name)?.element.title, locale, name))
        .join(" — "),
    })),
  };
}

/** The question of `theme` that asks about `facet` (its urgency, its budget…). */
export function findFacetQuestion(questionnaire: DashboardQuestionnaire, theme: string, facet: string): StatQuestion | undefined {
  for (const question of questionnaire.questions.values()) {
    if (question.theme === theme && question.themeFacet === facet) return question;
  }
  return undefined;
}

/** `"{governorate} = 'south'"` → `{ field: "governorate", value: "south" }`; anything else is not understood. */
export function parseShownWhen(expression: unknown): { field: string; value: string } | undefined {
  if (typeof expression !== "string") return undefined;
  const match = /^\s*\{([\w.-]+)\}\s*=\s*'([^']*)'\s*$/.exec(expression);
  return match?.[1] !== undefined && match[2] !== undefined ? { field: match[1], value: match[2] } : undefined;
}

interface ElementPlace {
  element: JsonObject;
  page: JsonObject | undefined;
  panel: JsonObject | undefined;
  /** A calculated value: on no page. */
  isComputed?: true;
}

// A question as the dashboard shows it, and a group's parts with the titles of their items,
// cells ("row — column"), columns or questions.
function toStatQuestion(
  shape: QuestionShape,
  element: JsonObject,
  located: ReadonlyMap<string, ElementPlace>,
  locale: Locale,
  fallbacks: FallbackLabels,
  title = localise(element.title, locale, shape.name),
): StatQuestion {
  const question: StatQuestion = {
    name: shape.name,
    kind: shape.kind,
    title,
    choices: readChoices(element, shape.kind, shape.choices, locale, fallbacks),
  };
  if (shape.rows) question.rows = shape.rows.map((value) => itemChoice(findItem(element.rows, value), value, locale));
  if (shape.columns && shape.kind === "matrix") {
    question.columns = shape.columns.map((value) => itemChoice(findItem(element.columns, value), value, locale));
  }
  if (shape.theme) question.theme = shape.theme;
  if (shape.themeFacet) question.themeFacet = shape.themeFacet;
  if (shape.openChoices) question.openChoices = true;
  if (shape.repeated) question.repeated = true;
  if (shape.signature) question.signature = true;
  if (shape.parts) {
    const columns = new Map(columnsOf(element).map((column) => [String(column.name), column]));
    const items = Array.isArray(element.items) ? element.items.filter(isJsonObject) : [];
    question.parts = shape.parts.map((part) => {
      if (shape.groupType === "paneldynamic") {
        const nested = located.get(part.name)?.element ?? { name: part.name };
        return toStatQuestion(part, nested, located, locale, fallbacks);
      }
      if (shape.groupType === "multipletext") {
        const item = items.find((candidate) => String(candidate.name) === part.name) ?? {};
        return toStatQuestion(part, { ...item, type: "text" }, located, locale, fallbacks);
      }
      const [row, columnName] = shape.groupType === "matrixdropdown" ? part.path : [undefined, part.path[0]];
      const column = columns.get(String(columnName)) ?? { name: columnName };
      const cell = cellElement(element, column);
      const columnTitle = localise(column.title, locale, String(columnName));
      const rowTitle = row === undefined ? undefined : itemChoice(findItem(element.rows, row), row, locale).label;
      return toStatQuestion(part, cell, located, locale, fallbacks, rowTitle === undefined ? columnTitle : `${rowTitle} — ${columnTitle}`);
    });
  }
  return question;
}

// Each question with its page and innermost panel, found through the paths of the walk.
function locateElements(definition: JsonObject): Map<string, ElementPlace> {
  const byPath = new Map<string, JsonObject>();
  const places = new Map<string, ElementPlace>();
  forEachElement(definition, (element, path) => {
    byPath.set(formatJsonPath(path), element);
    // Pages are not questions; questions straight at the root (no pages) are.
    const isPage = path.length === 2 && path[0] === "pages";
    if (typeof element.name !== "string" || isPage) return;
    const ancestors: JsonObject[] = [];
    for (let length = 2; length < path.length; length += 2) {
      const ancestor = byPath.get(formatJsonPath(path.slice(0, length)));
      if (ancestor) ancestors.push(ancestor);
    }
    const page = path[0] === "pages" ? ancestors[0] : undefined;
    const panel = [...ancestors].reverse().find((ancestor) => ancestor.type === "panel" || ancestor.type === "paneldynamic");
    places.set(element.name, { element, page, panel });
  });
  return places;
}

function addToSection(
  sections: QuestionSection[],
  place: ElementPlace,
  question: StatQuestion,
  definition: JsonObject,
  locale: Locale,
  fallbacks: FallbackLabels,
): void {
  // Questions at the root (no pages) make one section titled as the questionnaire.
  const sectionName = place.isComputed ? "\u0000computed" : typeof place.page?.name === "string" ? place.page.name : "";
  let section = sections.find((candidate) => candidate.name === sectionName);
  if (!section) {
    const title = place.isComputed
      ? fallbacks.computed
      : place.page
        ? localise(place.page.title, locale, sectionName)
        : localise(definition.title, locale, sectionName);
    section = { name: sectionName, title, groups: [] };
    sections.push(section);
  }
  // Groups are runs in document order: questions after a panel start a new untitled group.
  const groupName = typeof place.panel?.name === "string" ? place.panel.name : "";
  let group = section.groups[section.groups.length - 1];
  if (!group || group.name !== groupName) {
    group = { name: groupName, title: place.panel ? localise(place.panel.title, locale, groupName) : null, questions: [] };
    section.groups.push(group);
  }
  group.questions.push(question);
}

function readChoices(element: JsonObject, kind: QuestionKind, values: string[], locale: Locale, fallbacks: FallbackLabels): Choice[] {
  if (kind === "boolean") {
    return [
      { value: "true", label: localise(element.labelTrue, locale, fallbacks.yes) },
      { value: "false", label: localise(element.labelFalse, locale, fallbacks.no) },
    ];
  }
  const list = element.type === "rating" ? element.rateValues : element.choices;
  return values.map((value) => {
    const item = findItem(list, value);
    if (!item && value === "other") return { value, label: localise(element.otherText, locale, fallbacks.other) };
    if (!item && value === "none") return { value, label: localise(element.noneText, locale, fallbacks.none) };
    return itemChoice(item, value, locale);
  });
}

function findItem(list: unknown, value: string): unknown {
  if (!Array.isArray(list)) return undefined;
  return list.find((item) => String(isJsonObject(item) ? item.value : item) === value);
}

function itemChoice(item: unknown, value: string, locale: Locale): Choice {
  if (!isJsonObject(item)) return { value, label: value };
  const choice: Choice = { value, label: localise(item.text, locale, value) };
  if (typeof item.theme === "string") choice.theme = item.theme;
  const shownWhen = parseShownWhen(item.visibleIf);
  if (shownWhen) choice.shownWhen = shownWhen;
  return choice;
}
