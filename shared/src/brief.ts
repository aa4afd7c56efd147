import type { AnalyticsOverview, AnalyticsQuestion, AnalyticsThemes, FigureDisclosure } from "./analytics-api";
import type { ExcerptView } from "./excerpts";
import type { MaybeSuppressed, QuestionFigures } from "./statistics/present";

/** What those who cite one theme answered to the questionnaire's other multiple-choice questions. */
export interface ThemeCiters {
  /** Respondents citing the theme. */
  cited: number;
  /** By question name: the figures of the citers only. */
  questions: Record<string, QuestionFigures>;
}

/**
 * `GET /api/surveys/:id/brief`: every figure of the thematic brief, under the dashboard's
 * filters and its disclosure rules. The overview, themes and ranking question are exactly what
 * the analytics endpoints answer for the same filters and reader.
 */
export interface ThematicBrief {
  surveyId: string;
  generatedAt: string;
  filters: Record<string, string>;
  disclosure: FigureDisclosure;
  minGroupSize: number;
  /** The questionnaire's versions, oldest first; the one in service has a null date until the store records it. */
  versions: { version: string; firstSeenAt: string | null }[];
  /** Authorities invited (invitations not withdrawn); null when the questionnaire has no invitation. */
  invited: number | null;
  /** First and last day (or month, for viewers) with submissions shown; null when none. */
  period: { from: string; to: string } | null;
  overview: AnalyticsOverview;
  themes: AnalyticsThemes;
  /** The theme question's figures overall and per breakdown value (ranks, districts); null without one. */
  themeQuestion: AnalyticsQuestion | null;
  /** Theme ids in priority order: Borda score, then citations; withheld figures last. */
  priorities: string[];
  /** By theme id and facet (urgency, budget…): the name of the theme's question, for its labels. */
  facetQuestions: Record<string, Record<string, string>>;
  /** The multiple-choice questions crossed with each theme (modes of cooperation, constraints…). */
  crossedQuestions: string[];
  /** Per theme id. Withheld when the citers, or those who do not cite it, are too few. */
  citers: Record<string, MaybeSuppressed<ThemeCiters>>;
  /** Published excerpts of the filtered responses, unchanged since publication. */
  excerpts: ExcerptView[];
}

/** Submissions per calendar month of an overview's tracking; a month with a figure withheld is withheld; empty months left out. */
export function submissionsByMonth(tracking: AnalyticsOverview["tracking"]): [string, number | null][] {
  const months = new Map<string, number | null>();
  for (const day of tracking) {
    const month = day.date.slice(0, 7);
    const before = months.has(month) ? months.get(month)! : 0;
    months.set(month, before === null || day.submitted === null ? null : before + day.submitted);
  }
  return [...months].filter(([, count]) => count !== 0);
}
