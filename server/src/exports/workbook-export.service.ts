import {
  findThemeQuestion,
  headersOf,
  textsOf,
  type ExportColumn,
  type ExportLayout,
  type ExportOptions,
  type Locale,
  type RepeatTable,
} from "@passerelle/shared";
import type { AnalyticsDeps } from "../analytics/analytics.service";
import { parseWorkbookOptions } from "./export-options";
import { toFoldJobFilter } from "../analytics/fold-job";
import { exportFileName, openResponsesSource, type ExportRow, type ExportsDeps, type ResponsesSource } from "./exports.service";
import { questionSummaryRows } from "./questions-export.service";
import { themeLabelsOf, themeSummaryRows } from "./themes-export.service";
import { sheetTableXml } from "./sheet-table";
import type { WorkbookSheet } from "./xlsx-stream";
import { aboutRows, aboutSheetName } from "./about-sheet";

const SHEET_NAMES: Record<Locale, { responses: string; themes: string; questions: string; columns: string }> = {
  fr: { responses: "Réponses", themes: "Synthèse par thème", questions: "Synthèse par question", columns: "Colonnes" },
  ar: { responses: "الإجابات", themes: "ملخّص حسب المجال", questions: "ملخّص حسب السؤال", columns: "الأعمدة" },
  en: { responses: "Responses", themes: "Summary by theme", questions: "Summary by question", columns: "Columns" },
};

// What the cells of each kind of column hold, for the reader of the columns sheet.
const COLUMN_MEANINGS: Record<ExportColumn["kind"], Record<Locale, string>> = {
  meta: { fr: "Information sur la réponse", ar: "معلومات عن الإجابة", en: "About the response" },
  breakdown: { fr: "Lieu ou catégorie du répondant", ar: "مكان الجهة المجيبة أو فئتها", en: "Respondent's place or category" },
  answer: { fr: "La réponse", ar: "الإجابة", en: "The answer" },
  choice: { fr: "1 si ce choix est coché, 0 sinon", ar: "1 إذا تم اختيار هذا الخيار، 0 إذا لم يتم", en: "1 if this choice was ticked, 0 if not" },
  rank: {
    fr: "Rang donné (1 = premier), vide si non classé",
    ar: "الترتيب (1 = الأول)، فارغ إذا لم يُرتَّب",
    en: "Rank given (1 = first), empty if not ranked",
  },
  matrixRow: { fr: "Réponse pour cette ligne", ar: "الإجابة عن هذا السطر", en: "Answer for this row" },
  comment: { fr: "Précision en texte libre", ar: "توضيح بنص حر", en: "Free-text details" },
  repeatKey: {
    fr: "Réponse (response_id), ligne du tableau parent (parent_row) et numéro de la ligne (row), 1 pour la première",
    ar: "الإجابة (response_id) وسطر الجدول الأصلي (parent_row) ورقم السطر (row)، 1 للأول",
    en: "Response (response_id), row of the parent table (parent_row) and the row's number (row), 1 first",
  },
  file: {
    fr: "Nom, type ou taille des fichiers, séparés par « ; » (jamais leur contenu)",
    ar: "اسم الملفات أو نوعها أو حجمها، مفصولة بـ « ; » (دون محتواها)",
    en: "Name, type or size of the files, separated by “; ” (never their content)",
  },
  signature: { fr: "1 si signé (jamais la signature)", ar: "1 إذا تم التوقيع (دون التوقيع نفسه)", en: "1 if signed (never the signature)" },
  repeatCount: {
    fr: "Nombre de lignes, détaillées dans la feuille du même nom",
    ar: "عدد الأسطر، مفصّلة في الورقة التي تحمل الاسم نفسه",
    en: "Number of rows, detailed in the sheet of the same name",
  },
};

