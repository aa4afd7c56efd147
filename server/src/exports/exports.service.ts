import {
  buildExportLayout,
  cellOf,
  headerOf,
  neutraliseFormula,
  type ExportLayout,
  type JsonObject,
} from "@passerelle/shared";
import { parseAnalyticsFilter } from "../analytics/analytics-filter";
import { AppError } from "../http/app-error";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";
import type { ResponseFilter, Store } from "../store/store.port";
import { parseCsvOptions, type CsvOptions } from "./export-options";

export interface ExportsDeps {
  store: Store;
  questionnaires: QuestionnaireRegistry;
}

export interface ResponsesExport {
  questionnaire: Questionnaire;
  options: CsvOptions;
  /** The header row, then one row per response, produced as the store streams them. */
  rows: AsyncIterable<(string | number)[]>;
  fileName: string;
}

/**
 * The raw responses of a questionnaire matching the analytics filters (submitted ones, like
 * every statistic, so an export and the dashboard count the same responses), one row each.
 */
export async function exportResponses(deps: ExportsDeps, request: { surveyId: string; query: unknown; now: Date }): Promise<ResponsesExport> {
  const questionnaire = deps.questionnaires.find(request.surveyId);
  if (!questionnaire) throw new AppError("survey_not_found", `There is no questionnaire "${request.surveyId}".`);
  const { options, filterQuery } = parseCsvOptions(request.query);
  const filter = parseAnalyticsFilter(questionnaire, filterQuery);
  const layout = buildExportLayout(questionnaire.definition, await olderDefinitions(deps, questionnaire));
  return {
    questionnaire,
    options,
    rows: rowsOf(deps, layout, filter, options),
    fileName: `${questionnaire.id}-responses-${request.now.toISOString().slice(0, 10)}.csv`,
  };
}

async function* rowsOf(
  deps: ExportsDeps,
  layout: ExportLayout,
  filter: ResponseFilter,
  options: CsvOptions,
): AsyncIterable<(string | number)[]> {
  yield layout.columns.map((column) => neutraliseFormula(headerOf(column, layout, options)));
  for await (const response of deps.store.responses.stream(filter)) {
    yield layout.columns.map((column) => neutraliseFormula(cellOf(column, response, layout, options)));
  }
}

// Every other version of the questionnaire, so questions they had and the current one dropped
// still get columns for the responses given against them.
async function olderDefinitions(deps: ExportsDeps, questionnaire: Questionnaire): Promise<JsonObject[]> {
  const versions = await deps.store.questionnaireVersions.listForSurvey(questionnaire.id);
  return versions.filter((version) => version.version !== questionnaire.version).map((version) => version.definition).reverse();
}
