import { ALL_RESPONDENTS, groupKey, type ExportLayout, type GroupSummary, type Locale, type Summary } from "@passerelle/shared";
import { isNarrowed, type AnalyticsDeps } from "../analytics/analytics.service";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { ResponseFilter } from "../store/store.port";

/** One block of a summary export: everyone, or the respondents of one governorate. */
export interface SummaryScope {
  /** `*` for everyone, else the breakdown value's label in the export's language. */
  label: string;
  respondents: number;
  /** Undefined when nobody in the scope answered. */
  group: GroupSummary | undefined;
  /** Too few respondents to show without risking that someone is recognised. */
  isSuppressed: boolean;
}

/**
 * The scopes of a summary export, overall then per value of the first breakdown field (the
 * governorate), suppressed exactly as the dashboard suppresses them.
 */
export function summaryScopes(
  deps: Pick<AnalyticsDeps, "minGroupSize" | "shapes">,
  questionnaire: Questionnaire,
  filter: ResponseFilter,
  summary: Summary,
  texts: ExportLayout["texts"],
  locale: Locale,
): SummaryScope[] {
  const overall = summary.groups[ALL_RESPONDENTS];
  const overallRespondents = overall?.respondents ?? 0;
  const scopes: SummaryScope[] = [
    { label: ALL_RESPONDENTS, respondents: overallRespondents, group: overall, isSuppressed: isNarrowed(deps, filter, overallRespondents) },
  ];
  const field = questionnaire.breakdownFields[0];
  if (!field) return scopes;
  const values = deps.shapes.current(questionnaire).questions.find((question) => question.name === field)?.choices ?? [];
  for (const value of values) {
    const group = summary.groups[groupKey(field, value)];
    const respondents = group?.respondents ?? 0;
    scopes.push({
      label: texts.get(field)?.choices.get(value)?.[locale] ?? value,
      respondents,
      group,
      isSuppressed: respondents > 0 && respondents < deps.minGroupSize,
    });
  }
  return scopes;
}

/** The note of a suppressed row, so a reader knows why its figures are empty. */
export function suppressionNote(minGroupSize: number): string {
  return `fewer than ${minGroupSize} respondents`;
}
