import fs from "node:fs";
import path from "node:path";
import { ThemeCatalogueSchema, type ThemeCatalogue } from "@passerelle/shared";
import { checkQuestionnaire } from "./check-questionnaire";
import { parseQuestionnaireText } from "./parse-questionnaire-text";
import type { Questionnaire } from "./questionnaire";
import { QuestionnaireLoadError, type QuestionnaireProblem } from "./questionnaire-problems";
import { QuestionnaireRegistry } from "./questionnaire.registry";

export const THEME_CATALOGUE_FILE = "themes.json";

/**
 * Reads the theme catalogue and every questionnaire file of `dir`, checks them all, and either
 * returns the registry or throws one error naming every problem (file and path inside it), so
 * a broken file stops the start instead of failing in front of a respondent. What survey-core
 * itself says of a file that loads (an unknown function in an expression) goes to `onWarning`.
 */
export function loadQuestionnaires(dir: string, onWarning?: (warning: QuestionnaireProblem) => void): QuestionnaireRegistry {
  const problems: QuestionnaireProblem[] = [];
  const files = listJsonFiles(dir, problems);
  const catalogue = readCatalogue(dir, problems);
  const questionnaires: Questionnaire[] = [];
  if (catalogue) {
    const firstFileById = new Map<string, string>();
    for (const file of files.filter((name) => name !== THEME_CATALOGUE_FILE)) {
      const json = readJsonFile(dir, file, problems);
      if (json === undefined) continue;
      const warnings: QuestionnaireProblem[] = [];
      const questionnaire = checkQuestionnaire(file, json, catalogue, problems, warnings);
      for (const warning of warnings) onWarning?.({ ...warning, file: path.join(dir, warning.file) });
      if (!questionnaire) continue;
      const other = firstFileById.get(questionnaire.id);
      if (other) {
        problems.push({ file, path: ["questionnaireId"], message: `"${questionnaire.id}" is already used by ${other}` });
        continue;
      }
      firstFileById.set(questionnaire.id, file);
      questionnaires.push(questionnaire);
    }
  }
  if (problems.length > 0) throw new QuestionnaireLoadError(problems, dir);
  return new QuestionnaireRegistry(questionnaires, catalogue as ThemeCatalogue);
}

function listJsonFiles(dir: string, problems: QuestionnaireProblem[]): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(".json"))
      .sort();
  } catch (error) {
    problems.push({ file: dir, path: [], message: `cannot read the folder (${(error as Error).message})` });
    return [];
  }
}

function readCatalogue(dir: string, problems: QuestionnaireProblem[]): ThemeCatalogue | undefined {
  const json = readJsonFile(dir, THEME_CATALOGUE_FILE, problems);
  if (json === undefined) return undefined;
  const parsed = ThemeCatalogueSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    problems.push({ file: THEME_CATALOGUE_FILE, path: issue.path as (string | number)[], message: issue.message });
  }
  return undefined;
}

function readJsonFile(dir: string, file: string, problems: QuestionnaireProblem[]): unknown {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, file), "utf8");
  } catch (error) {
    problems.push({ file, path: [], message: `cannot read the file (${(error as Error).message})` });
    return undefined;
  }
  return parseQuestionnaireText(file, text, problems);
}
