import type { Accumulator } from "./accumulators";
import type { GroupSummary } from "./fold";
import type { QuestionShape, QuestionnaireShape } from "./questionnaire-shape";

/** A theme's figures within one group of respondents. */
export interface ThemeFigures {
  theme: string;
  /** Respondents who ranked (or chose) the theme. */
  cited: number;
  /** `cited` over the respondents who answered the theme question; null when nobody did. */
  share: number | null;
  /** Borda points summed over respondents (rankings only; see `addAnswer`). */
  score: number | null;
  /** Mean position among those who ranked it, 1 being first (rankings only). */
  meanRank: number | null;
  /** Respondents who ranked it first (rankings only). */
  rankedFirst: number | null;
  /** The accumulators of the theme's own questions by facet: urgency, budget, need… */
  facets: Record<string, Accumulator>;
}

/** The question whose choices are themes: the census's priority ranking, the offer's expertise list. */
export function findThemeQuestion(shape: QuestionnaireShape): QuestionShape | undefined {
  return shape.questions.find((question) => question.choiceThemes && (question.kind === "ranking" || question.kind === "multi"));
}

/** Every theme's figures in one group, in the order of the theme question's choices. */
export function computeThemeFigures(group: GroupSummary, shape: QuestionnaireShape): ThemeFigures[] {
  const question = findThemeQuestion(shape);
  if (!question?.choiceThemes) return [];
  const acc = group.questions[question.name];
  const base = acc?.n ?? 0;
  return Object.entries(question.choiceThemes).map(([value, theme]) => {
    const figures: ThemeFigures = { theme, cited: 0, share: null, score: null, meanRank: null, rankedFirst: null, facets: {} };
    if (acc?.kind === "ranking") {
      const item = acc.items[value];
      figures.cited = item?.ranked ?? 0;
      figures.score = item?.score ?? 0;
      figures.rankedFirst = item?.first ?? 0;
      figures.meanRank = item && item.ranked > 0 ? item.rankSum / item.ranked : null;
    } else if (acc?.kind === "counts") {
      figures.cited = acc.counts[value] ?? 0;
    }
    figures.share = base > 0 ? figures.cited / base : null;
    for (const themed of shape.questions) {
      // Only the theme's own questions are read: a merged group unpacks each on its first read.
      if (themed.theme !== theme || !themed.themeFacet) continue;
      const facetAcc = group.questions[themed.name];
      if (facetAcc) figures.facets[themed.themeFacet] = facetAcc;
    }
    return figures;
  });
}
