import { formatJsonPath, isNestedDeeperThan, questionnaireLanguages, type ErrorDetail, type QuestionnaireUploadCheck } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import { checkQuestionnaire } from "./check-questionnaire";
import { parseQuestionnaireText } from "./parse-questionnaire-text";
import type { Questionnaire } from "./questionnaire";
import type { QuestionnaireProblem } from "./questionnaire-problems";
import type { QuestionnaireRegistry, ServedQuestionnaire } from "./questionnaire.registry";

/** A questionnaire file sent by an administrator. */
export interface QuestionnaireUpload {
  /** The file's name, for messages (`census-v2.json`). */
  fileName: string;
  text: string;
}

/** An upload that passed the checks, with what it would replace. */
export interface CheckedUpload {
  questionnaire: Questionnaire;
  warnings: string[];
  /** What is served under its id now, if anything. */
  current: ServedQuestionnaire | undefined;
}

// Far deeper than any questionnaire (a panel in a dynamic panel in a page is a handful of
// levels); shallow enough that the recursive walks of the checks cannot overflow the stack.
const MAX_DEFINITION_DEPTH = 64;
// A file with thousands of problems is named by its first ones; the count says how many.
const MAX_PROBLEMS_SHOWN = 50;

/**
 * Checks an uploaded questionnaire exactly as a file of `surveys/` is checked at start (the same
 * rules, the same messages with the path inside the file), or throws the 422
 * `invalid_questionnaire` naming each problem. Writes nothing.
 */
export function checkUpload(questionnaires: QuestionnaireRegistry, upload: QuestionnaireUpload): CheckedUpload {
  const problems: QuestionnaireProblem[] = [];
  const json = parseQuestionnaireText(upload.fileName, upload.text, problems);
  if (problems.length === 0 && isNestedDeeperThan(json, MAX_DEFINITION_DEPTH)) {
    problems.push({ file: upload.fileName, path: [], message: `must not be nested more than ${MAX_DEFINITION_DEPTH} levels deep` });
  }
  const warnings: QuestionnaireProblem[] = [];
  const questionnaire = problems.length === 0 ? checkQuestionnaire(upload.fileName, json, questionnaires.catalogue, problems, warnings) : undefined;
  if (!questionnaire) throw invalidQuestionnaire(upload.fileName, problems);
  return { questionnaire, warnings: warnings.map((warning) => warning.message), current: questionnaires.findServed(questionnaire.id) };
}

export function presentUploadCheck(checked: CheckedUpload): QuestionnaireUploadCheck {
  const { questionnaire, current } = checked;
  return {
    id: questionnaire.id,
    version: questionnaire.version,
    title: questionnaire.title,
    isNew: current === undefined,
    isUnchanged: current?.declared.version === questionnaire.version,
    previousVersion: current?.declared.version ?? null,
    languages: [...questionnaireLanguages(questionnaire.definition)].sort(),
    definition: questionnaire.definition,
    warnings: checked.warnings,
  };
}

function invalidQuestionnaire(fileName: string, problems: readonly QuestionnaireProblem[]): AppError {
  const details: ErrorDetail[] = problems
    .slice(0, MAX_PROBLEMS_SHOWN)
    .map((problem) => ({ question: formatJsonPath(problem.path) || "(file)", message: problem.message }));
  if (problems.length > MAX_PROBLEMS_SHOWN) details.push({ question: "(file)", message: `and ${problems.length - MAX_PROBLEMS_SHOWN} more problem(s)` });
  return new AppError("invalid_questionnaire", `${fileName} cannot be published: ${problems.length} problem(s) to fix.`, details);
}
