import type { AnalyticsOverview, AnalyticsQuestion } from "../analytics-api";
import { isSuppressed, type QuestionFigures } from "../statistics/present";

/**
 * An area's figure: a number, `"suppressed"` when the disclosure rules withhold it (drawn
 * hatched, "too few to show", never as zero); absent when there is none (nobody there answered).
 */
export type AreaValue = number | "suppressed";

/**
 * The maps' figures from the analytics API's answers, which already went through the disclosure
 * rules of the reader's role: what the API withholds stays `"suppressed"`, never zero. Pure.
 */
export type AreaValues = Record<string, AreaValue | undefined>;

/** Respondents per value of a breakdown field, from the overview. */
export function respondentsByArea(overview: AnalyticsOverview, field: string): AreaValues {
  const values: AreaValues = {};
  for (const entry of overview.breakdowns[field] ?? []) {
    values[entry.value] = isSuppressed(entry.respondents) ? "suppressed" : entry.respondents.count;
  }
  return values;
}

/** What a map shows of one choice of a question: its Borda score (rankings) or the share of those who answered that cite it. */
export type ChoiceMeasure = "score" | "share";

/**
 * One choice's score or share in each area, from the question's figures per breakdown group
 * (`field=value`). An area where nobody answered the question has no figure (blank), not 0 %.
 */
export function choiceByArea(question: AnalyticsQuestion, options: { field: string; choice: string; measure: ChoiceMeasure }): AreaValues {
  const values: AreaValues = {};
  const prefix = `${options.field}=`;
  for (const [key, group] of Object.entries(question.byGroup)) {
    if (!key.startsWith(prefix)) continue;
    const area = key.slice(prefix.length);
    if (isSuppressed(group)) {
      values[area] = "suppressed";
      continue;
    }
    values[area] = measureOf(group.figures, options.choice, options.measure);
  }
  return values;
}

function measureOf(figures: QuestionFigures, choice: string, measure: ChoiceMeasure): number | undefined {
  if (figures.kind === "ranking" && figures.n > 0) {
    const item = figures.items[choice];
    if (!item) return undefined;
    return measure === "score" ? item.score : (item.share ?? undefined);
  }
  if (figures.kind === "counts" && figures.n > 0 && measure === "share") return (figures.counts[choice] ?? 0) / figures.n;
  return undefined;
}

/** Whether a question's figures give a score for each choice (a ranking) as well as a share. */
export function hasScore(question: { kind: string }): boolean {
  return question.kind === "ranking";
}
