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
import { presentShare, summaryHeader, type SummaryHeader } from "./summary-headers";

// Facets summarised as one column per choice: how urgent, how costly.
const FACETS = ["urgency", "budget"] as const;

/**
 * The thematic summary's rows, header first: from the same cached fold as the dashboard, so the
 * file and the screen agree. Groups below the minimum size keep their row, with the figures
 * left empty and marked.
 */
export const themeSummaryRows: SummaryRows<AnalyticsDeps> = async (deps, questionnaire, filter, view) => {
  const { locale, disclosure } = view;
  const summary = await summarise(deps, questionnaire, filter);
  const shape = deps.shapes.current(questionnaire);
  const { texts } = buildExportLayout(questionnaire.definition);
  const facetChoices = FACETS.map((facet) => {
    const question = shape.questions.find((candidate) => candidate.themeFacet === facet);
    return { facet, choices: question?.choices ?? [], texts: question ? texts.get(question.name) : undefined };
  });
  const themeLabels = themeLabelsOf(shape, texts);

  const scopeField = questionnaire.breakdownFields[0] ?? "scope";
  const codes = [
    scopeField,
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
  // In words: the breakdown field's title, and each facet's question and choice ("How urgent? — Immediate").
  const own = new Map<string, string>();
  const scopeTitle = texts.get(scopeField)?.title[locale];
  if (scopeTitle !== undefined) own.set(scopeField, scopeTitle);
  for (const { facet, choices, texts: facetTexts } of facetChoices) {
    for (const choice of choices)
      own.set(`${facet}.${choice}`, `${facetTexts?.title[locale] ?? facet} — ${facetTexts?.choices.get(choice)?.[locale] ?? choice}`);
  }
  const header = summaryHeader(codes, view, own);
  const rows: ExportRow[] = [header];
  const { scopes } = await summaryScopes(deps, { questionnaire, filter, summary, texts, locale, disclosure });
  for (const scope of scopes) {
    const figures = scope.group ? computeThemeFigures(scope.group, shape) : [];
    for (const theme of Object.keys(themeLabels)) {
      const cell = figures.find((candidate) => candidate.theme === theme);
      const themeLabel = themeLabels[theme]?.[locale] ?? theme;
      rows.push(
        scope.isSuppressed || !cell
          ? [
              scope.label,
              theme,
              themeLabel,
              scope.isSuppressed ? "" : scope.respondents,
              ...Array(header.length - 5).fill(""),
              scope.isSuppressed ? suppressionNote(deps.minGroupSize, disclosure) : "",
            ]
          : [scope.label, theme, themeLabel, scope.respondents, ...themeFigures(cell, facetChoices, view)],
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

function themeFigures(cell: ThemeFigures, facets: { facet: string; choices: string[] }[], view: SummaryHeader): (string | number)[] {
  const round = (value: number | null, digits: number) => (value === null ? "" : Number(value.toFixed(digits)));
  const facetCells = facets.flatMap(({ facet, choices }) => {
    const acc = cell.facets[facet];
    return choices.map((choice) => (acc?.kind === "counts" ? (acc.counts[choice] ?? 0) : ""));
  });
  return [
    cell.cited,
    cell.share === null ? "" : presentShare(cell.share, view),
    cell.score ?? "",
    round(cell.meanRank, 2),
    cell.rankedFirst ?? "",
    ...facetCells,
    "",
  ];
}
