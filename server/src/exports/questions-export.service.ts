import {
  buildExportLayout,
  createAccumulator,
  presentAccumulator,
  RELATIVE_ACCURACY,
  type NumericFigures,
  type QuestionFigures,
  type QuestionShape,
  type QuestionTexts,
} from "@passerelle/shared";
import { summarise, type AnalyticsDeps } from "../analytics/analytics.service";
import type { ExportRow, SummaryRows } from "./exports.service";
import { summaryScopes, suppressionNote } from "./summary-scopes";
import { presentShare, summaryHeader, type SummaryHeader } from "./summary-headers";

const HEADER = [
  "question",
  "question_label",
  "theme",
  "item",
  "item_label",
  "answered",
  "count",
  "share",
  "mean_rank",
  "ranked_first",
  "score",
  "mean",
  "median",
  "min",
  "max",
  "rows",
  "note",
] as const;

type Figures = Partial<Record<(typeof HEADER)[number], string | number>>;

/**
 * Every question's figures in long form, header first: one row per choice (count and share of
 * those who answered), per ranked item (also mean rank, first places, Borda score), per matrix
 * cell, one row for a number (mean, median, extremes) or a text or files (how many answered);
 * a group's parts (`part.choice` items) each so, with a repeated group's number of rows. From
 * the dashboard's cached fold, suppressed as it is.
 */
export const questionSummaryRows: SummaryRows<AnalyticsDeps> = async (deps, questionnaire, filter, view) => {
  const { locale, includePersonal, disclosure } = view;
  const summary = await summarise(deps, questionnaire, filter);
  const shape = deps.shapes.current(questionnaire);
  const { texts } = buildExportLayout(questionnaire.definition);
  const scopeField = questionnaire.breakdownFields[0] ?? "scope";
  const scopeTitle = texts.get(scopeField)?.title[locale];
  const rows: ExportRow[] = [summaryHeader([scopeField, ...HEADER], view, new Map(scopeTitle === undefined ? [] : [[scopeField, scopeTitle]]))];
  const { scopes, present } = await summaryScopes(deps, { questionnaire, filter, summary, texts, locale, disclosure });
  for (const scope of scopes) {
    for (const question of shape.questions) {
      if (question.personal && !includePersonal) continue;
      const questionTexts = texts.get(question.name);
      const describe = (figures: Figures): ExportRow => [
        scope.label,
        ...HEADER.map((column) => {
          if (column === "question") return question.name;
          if (column === "question_label") return questionTexts?.title[locale] ?? question.name;
          if (column === "theme") return question.theme ?? questionTexts?.theme ?? "";
          return figures[column] ?? "";
        }),
      ];
      if (scope.isSuppressed) {
        rows.push(describe({ note: suppressionNote(deps.minGroupSize, disclosure) }));
        continue;
      }
      const figures = present(presentAccumulator(scope.group?.questions[question.name] ?? createAccumulator(question)));
      rows.push(...itemsOf(question, figures, questionTexts, texts, view).map(describe));
    }
  }
  return rows;
};

function itemsOf(
  question: QuestionShape,
  figures: QuestionFigures,
  texts: QuestionTexts | undefined,
  allTexts: ReadonlyMap<string, QuestionTexts>,
  view: SummaryHeader,
): Figures[] {
  const { locale } = view;
  const choiceLabel = (value: string) => texts?.choices.get(value)?.[locale] ?? value;
  const share = (count: number) => (figures.n > 0 ? presentShare(count / figures.n, view) : "");
  const countRows = (counts: Record<string, number>, isBoolean: boolean) =>
    Object.entries(counts).map(([value, count]) => ({
      item: value,
      item_label: isBoolean ? value : choiceLabel(value),
      answered: figures.n,
      count,
      share: share(count),
    }));
  switch (figures.kind) {
    case "counts":
      return countRows(figures.counts, question.kind === "boolean");
    case "ranking":
      return Object.entries(figures.items).map(([value, item]) => ({
        item: value,
        item_label: choiceLabel(value),
        answered: figures.n,
        count: item.ranked,
        share: share(item.ranked),
        mean_rank: item.meanRank === null ? "" : round(item.meanRank, 2),
        ranked_first: item.rankedFirst,
        score: item.score,
      }));
    case "matrix":
      return Object.entries(figures.cells).flatMap(([row, columns]) =>
        Object.entries(columns).map(([column, count]) => ({
          item: `${row}.${column}`,
          item_label: `${texts?.rows.get(row)?.[locale] ?? row} — ${texts?.columns.get(column)?.[locale] ?? column}`,
          answered: figures.n,
          count,
          share: share(count),
        })),
      );
    case "numeric":
      return [numericRow(figures)];
    case "values":
      return [...(figures.numbers.n > 0 ? [numericRow(figures.numbers)] : []), ...countRows(figures.counts, false)];
    case "text":
      return [{ answered: figures.n }];
    case "group":
      return [
        { answered: figures.n, ...(question.repeated ? { rows: figures.entries } : {}) },
        ...(question.parts ?? []).flatMap((part) => {
          const partFigures = figures.parts[part.name];
          const partTexts = question.groupType === "paneldynamic" ? allTexts.get(part.name) : texts?.parts.get(part.name);
          if (!partFigures) return [];
          return itemsOf(part, partFigures, partTexts, allTexts, view).map((row) => ({
            ...row,
            item: row.item === undefined ? part.name : `${part.name}.${row.item}`,
            item_label: `${partTexts?.title[locale] ?? part.name}${row.item_label === undefined ? "" : ` — ${row.item_label}`}`,
          }));
        }),
      ];
  }
}

function numericRow(figures: NumericFigures): Figures {
  return {
    answered: figures.n,
    mean: orEmpty(figures.mean, 2),
    median: orEmpty(figures.median, 2),
    min: orEmpty(figures.min, 2),
    max: orEmpty(figures.max, 2),
    ...(figures.median !== null && !figures.isMedianExact ? { note: MEDIAN_ESTIMATED_NOTE } : {}),
  };
}

// A median read from counts by bucket (see number-distribution.ts), said so beside it.
const MEDIAN_ESTIMATED_NOTE = `median estimated to within ${RELATIVE_ACCURACY * 100} %`;

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function orEmpty(value: number | null, digits: number): number | "" {
  return value === null ? "" : round(value, digits);
}
