import { buildExportLayout, type ExportLayout, type RepeatTable, type FigureDisclosure, type JsonObject, type Locale } from "@passerelle/shared";
import { parseAnalyticsFilter } from "../analytics/analytics-filter";
import { AppError } from "../http/app-error";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";
import type { ResponseFilter, Store } from "../store/store.port";
import { toFoldJobFilter } from "../analytics/fold-job";
import type { CsvExportPool } from "./csv-export-pool";
import { tableText } from "./csv-table";
import { parseCsvOptions, type CsvOptions } from "./export-options";

export interface ExportsDeps {
  store: Store;
  questionnaires: QuestionnaireRegistry;
  /** Writes CSV exports in worker threads; in the request's thread, taking turns, when omitted. */
  csvExports?: CsvExportPool;
}

/** A row of an export: text or a number; the CSV and workbook writers make it safe. */
export type ExportRow = (string | number)[];

/** What an export of raw responses reads: the questionnaire, its columns and the filter. */
export interface ResponsesSource {
  questionnaire: Questionnaire;
  /** The other versions' definitions the layout was built from, newest first. */
  olderDefinitions: JsonObject[];
  layout: ExportLayout;
  filter: ResponseFilter;
}

/**
 * The raw responses of a questionnaire matching the analytics filters (submitted ones, like
 * every statistic, so an export and the dashboard count the same responses) as CSV text, one
 * line each; or, with `repeat`, the lines of one repeat table of those responses.
 */
export async function exportResponses(
  deps: ExportsDeps,
  request: { surveyId: string; query: unknown; now: Date },
): Promise<{ options: CsvOptions; text: AsyncIterable<string | Uint8Array>; fileName: string }> {
  const { options, filterQuery } = parseCsvOptions(request.query);
  const source = await openResponsesSource(deps, request.surveyId, filterQuery);
  const table = options.repeat === undefined ? undefined : findRepeat(source.layout, options.repeat);
  const what = table === undefined ? "responses" : `responses-${table.name}`;
  const text = deps.csvExports
    ? deps.csvExports.export({
        definitions: { current: source.questionnaire.definition, older: source.olderDefinitions },
        ...(table === undefined ? {} : { repeat: table.name }),
        filter: toFoldJobFilter(source.filter),
        output: { format: "csv", options },
      })
    : tableText(deps.store, source, table, options);
  return {
    options,
    text,
    fileName: exportFileName(source.questionnaire, what, source.filter, request.now, "csv"),
  };
}

function findRepeat(layout: ExportLayout, name: string): RepeatTable {
  const table = layout.repeats.find((candidate) => candidate.name === name);
  if (table) return table;
  const known = layout.repeats.map((candidate) => candidate.name);
  throw new AppError("invalid_request", "The export options are not valid.", [
    { question: "repeat", message: known.length > 0 ? `must be one of ${known.join(", ")}` : "this questionnaire has no repeated answers" },
  ]);
}

/** How a summary is shown: in which language, and whether its reader may see personal questions. */
export interface SummaryView {
  locale: Locale;
  /** Column codes and shares as fractions, or column words and percentages. */
  header: "names" | "labels";
  includePersonal: boolean;
  /** Exact figures, or those the disclosure control releases (viewers). */
  disclosure: FigureDisclosure;
}

/** A summary's rows, header first, for a questionnaire, the filters and a reader. */
export type SummaryRows<Deps> = (deps: Deps, questionnaire: Questionnaire, filter: ResponseFilter, view: SummaryView) => Promise<ExportRow[]>;

/** A summary (`themes`, `questions`) as a CSV download, with the same options and filters. */
export async function exportSummary<Deps extends Pick<ExportsDeps, "questionnaires">>(
  deps: Deps,
  request: { surveyId: string; query: unknown; now: Date },
  what: string,
  summaryRows: SummaryRows<Deps>,
  reader: Omit<SummaryView, "locale" | "header">,
): Promise<{ options: CsvOptions; rows: ExportRow[]; fileName: string }> {
  const questionnaire = deps.questionnaires.get(request.surveyId);
  const { options, filterQuery } = parseCsvOptions(request.query);
  const filter = parseAnalyticsFilter(questionnaire, filterQuery, reader.disclosure);
  return {
    options,
    rows: await summaryRows(deps, questionnaire, filter, { locale: options.locale, header: options.header, ...reader }),
    fileName: exportFileName(questionnaire, what, filter, request.now, "csv"),
  };
}

export async function openResponsesSource(deps: ExportsDeps, surveyId: string, filterQuery: unknown): Promise<ResponsesSource> {
  const questionnaire = deps.questionnaires.get(surveyId);
  const filter = parseAnalyticsFilter(questionnaire, filterQuery);
  const older = await olderDefinitions(deps, questionnaire);
  return { questionnaire, olderDefinitions: older, layout: buildExportLayout(questionnaire.definition, older), filter };
}

/**
 * `census-lebanon-responses-governorate-north-from-2026-01-01-2026-11-22.csv`: which
 * questionnaire, what, the filters (each breakdown value, the period), and when; so that a
 * filtered file is never taken for the national one.
 */
export function exportFileName(questionnaire: Questionnaire, what: string, filter: ResponseFilter, now: Date, extension: string): string {
  return `${[questionnaire.id, what, ...filterWords(filter), now.toISOString().slice(0, 10)].join("-")}.${extension}`;
}

/** The filters of an export as words of its file name: `governorate-north`, `from-2026-01-01`, `to-2026-03-31`. */
export function filterWords(filter: ResponseFilter): string[] {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  // Unsafe in a file name on some system: / \ : * ? " < > | and control characters.
  const safe = (text: string) => [...text].map((character) => (character < " " || '/\\:*?"<>|'.includes(character) ? "_" : character)).join("");
  return [
    ...Object.entries(filter.breakdown ?? {}).flatMap(([field, value]) => [safe(field), safe(value)]),
    ...(filter.submittedFrom ? ["from", day(filter.submittedFrom)] : []),
    ...(filter.submittedBefore ? ["to", day(new Date(filter.submittedBefore.getTime() - 24 * 3600 * 1000))] : []),
  ];
}

// Every other version of the questionnaire, so questions they had and the current one dropped
// still get columns for the responses given against them.
async function olderDefinitions(deps: ExportsDeps, questionnaire: Questionnaire): Promise<JsonObject[]> {
  const versions = await deps.store.questionnaireVersions.listForSurvey(questionnaire.id);
  return versions
    .filter((version) => version.version !== questionnaire.version)
    .map((version) => version.definition)
    .reverse();
}
