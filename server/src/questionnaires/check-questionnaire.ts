import { z } from "zod";
import { createHash } from "node:crypto";
import { Model } from "survey-core";
import {
  CHOICE_LIST_KEYS,
  LOCALES,
  QuestionnaireStatusSchema,
  forEachElement,
  formatJsonPath,
  isJsonObject,
  isQuestionElement,
  registerCustomProperties,
  toLocaleRecord,
  type JsonObject,
  type JsonPath,
  type Locale,
  type ThemeCatalogue,
} from "@passerelle/shared";
import { readInvitationForm } from "../invitations/invitation-form";
import { captureConsoleOutput } from "../responses/survey-core-console";
import type { Questionnaire } from "./questionnaire";
import type { QuestionnaireProblem } from "./questionnaire-problems";

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Checks one parsed questionnaire file against the rules the rest of the system relies on and
 * returns it ready to serve, or records every problem (with its path) and returns undefined.
 */
export function checkQuestionnaire(
  file: string,
  json: unknown,
  catalogue: ThemeCatalogue,
  problems: QuestionnaireProblem[],
  warnings: QuestionnaireProblem[] = [],
): Questionnaire | undefined {
  const before = problems.length;
  const report = (path: JsonPath, message: string) => problems.push({ file, path, message });
  if (!isJsonObject(json)) {
    report([], "a questionnaire is a JSON object");
    return undefined;
  }
  const definition = structuredClone(json);
  const id = definition.questionnaireId;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) {
    report(["questionnaireId"], "is required: lower-case letters, digits and dashes");
  }
  const status = QuestionnaireStatusSchema.safeParse(definition.questionnaireStatus ?? "open");
  if (!status.success) report(["questionnaireStatus"], 'must be "draft", "open" or "closed"');

  const access = definition.questionnaireAccess ?? "public";
  if (access !== "public" && access !== "invitation") report(["questionnaireAccess"], 'must be "public" or "invitation"');

  const objectPaths = pathsOfObjects(definition);
  const questionNames = checkElements(definition, catalogue, report);
  const breakdownFields = checkBreakdownFields(definition, questionNames, report);
  checkWithSurveyJs(definition, objectPaths, report, (message) => warnings.push({ file, path: [], message }));
  const invitationForm = readInvitationForm(definition, report);

  const opensAt = readInstant(definition, "questionnaireOpensAt", report);
  const closesAt = readInstant(definition, "questionnaireClosesAt", report);
  if (opensAt && closesAt && closesAt <= opensAt) report(["questionnaireClosesAt"], "must come after questionnaireOpensAt");

  if (problems.length > before || typeof id !== "string" || !status.success || (access !== "public" && access !== "invitation")) {
    return undefined;
  }
  return {
    id,
    status: status.data,
    access,
    invitationForm,
    ...(opensAt ? { opensAt } : {}),
    ...(closesAt ? { closesAt } : {}),
    version: hashDefinition(definition),
    definition,
    title: titleOf(definition.title, id),
    description: toLocaleRecord(definition.description, ""),
    locales: LOCALES,
    breakdownFields,
    file,
  };
}

// An ISO 8601 instant with its time zone (`2026-12-31T23:59:59+02:00`), so that Beirut's evening
// is not read as the server's.
function readInstant(definition: JsonObject, key: string, report: (path: JsonPath, message: string) => void): Date | undefined {
  const value = definition[key];
  if (value === undefined) return undefined;
  const parsed = z.iso.datetime({ offset: true }).safeParse(value);
  if (!parsed.success) {
    report([key], "must be an ISO 8601 date and time with its offset, e.g. 2026-12-31T23:59:59+02:00");
    return undefined;
  }
  return new Date(parsed.data);
}