// Excel's rules for a sheet name: 31 characters at most, none of []:*?/\, unique in the workbook.
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, "_").slice(0, 31);
  let candidate = base;
  for (let index = 2; taken.has(candidate.toLowerCase()); index += 1) candidate = `${base.slice(0, 31 - String(index).length - 1)}~${index}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Every response as an Excel workbook: what the file holds, the responses (streamed), the thematic summary when the
 * questionnaire ranks themes, the per-question summary, and a sheet saying what each column is.
 */
export async function exportWorkbook(
  deps: AnalyticsDeps & Pick<ExportsDeps, "csvExports">,
  request: { surveyId: string; query: unknown; now: Date },
): Promise<{ fileName: string; sheets: WorkbookSheet[]; rightToLeft: boolean }> {
  const { options, filterQuery } = parseWorkbookOptions(request.query);
  const source = await openResponsesSource(deps, request.surveyId, filterQuery);
  const { questionnaire, filter, layout } = source;
  const names = SHEET_NAMES[options.locale];
  const hasThemes = findThemeQuestion(deps.shapes.current(questionnaire)) !== undefined;
  // Only analysts and administrators download raw responses: personal questions included.
  const view = { locale: options.locale, header: options.header, includePersonal: true, disclosure: "exact" } as const;
  const about = aboutSheetName(options.locale);
  const rightToLeft = options.locale === "ar";
  const taken = new Set([about, names.responses, names.themes, names.questions, names.columns].map((name) => name.toLowerCase()));
  const versions = (await deps.store.questionnaireVersions.listForSurvey(questionnaire.id)).map((version) => version.version);
  const aboutSheet = aboutRows({ questionnaire, versions, filter, now: request.now, minGroupSize: deps.minGroupSize, locale: options.locale });
  const tableXml = (table: RepeatTable | undefined) => responsesSheetXml(deps, source, table, { ...options, rightToLeft });
  const sheets: WorkbookSheet[] = [
    { name: about, rows: aboutSheet },
    { name: names.responses, xml: tableXml(undefined) },
  ];
  // One sheet per repeated answer, named after its question, as KoboToolbox does.
  const repeatSheets = layout.repeats.map((table) => ({ table, name: sheetName(table.name, taken) }));
  for (const { table, name } of repeatSheets) sheets.push({ name, xml: tableXml(table) });
  if (hasThemes) sheets.push({ name: names.themes, rows: whenReached(() => themeSummaryRows(deps, questionnaire, filter, view)) });
  sheets.push({ name: names.questions, rows: whenReached(() => questionSummaryRows(deps, questionnaire, filter, view)) });
  const themeLabels = themeLabelsOf(deps.shapes.current(questionnaire), layout.texts);
  const tables = [{ name: names.responses, columns: layout.columns }, ...repeatSheets.map(({ table, name }) => ({ name, columns: table.columns }))];
  sheets.push({ name: names.columns, rows: columnRows(layout, tables, themeLabels, options.locale) });
  return {
    fileName: exportFileName(questionnaire, "responses", filter, request.now, "xlsx"),
    sheets,
    rightToLeft,
  };
}

// A table of responses as its sheet's XML, written in the export threads as CSV exports are, so
// that reading and building the rows, the largest part of a workbook's work, leaves the request
// thread to zip them; in the request's thread, taking turns, without the threads.
function responsesSheetXml(
  deps: Pick<ExportsDeps, "store" | "csvExports">,
  source: ResponsesSource,
  table: RepeatTable | undefined,
  options: ExportOptions & { rightToLeft: boolean },
): AsyncIterable<string | Uint8Array> {
  if (deps.csvExports === undefined) return sheetTableXml(deps.store, source, table, options);
  return deps.csvExports.export({
    definitions: { current: source.questionnaire.definition, older: source.olderDefinitions },
    ...(table === undefined ? {} : { repeat: table.name }),
    filter: toFoldJobFilter(source.filter),
    output: { format: "sheet", options },
  });
}

// Rows computed once the writer reaches their sheet, that is once the client has taken the
// sheets before it: a download that stops reading never starts the dashboard's fold (a few
// hundred megabytes of worker memory on a cold cache), and one that goes away never finishes it.
function whenReached(compute: () => Promise<ExportRow[]>): AsyncIterable<ExportRow> {
  return (async function* () {
    yield* await compute();
  })();
}

function columnRows(
  layout: ExportLayout,
  tables: { name: string; columns: ExportColumn[] }[],
  themeLabels: ReturnType<typeof themeLabelsOf>,
  locale: Locale,
): ExportRow[] {
  const header = ["column", "column_label", "question", "question_label", "theme", "theme_label", "item", "item_label", "meaning", "sheet"];
  const rows: ExportRow[] = [header];
  const names: ExportOptions = { header: "names", values: "codes", locale };
  const labels: ExportOptions = { header: "labels", values: "labels", locale };
  for (const table of tables) {
    const nameHeaders = headersOf(table.columns, layout, names);
    const labelHeaders = headersOf(table.columns, layout, labels);
    for (const [index, column] of table.columns.entries()) {
      const question = column.kind === "meta" || column.kind === "repeatKey" ? undefined : column.kind === "breakdown" ? column.field : column.question;
      const texts = question === undefined ? undefined : layout.texts.get(question);
      const item = itemOf(column);
      const theme = texts?.theme ?? "";
      const own = textsOf(layout, column);
      const itemLabel =
        column.kind === "choice" || column.kind === "rank"
          ? own?.choices.get(column.choice)?.[locale]
          : column.kind === "matrixRow"
            ? own?.rows.get(column.row)?.[locale]
            : column.kind !== "meta" && column.kind !== "repeatKey" && column.kind !== "breakdown" && column.part !== undefined
              ? own?.title[locale]
              : undefined;
      rows.push([
        nameHeaders[index] ?? "",
        labelHeaders[index] ?? "",
        question ?? "",
        texts?.title[locale] ?? "",
        theme,
        (theme && themeLabels[theme]?.[locale]) || "",
        item,
        itemLabel ?? item,
        COLUMN_MEANINGS[column.kind][locale],
        table.name,
      ]);
    }
  }
  return rows;
}

function itemOf(column: ExportColumn): string {
  if (column.kind === "choice" || column.kind === "rank") return column.part === undefined ? column.choice : `${column.part}.${column.choice}`;
  if (column.kind === "matrixRow") return column.row;
  if (column.kind === "meta" || column.kind === "repeatKey" || column.kind === "breakdown") return "";
  return column.part ?? "";
}
