import {
  buildExportLayout,
  createAccumulator,
  presentAccumulator,
  type Locale,
  type QuestionFigures,
  type QuestionShape,
  type QuestionTexts,
} from "@passerelle/shared";
import { summarise, type AnalyticsDeps } from "../analytics/analytics.service";
import type { ExportRow, SummaryRows } from "./exports.service";
import { summaryScopes, suppressionNote } from "./summary-scopes";

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
  "note",
] as const;

type Figures = Partial<Record<(typeof HEADER)[number], string | number>>;

/**
 * Every question's figures in long form, header first: one row per choice (count and share of
 * those who answered), per ranked item (also mean rank, first places, Borda score), per matrix
 * cell, one row for a number (mean, median, extremes) or a text (how many answered). From the
 * dashboard's cached fold, suppressed as it is.
 */
export const questionSummaryRows: SummaryRows<AnalyticsDeps> = async (deps, questionnaire, filter, { locale, includePersonal, disclosure }) => {
  const summary = await summarise(deps, questionnaire, filter);
  const shape = deps.shapes.current(questionnaire);
  const { texts } = buildExportLayout(questionnaire.definition);
  const scopeField = questionnaire.breakdownFields[0] ?? "scope";
  const rows: ExportRow[] = [[scopeField, ...HEADER]];
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
      rows.push(...itemsOf(question, figures, questionTexts, locale).map(describe));
    }
  }
  return rows;
};

function itemsOf(question: QuestionShape, figures: QuestionFigures, texts: QuestionTexts | undefined, locale: Locale): Figures[] {
  const choiceLabel = (value: string) => texts?.choices.get(value)?.[locale] ?? value;
  const share = (count: number) => (figures.n > 0 ? round(count / figures.n, 4) : "");
  switch (figures.kind) {
    case "counts":
      return Object.entries(figures.counts).map(([value, count]) => ({
        item: value,
        item_label: question.kind === "boolean" ? value : choiceLabel(value),
        answered: figures.n,
        count,
        share: share(count),
      }));
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
      return [{ answered: figures.n, mean: orEmpty(figures.mean, 2), median: orEmpty(figures.median, 2), min: orEmpty(figures.min, 2), max: orEmpty(figures.max, 2) }];
    case "text":
      return [{ answered: figures.n }];
  }
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function orEmpty(value: number | null, digits: number): number | "" {
  return value === null ? "" : round(value, digits);
}
