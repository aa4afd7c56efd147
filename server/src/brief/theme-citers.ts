import {
  ALL_RESPONDENTS,
  emptySummary,
  findThemeQuestion,
  foldResponse,
  presentAccumulator,
  type MaybeSuppressed,
  type QuestionShape,
  type QuestionnaireShape,
  type Summary,
  type ThemeCiters,
} from "@passerelle/shared";
import type { AnalyticsDeps } from "../analytics/analytics.service";
import type { FigureGate } from "../disclosure/figure-gate";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { ResponseFilter } from "../store/store.port";

/**
 * The questions crossed with each theme: the multiple-choice questions that belong to no theme
 * (for the census: the modes of cooperation, the constraints), personal ones and the theme
 * question itself left out.
 */
export function crossedQuestionsOf(shape: QuestionnaireShape): QuestionShape[] {
  const themeQuestion = findThemeQuestion(shape);
  return shape.questions.filter((question) => question.kind === "multi" && !question.theme && !question.personal && question !== themeQuestion);
}

/**
 * For each theme, the crossed questions' figures among the respondents who cite it, folded by
 * the dashboard's own fold (one group per theme, each response read against its version's
 * shape). A crossing is a group the release plan does not hold: citers fewer than the minimum
 * group size are withheld; for viewers, so are they when those who do not cite the theme are
 * that few (they could be told apart by subtraction from the overall figures), and the figures
 * shown go through the gate.
 */
export async function citersByTheme(
  deps: AnalyticsDeps,
  options: { questionnaire: Questionnaire; filter: ResponseFilter; gate: FigureGate; respondents: number },
): Promise<Record<string, MaybeSuppressed<ThemeCiters>>> {
  const current = deps.shapes.current(options.questionnaire);
  const themeQuestion = findThemeQuestion(current);
  if (!themeQuestion?.choiceThemes) return {};
  const crossed = new Set(crossedQuestionsOf(current).map((question) => question.name));
  const summaries = new Map<string, Summary>(Object.values(themeQuestion.choiceThemes).map((theme) => [theme, emptySummary()]));
  for await (const response of deps.store.responses.stream(options.filter)) {
    const shape = await deps.shapes.forVersion(options.questionnaire, response.version);
    const crossing: QuestionnaireShape = { breakdownFields: [], questions: shape.questions.filter((question) => crossed.has(question.name)) };
    const chosen = response.answers[themeQuestion.name];
    const values = Array.isArray(chosen) ? chosen.map(String) : [];
    for (const value of new Set(values)) {
      const theme = themeQuestion.choiceThemes[value];
      const summary = theme ? summaries.get(theme) : undefined;
      if (summary) foldResponse(summary, { answers: response.answers, shape: crossing });
    }
  }
  const min = deps.minGroupSize;
  return Object.fromEntries(
    [...summaries].map(([theme, summary]) => {
      const group = summary.groups[ALL_RESPONDENTS];
      const cited = group?.respondents ?? 0;
      const isComplementShown = options.gate.disclosure === "exact" || options.respondents - cited >= min;
      const isShown = options.gate.isViewShown && cited >= min && isComplementShown;
      if (!isShown || !group) return [theme, { suppressed: true as const }];
      const questions = Object.fromEntries(
        [...crossed].filter((name) => group.questions[name]).map((name) => [name, options.gate.present(presentAccumulator(group.questions[name]!))]),
      );
      return [theme, { cited, questions }];
    }),
  );
}
