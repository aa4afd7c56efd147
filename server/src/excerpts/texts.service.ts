import { z } from "zod";
import type { TextAnswer, TextQuestionSummary, TextsPage } from "@passerelle/shared";
import { parseAnalyticsFilter } from "../analytics/analytics-filter";
import { AppError } from "../http/app-error";
import { parseQuery } from "../http/validation-details";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";
import type { Store } from "../store/store.port";
import { authorityNameOf, searchKey, textQuestionsOf } from "./text-questions";

export interface TextsDeps {
  store: Store;
  questionnaires: QuestionnaireRegistry;
}

const TextsQuerySchema = z.object({
  question: z.string().max(200).optional(),
  theme: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const OWN_PARAMETERS = new Set(Object.keys(TextsQuerySchema.shape));

/**
 * One page of the written answers of the submitted responses matching the dashboard's filters:
 * of one question, of one theme's questions, or of every free-text question, narrowed by a
 * search that ignores case and accents. Newest responses first, each answer as written.
 */
export async function browseTexts(deps: TextsDeps, request: { surveyId: string; query: Record<string, unknown> }): Promise<TextsPage> {
  const questionnaire = deps.questionnaires.get(request.surveyId);
  const own = Object.fromEntries(Object.entries(request.query).filter(([key]) => OWN_PARAMETERS.has(key)));
  const filters = Object.fromEntries(Object.entries(request.query).filter(([key]) => !OWN_PARAMETERS.has(key)));
  const options = parseQuery(TextsQuerySchema, own, "The text browser's parameters are not valid.");
  const filter = parseAnalyticsFilter(questionnaire, filters);
  const questions = textQuestionsOf(questionnaire);
  if (options.question && !questions.some((question) => question.name === options.question)) {
    throw new AppError("invalid_request", `"${options.question}" is not a free-text question of this questionnaire.`, [
      { question: "question", message: "is not a free-text question of this questionnaire" },
    ]);
  }
  if (options.theme && !questions.some((question) => question.theme === options.theme)) {
    throw new AppError("invalid_request", `No free-text question of this questionnaire belongs to the theme "${options.theme}".`, [
      { question: "theme", message: "has no free-text question" },
    ]);
  }
  const excerpts = await deps.store.excerpts.listForSurvey(questionnaire.id);
  const excerptIds = new Map<string, string[]>();
  for (const excerpt of excerpts) {
    const key = `${excerpt.responseId}\u0000${excerpt.questionName}`;
    excerptIds.set(key, [...(excerptIds.get(key) ?? []), excerpt.id]);
  }
  const answered = new Map(questions.map((question) => [question.name, 0]));
  const chosen = questions.filter(
    (question) => (!options.question || question.name === options.question) && (!options.theme || question.theme === options.theme),
  );
  const needle = options.q ? searchKey(options.q.trim()) : "";
  const matching: TextAnswer[] = [];
  for await (const response of deps.store.responses.stream(filter)) {
    for (const question of questions) {
      if (question.read(response.answers) !== undefined) answered.set(question.name, (answered.get(question.name) ?? 0) + 1);
    }
    for (const question of chosen) {
      const text = question.read(response.answers);
      if (text === undefined || (needle && !searchKey(text).includes(needle))) continue;
      matching.push({
        responseId: response.id,
        questionName: question.name,
        theme: question.theme ?? null,
        text,
        locale: response.locale,
        authorityName: authorityNameOf(questionnaire, response),
        breakdown: response.breakdown,
        submittedAt: response.submittedAt?.toISOString() ?? null,
        excerptIds: excerptIds.get(`${response.id}\u0000${question.name}`) ?? [],
      });
    }
  }
  // Streamed oldest first: the latest answers are the ones an analyst has not read yet.
  matching.reverse();
  const start = (options.page - 1) * options.pageSize;
  const summaries: TextQuestionSummary[] = questions.map((question) => ({
    name: question.name,
    question: question.question,
    source: question.source,
    theme: question.theme ?? null,
    answered: answered.get(question.name) ?? 0,
  }));
  return {
    surveyId: questionnaire.id,
    filters: Object.fromEntries(Object.entries(filters).map(([key, value]) => [key, String(value)])),
    questions: summaries,
    total: matching.length,
    page: options.page,
    pageSize: options.pageSize,
    items: matching.slice(start, start + options.pageSize),
  };
}
