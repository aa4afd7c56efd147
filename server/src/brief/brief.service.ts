import { ALL_RESPONDENTS, findThemeQuestion, isSuppressed, type AnalyticsThemes, type QuestionnaireShape, type ThematicBrief } from "@passerelle/shared";
import { getOverview, getQuestion, getThemes, summarise, type AnalyticsDeps } from "../analytics/analytics.service";
import { parseAnalyticsFilter } from "../analytics/analytics-filter";
import { figureGate, type Disclosure } from "../disclosure/figure-gate";
import { managedExcerpts, presentForViewer, type ExcerptsDeps } from "../excerpts/excerpts.service";
import type { StoredInvitation, StoredQuestionnaireVersion } from "../store/store.port";
import { citersByTheme, crossedQuestionsOf } from "./theme-citers";

export type BriefDeps = AnalyticsDeps & ExcerptsDeps;

/**
 * Every figure of the thematic brief for the dashboard's filters. The overview, the themes and
 * the theme question are the analytics service's own answers for the same request, so the
 * brief and the dashboard never disagree; the crossings by theme use the same fold and gate.
 */
export async function getBrief(deps: BriefDeps, request: { surveyId: string; query: unknown; disclosure: Disclosure }): Promise<ThematicBrief> {
  const questionnaire = deps.questionnaires.get(request.surveyId);
  const filter = parseAnalyticsFilter(questionnaire, request.query, request.disclosure);
  const shape = deps.shapes.current(questionnaire);
  const themeQuestionName = findThemeQuestion(shape)?.name;
  const analytics = { surveyId: request.surveyId, query: request.query, disclosure: request.disclosure };
  const [overview, themes, themeQuestion, versions, invitations] = await Promise.all([
    getOverview(deps, analytics),
    getThemes(deps, analytics),
    themeQuestionName ? getQuestion(deps, { ...analytics, questionName: themeQuestionName, includePersonal: false }) : Promise.resolve(null),
    deps.store.questionnaireVersions.listForSurvey(questionnaire.id),
    deps.store.invitations.listForSurvey(questionnaire.id),
  ]);
  const respondents = (await summarise(deps, questionnaire, filter)).groups[ALL_RESPONDENTS]?.respondents ?? 0;
  const gate = await figureGate(deps, { questionnaire, filter, disclosure: request.disclosure, respondents });
  const shownDays = overview.tracking.filter((day) => (day.submitted ?? 0) > 0).map((day) => day.date);
  return {
    surveyId: questionnaire.id,
    generatedAt: deps.now().toISOString(),
    filters: overview.filters,
    disclosure: overview.disclosure,
    minGroupSize: overview.minGroupSize,
    versions: versionsOf(questionnaire.version, versions),
    invited: invitedCount(invitations),
    period: shownDays.length > 0 ? { from: shownDays[0]!, to: shownDays[shownDays.length - 1]! } : null,
    overview,
    themes,
    themeQuestion,
    priorities: prioritiesOf(themes),
    facetQuestions: facetQuestionsOf(shape),
    crossedQuestions: crossedQuestionsOf(shape).map((question) => question.name),
    citers: await citersByTheme(deps, { questionnaire, filter, gate, respondents }),
    // Excerpts are a group's words: none where its figures are withheld.
    excerpts: gate.isViewShown
      ? (await managedExcerpts(deps, questionnaire, filter)).filter((excerpt) => excerpt.status === "published").map(presentForViewer)
      : [],
  };
}

/** Themes by Borda score (citations for a multiple choice), then questionnaire order; withheld last. */
export function prioritiesOf(themes: AnalyticsThemes): string[] {
  const weight = (entry: AnalyticsThemes["themes"][number]) => (isSuppressed(entry.overall) ? -1 : (entry.overall.score ?? entry.overall.cited));
  return themes.themes
    .map((entry, index) => ({ theme: entry.theme, weight: weight(entry), index }))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.theme);
}

function facetQuestionsOf(shape: QuestionnaireShape): ThematicBrief["facetQuestions"] {
  const byTheme: ThematicBrief["facetQuestions"] = {};
  for (const question of shape.questions) {
    if (question.theme && question.themeFacet) (byTheme[question.theme] ??= {})[question.themeFacet] = question.name;
  }
  return byTheme;
}

// The version in service is listed even before the store has recorded it.
function versionsOf(current: string, stored: readonly StoredQuestionnaireVersion[]): ThematicBrief["versions"] {
  const listed = stored.map((version) => ({ version: version.version, firstSeenAt: version.firstSeenAt.toISOString() as string | null }));
  return listed.some((version) => version.version === current) ? listed : [...listed, { version: current, firstSeenAt: null }];
}

// Authorities invited and not withdrawn; none known (a questionnaire answered by its public link only) is null, not 0.
function invitedCount(invitations: readonly StoredInvitation[]): number | null {
  const live = invitations.filter((invitation) => !invitation.revokedAt).length;
  return invitations.length > 0 ? live : null;
}