// Unique question names, known theme ids, and theme choices given their labels from the catalogue.
function checkElements(definition: JsonObject, catalogue: ThemeCatalogue, report: (path: JsonPath, message: string) => void): Set<string> {
  const themes = new Map(catalogue.themes.map((theme) => [theme.id, theme]));
  const firstSeen = new Map<string, JsonPath>();
  const checkTheme = (value: unknown, path: JsonPath) => {
    if (value !== undefined && !(typeof value === "string" && themes.has(value))) {
      report(path, `unknown theme id ${JSON.stringify(value)} (not in themes.json)`);
    }
  };
  forEachElement(definition, (element, path) => {
    checkTheme(element.theme, [...path, "theme"]);
    if (isQuestionElement(element, path)) {
      const name = element.name as string;
      const earlier = firstSeen.get(name);
      if (earlier) report([...path, "name"], `duplicate question name "${name}" (first used at ${formatJsonPath(earlier)})`);
      else firstSeen.set(name, path);
    }
    for (const key of CHOICE_LIST_KEYS) {
      const items = element[key];
      if (!Array.isArray(items)) continue;
      items.forEach((item, index) => {
        if (!isJsonObject(item)) return;
        const itemPath = [...path, key, index];
        checkTheme(item.theme, [...itemPath, "theme"]);
        const theme = typeof item.theme === "string" ? themes.get(item.theme) : undefined;
        if (theme && item.text === undefined) {
          item.text = { default: theme.label.en, fr: theme.label.fr, ar: theme.label.ar };
        }
      });
    }
  });
  return new Set(firstSeen.keys());
}

function checkBreakdownFields(definition: JsonObject, questionNames: Set<string>, report: (path: JsonPath, message: string) => void): string[] {
  const fields = definition.breakdownFields ?? [];
  if (!Array.isArray(fields) || !fields.every((field) => typeof field === "string")) {
    report(["breakdownFields"], "must be a list of question names");
    return [];
  }
  fields.forEach((field, index) => {
    if (!questionNames.has(field)) report(["breakdownFields", index], `no question is named "${field}"`);
  });
  return fields;
}

// Whatever survey-core itself cannot read (unknown property, wrong type) would silently be
// dropped by the form; refuse it instead.
function checkWithSurveyJs(
  definition: JsonObject,
  objectPaths: Map<object, JsonPath>,
  report: (path: JsonPath, message: string) => void,
  warn: (message: string) => void,
): void {
  registerCustomProperties();
  // What survey-core prints while it reads and runs the form (an unknown function in an
  // expression) becomes a warning of the file, logged as such.
  const { result: model, messages } = captureConsoleOutput(() => new Model(definition));
  for (const message of new Set(messages)) warn(message);
  for (const error of model.jsonErrors ?? []) {
    const at = (error as { jsonObj?: unknown }).jsonObj;
    const path = typeof at === "object" && at !== null ? objectPaths.get(at) : undefined;
    report(path ?? [], error.message);
  }
  model.dispose();
}

function hashDefinition(definition: JsonObject): string {
  return createHash("sha256").update(JSON.stringify(definition)).digest("hex").slice(0, 16);
}

// Every object of the definition (elements, choices, validators, columns, triggers…) by its
// path, so that survey-core's complaint about one names where it is.
function pathsOfObjects(definition: JsonObject): Map<object, JsonPath> {
  const paths = new Map<object, JsonPath>();
  const walk = (value: unknown, path: JsonPath) => {
    if (typeof value !== "object" || value === null) return;
    paths.set(value, path);
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
    else for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(definition, []);
  return paths;
}

// A questionnaire without a title (or with an empty one) is shown under a title of its own
// languages if it has one (`{ "es": … }`), else under its id: never as an empty string.
function titleOf(title: unknown, id: string): Record<Locale, string> {
  const anyText = isJsonObject(title) ? Object.values(title).find((text) => typeof text === "string" && text.trim() !== "") : undefined;
  const fallback = typeof anyText === "string" ? anyText : id;
  const record = toLocaleRecord(title, fallback);
  for (const locale of LOCALES) if (record[locale].trim() === "") record[locale] = fallback;
  return record;
}
