import { QuestionMatrixDropdownModelBase, settings, type Model } from "survey-core";

/**
 * The keys of `survey.data` that survey-core's own form writes besides the questions' values:
 * calculated values with `includeIntoResult`, a matrix's totals (`totalType`, `totalExpression`)
 * under `<name>-total`, and what `setvalue`, `copyvalue` and `runexpression` triggers set
 * (`setToName`) when that is not a question. survey-core recomputes the first two from the other
 * answers; trigger targets are the respondent's own data.
 */
export function surveyWrittenKeys(model: Model): string[] {
  const keys: string[] = [];
  for (const calculated of model.calculatedValues) {
    if (calculated.includeIntoResult && calculated.name) keys.push(calculated.name);
  }
  for (const question of model.getAllQuestions()) {
    if (question instanceof QuestionMatrixDropdownModelBase && question.hasTotal) {
      keys.push(question.getValueName() + settings.matrix.totalsSuffix);
    }
  }
  for (const trigger of model.triggers) {
    const { setToName, isVariable } = trigger as typeof trigger & { setToName?: string; isVariable?: boolean };
    if (typeof setToName === "string" && setToName && !isVariable) keys.push(setToName);
  }
  return keys;
}
