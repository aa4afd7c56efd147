import {
  buildExportLayout,
  computeThemeFigures,
  findThemeQuestion,
  type ExportLayout,
  type Locale,
  type QuestionnaireShape,
  type ThemeFigures,
} from "@passerelle/shared";
import { summarise, type AnalyticsDeps } from "../analytics/analytics.service";
import type { ExportRow, SummaryRows } from "./exports.service";
import { summaryScopes, suppressionNote } from "./summary-scopes";

// Facets summarised as one column per choice: how urgent, how costly.
const FACETS = ["urgency", "budget"] as const;

/**
 * The thematic summary's rows, header first: from the same cached fold as the dashboard, so the
 * file and the screen agree. Groups below the minimum size keep their row, with the figures
 * left empty and marked.
 */
export const themeSummaryRows: SummaryRows<AnalyticsDeps> = async (deps, questionnaire, filter, { locale, disclosure }) => {
  const summary = await summarise(deps, questionnaire, filter);
  const shape = deps.shapes.current(questionnaire);
  const facetChoices = FACETS.map((facet) => ({
    facet,
    choices: shape.questions.find((question) => question.themeFacet === facet)?.choices ?? [],
  }));
  const { texts } = buildExportLayout(questionnaire.definition);
  const themeLabels = themeLabelsOf(shape, texts);

  const header = [
    questionnaire.breakdownFields[0] ?? "scope",
    "theme",
    "theme_label",
    "respondents",
    "cited",
    "share",
    "score",
    "mean_rank",
    "ranked_first",
    ...facetChoices.flatMap(({ facet, choices }) => choices.map((choice) => `${facet}.${choice}`)),
    "note",
  ];
  const rows: ExportRow[] = [header];
  const { scopes } = await summaryScopes(deps, { questionnaire, filter, summary, texts, locale, disclosure });
  for (const scope of scopes) {
    const figures = scope.group ? computeThemeFigures(scope.group, shape) : [];
    for (const theme of Object.keys(themeLabels)) {
      const cell = figures.find((candidate) => candidate.theme === theme);
      const themeLabel = themeLabels[theme]?.[locale] ?? theme;
      rows.push(
        scope.isSuppressed || !cell
          ? [scope.label, theme, themeLabel, scope.isSuppressed ? "" : scope.respondents, ...Array(header.length - 5).fill(""), scope.isSuppressed ? suppressionNote(deps.minGroupSize, disclosure) : ""]
          : [scope.label, theme, themeLabel, scope.respondents, ...themeFigures(cell, facetChoices)],
      );
    }
  }
  return rows;
};

/**
 * Each theme's labels as the questionnaire shows them (theme choices carry the catalogue's
 * labels), in catalogue order; empty when the questionnaire has no theme question.
 */
export function themeLabelsOf(shape: QuestionnaireShape, texts: ExportLayout["texts"]): Record<string, Record<Locale, string> | undefined> {
  const themeQuestion = findThemeQuestion(shape);
  const themeTexts = themeQuestion ? texts.get(themeQuestion.name)?.choices : undefined;
  return Object.fromEntries(Object.entries(themeQuestion?.choiceThemes ?? {}).map(([value, theme]) => [theme, themeTexts?.get(value)]));
}

function themeFigures(cell: ThemeFigures, facets: { facet: string; choices: string[] }[]): (string | number)[] {
  const round = (value: number | null, digits: number) => (value === null ? "" : Number(value.toFixed(digits)));
  const facetCells = facets.flatMap(({ facet, choices }) => {
    const acc = cell.facets[facet];
    return choices.map((choice) => (acc?.kind === "counts" ? (acc.counts[choice] ?? 0) : ""));
  });
  return [cell.cited, round(cell.share, 4), cell.score ?? "", round(cell.meanRank, 2), cell.rankedFirst ?? "", ...facetCells, ""];
}
