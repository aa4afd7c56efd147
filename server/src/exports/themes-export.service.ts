import {
  ALL_RESPONDENTS,
  buildExportLayout,
  computeThemeFigures,
  findThemeQuestion,
  groupKey,
  neutraliseFormula,
  type Locale,
  type ThemeFigures,
} from "@passerelle/shared";
import { parseAnalyticsFilter } from "../analytics/analytics-filter";
import { summarise, type AnalyticsDeps } from "../analytics/analytics.service";
import { AppError } from "../http/app-error";
import { parseCsvOptions, type CsvOptions } from "./export-options";

// Facets summarised as one column per choice: how urgent, how costly.
const FACETS = ["urgency", "budget"] as const;

/**
 * The thematic summary: each theme overall and per value of the first breakdown field (the
 * governorate), from the same cached fold as the dashboard, so the file and the screen agree.
 * Groups below the minimum size keep their row, with the figures left empty and marked.
 */
export async function exportThemes(
  deps: AnalyticsDeps,
  request: { surveyId: string; query: unknown; now: Date },
): Promise<{ options: CsvOptions; rows: (string | number)[][]; fileName: string }> {
  const questionnaire = deps.questionnaires.find(request.surveyId);
  if (!questionnaire) throw new AppError("survey_not_found", `There is no questionnaire "${request.surveyId}".`);
  const { options, filterQuery } = parseCsvOptions(request.query);
  const filter = parseAnalyticsFilter(questionnaire, filterQuery);
  const summary = await summarise(deps, questionnaire, filter);
  const shape = deps.shapes.current(questionnaire);
  const groupField = questionnaire.breakdownFields[0];
  const groupQuestion = shape.questions.find((question) => question.name === groupField);
  const facetChoices = FACETS.map((facet) => ({
    facet,
    choices: shape.questions.find((question) => question.themeFacet === facet)?.choices ?? [],
  }));
  // Labels as the questionnaire shows them (theme choices carry the catalogue's labels).
  const { texts } = buildExportLayout(questionnaire.definition);
  const themeQuestion = findThemeQuestion(shape);
  const themeTexts = themeQuestion ? texts.get(themeQuestion.name)?.choices : undefined;
  const themeLabels = Object.fromEntries(
    Object.entries(themeQuestion?.choiceThemes ?? {}).map(([value, theme]) => [theme, themeTexts?.get(value)]),
  );
  const groupLabels = (groupField && texts.get(groupField)?.choices) || new Map<string, Record<Locale, string>>();

  const header = [
    groupField ?? "scope",
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
  const rows: (string | number)[][] = [header];
  const scopes = [{ key: ALL_RESPONDENTS, label: "*" }, ...(groupQuestion?.choices ?? []).map((value) => ({ key: groupKey(groupField as string, value), label: value }))];
  for (const scope of scopes) {
    const group = summary.groups[scope.key];
    const respondents = group?.respondents ?? 0;
    const isSuppressed = respondents > 0 && respondents < deps.minGroupSize;
    const figures = group ? computeThemeFigures(group, shape) : [];
    for (const theme of Object.keys(themeLabels)) {
      const cell = figures.find((candidate) => candidate.theme === theme);
      const label = scope.key === ALL_RESPONDENTS ? "*" : (groupLabels.get(scope.label)?.[options.locale] ?? scope.label);
      rows.push(
        isSuppressed || !cell
          ? [label, theme, themeLabels[theme]?.[options.locale] ?? theme, isSuppressed ? "" : respondents, ...Array(header.length - 5).fill(""), isSuppressed ? `fewer than ${deps.minGroupSize} respondents` : ""]
          : [label, theme, themeLabels[theme]?.[options.locale] ?? theme, respondents, ...themeFigures(cell, facetChoices)],
      );
    }
  }
  return {
    options,
    rows: rows.map((row) => row.map(neutraliseFormula)),
    fileName: `${questionnaire.id}-themes-${request.now.toISOString().slice(0, 10)}.csv`,
  };
}

function themeFigures(cell: ThemeFigures, facets: { facet: string; choices: string[] }[]): (string | number)[] {
  const round = (value: number | null, digits: number) => (value === null ? "" : Number(value.toFixed(digits)));
  const facetCells = facets.flatMap(({ facet, choices }) => {
    const acc = cell.facets[facet];
    return choices.map((choice) => (acc?.kind === "counts" ? (acc.counts[choice] ?? 0) : ""));
  });
  return [cell.cited, round(cell.share, 4), cell.score ?? "", round(cell.meanRank, 2), cell.rankedFirst ?? "", ...facetCells, ""];
}
