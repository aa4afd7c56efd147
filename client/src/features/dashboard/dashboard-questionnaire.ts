import {
  forEachElement,
  formatJsonPath,
  isJsonObject,
  readQuestionnaireShape,
  surveyJsLocale,
  type JsonObject,
  type Locale,
  type QuestionKind,
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
export function readDashboardQuestionnaire(
  definition: JsonObject,
  locale: Locale,
  fallbacks: FallbackLabels,
  withPersonal = true,
): DashboardQuestionnaire {
  const shape = readQuestionnaireShape(definition);
  const located = locateElements(definition);
  const questions = new Map<string, StatQuestion>();
  const sections: QuestionSection[] = [];

  for (const questionShape of shape.questions) {
    const place = located.get(questionShape.name);
    if (!place || (questionShape.personal && !withPersonal)) continue;
    const element = place.element;
    const question: StatQuestion = {
      name: questionShape.name,
      kind: questionShape.kind,
      title: localise(element.title, locale, questionShape.name),
      choices: readChoices(element, questionShape.kind, questionShape.choices, locale, fallbacks),
    };
    if (questionShape.rows) question.rows = questionShape.rows.map((value) => itemChoice(findItem(element.rows, value), value, locale));
    if (questionShape.columns) {
      question.columns = questionShape.columns.map((value) => itemChoice(findItem(element.columns, value), value, locale));
    }
    if (questionShape.theme) question.theme = questionShape.theme;
    if (questionShape.themeFacet) question.themeFacet = questionShape.themeFacet;
    questions.set(question.name, question);
    addToSection(sections, place, question, locale);
  }

  const themeShape = shape.questions.find((candidate) => candidate.choiceThemes);
  return {
    title: localise(definition.title, locale, ""),
    breakdownFields: shape.breakdownFields.map((field) => questions.get(field)).filter((field): field is StatQuestion => !!field),
    questions,
    sections,
    themeQuestion: themeShape ? questions.get(themeShape.name) : undefined,
    maxRanked: themeShape?.maxRanked,
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
}

// Each question with its page and innermost panel, found through the paths of the walk.
function locateElements(definition: JsonObject): Map<string, ElementPlace> {
  const byPath = new Map<string, JsonObject>();
  const places = new Map<string, ElementPlace>();
  forEachElement(definition, (element, path) => {
    byPath.set(formatJsonPath(path), element);
    if (typeof element.name !== "string" || path.length <= 2) return;
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

function addToSection(sections: QuestionSection[], place: ElementPlace, question: StatQuestion, locale: Locale): void {
  const sectionName = typeof place.page?.name === "string" ? place.page.name : "";
  let section = sections.find((candidate) => candidate.name === sectionName);
  if (!section) {
    section = { name: sectionName, title: localise(place.page?.title, locale, sectionName), groups: [] };
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
