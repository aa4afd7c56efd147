import { ALL_RESPONDENTS, groupKey, type ExportLayout, type GroupSummary, type Locale, type QuestionFigures, type Summary } from "@passerelle/shared";
import type { AnalyticsDeps } from "../analytics/analytics.service";
import { figureGate, type Disclosure } from "../disclosure/figure-gate";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { ResponseFilter } from "../store/store.port";
import { ALL_RESPONDENTS_LABEL } from "./summary-headers";

/** One block of a summary export: everyone, or the respondents of one governorate. */
export interface SummaryScope {
  /** Everyone, else the breakdown value, named in the export's language. */
  label: string;
  respondents: number;
  /** Undefined when nobody in the scope answered. */
  group: GroupSummary | undefined;
  /** Too few respondents to show without risking that someone is recognised. */
  isSuppressed: boolean;
}

/** The blocks of a summary export, and how its figures are shown to its reader. */
export interface SummaryScopes {
  scopes: SummaryScope[];
  /** A question's figures as the reader may see them (see figure-gate.ts). */
  present(figures: QuestionFigures): QuestionFigures;
}

/**
 * The scopes of a summary export, overall then per value of the first breakdown field (the
 * governorate), withheld by the same gate as the dashboard's figures.
 */
export async function summaryScopes(
  deps: Pick<AnalyticsDeps, "minGroupSize" | "shapes" | "store" | "releasePlans" | "cubes">,
  options: { questionnaire: Questionnaire; filter: ResponseFilter; summary: Summary; texts: ExportLayout["texts"]; locale: Locale; disclosure: Disclosure },
): Promise<SummaryScopes> {
  const { questionnaire, filter, summary, texts, locale } = options;
  const overall = summary.groups[ALL_RESPONDENTS];
  const overallRespondents = overall?.respondents ?? 0;
  const gate = await figureGate(deps, { questionnaire, filter, disclosure: options.disclosure, respondents: overallRespondents });
  const scopes: SummaryScope[] = [{ label: ALL_RESPONDENTS_LABEL[locale], respondents: overallRespondents, group: overall, isSuppressed: !gate.isViewShown }];
  const field = questionnaire.breakdownFields[0];
  if (!field) return { scopes, present: gate.present };
  const values = deps.shapes.current(questionnaire).questions.find((question) => question.name === field)?.choices ?? [];
  for (const value of values) {
    const group = summary.groups[groupKey(field, value)];
    const respondents = group?.respondents ?? 0;
    scopes.push({
      label: texts.get(field)?.choices.get(value)?.[locale] ?? value,
      respondents,
      group,
      isSuppressed: !gate.isGroupShown(field, value, respondents),
    });
  }
  return { scopes, present: gate.present };
}

/** The note of a suppressed row, so a reader knows why its figures are empty. */
export function suppressionNote(minGroupSize: number, disclosure: Disclosure): string {
  return disclosure === "exact"
    ? `fewer than ${minGroupSize} respondents`
    : `withheld: fewer than ${minGroupSize} respondents, or would reveal a group that has`;
}
