import type { QuestionShape } from "./statistics/questionnaire-shape";
import type { MaybeSuppressed, PresentedThemeFigures, QuestionFigures } from "./statistics/present";

/**
 * How the figures were released: `exact` for analysts and administrators; `controlled` for
 * viewers, whose figures are those the disclosure control releases (see docs/api.md).
 */
export type FigureDisclosure = "exact" | "controlled";

/** `GET /api/surveys/:id/analytics/overview` */
export interface AnalyticsOverview {
  surveyId: string;
  filters: Record<string, string>;
  disclosure: FigureDisclosure;
  /** Submitted responses matching the filters: the base of every statistic; null when withheld. */
  respondents: number | null;
  /** Drafts matching the breakdown filters (a period applies to submissions only); null when withheld. */
  drafts: number | null;
  /** Breakdown cells with fewer respondents than this are suppressed. */
  minGroupSize: number;
  /** Respondents per value of each breakdown field, in questionnaire order. */
  breakdowns: Record<string, { value: string; respondents: MaybeSuppressed<{ count: number }> }[]>;
  /**
   * Responses started (created) and submitted per day (UTC), or per calendar month
   * (`YYYY-MM`) in controlled figures, where a month's submissions may be withheld (null).
   */
  tracking: { date: string; started: number; submitted: number | null }[];
}

export interface ThemeGroupCell {
  respondents: number;
  cited: number;
  share: number | null;
  score: number | null;
}

/** `GET /api/surveys/:id/analytics/themes` */
export interface AnalyticsThemes {
  surveyId: string;
  filters: Record<string, string>;
  disclosure: FigureDisclosure;
  /** Null when withheld. */
  respondents: number | null;
  minGroupSize: number;
  /** The question whose choices are themes, or null when the questionnaire has none. */
  themeQuestion: string | null;
  /** For a ranking: how many themes can be ranked, the points rank 1 earns (Borda). */
  scoreBase: number | null;
  /** Breakdown field used for the theme × group table (the first declared, e.g. governorate). */
  groupField: string | null;
  themes: {
    theme: string;
    /** Suppressed when the filters narrow the respondents below the minimum group size. */
    overall: MaybeSuppressed<PresentedThemeFigures>;
    /** Keyed by the group field's value. */
    byGroup: Record<string, MaybeSuppressed<ThemeGroupCell>>;
  }[];
}

/** `GET /api/surveys/:id/analytics/questions/:questionName` */
export interface AnalyticsQuestion {
  surveyId: string;
  filters: Record<string, string>;
  /** The question as counted: its kind, choices, rows and columns, a group's parts. */
  question: Omit<QuestionShape, "choiceThemes" | "maxRanked" | "themeFacet">;
  disclosure: FigureDisclosure;
  /** Null when withheld. */
  respondents: number | null;
  minGroupSize: number;
  /** Suppressed when the filters' group is withheld. */
  overall: MaybeSuppressed<QuestionFigures>;
  /** Keyed `field=value` for each breakdown field's values. */
  byGroup: Record<string, MaybeSuppressed<{ respondents: number; figures: QuestionFigures }>>;
}
