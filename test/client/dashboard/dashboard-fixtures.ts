import type { AnalyticsThemes, Locale, PresentedThemeFigures, ThemeGroupCell } from "@passerelle/shared";
import { createChartContext, type ChartContext } from "../../../client/src/features/dashboard/chart-view";
import { readDashboardQuestionnaire, type DashboardQuestionnaire } from "../../../client/src/features/dashboard/dashboard-questionnaire";

/** Builders for the dashboard's unit tests: API figures with overrides, a reader's context. */

export function ctxFor(locale: Locale): ChartContext {
  return createChartContext(locale, { isAnimated: false });
}

/** Replaces the narrow and ordinary no-break spaces Intl puts in French numbers with plain spaces. */
export function plain(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, " ");
}

export const FALLBACKS = { yes: "Oui", no: "Non", other: "Autre", none: "Aucun", computed: "Valeurs calculées" };

/** A small census: governorate and district (districts depend on the governorate), a theme ranking with facets. */
export const MINI_DEFINITION = {
  title: { default: "Mini census", fr: "Mini recensement", ar: "إحصاء مصغر" },
  breakdownFields: ["governorate", "district"],
  pages: [
    {
      name: "identity",
      title: { default: "Identity", fr: "Identité", ar: "الهوية" },
      elements: [
        { type: "text", name: "authority_name", title: { default: "Name", fr: "Nom", ar: "الاسم" } },
        {
          type: "dropdown",
          name: "governorate",
          title: { default: "Governorate", fr: "Gouvernorat", ar: "المحافظة" },
          choices: [
            { value: "north", text: { default: "North", fr: "Nord", ar: "الشمال" } },
            { value: "south", text: { default: "South", fr: "Sud", ar: "الجنوب" } },
          ],
        },
        {
          type: "dropdown",
          name: "district",
          title: { default: "District", fr: "Caza", ar: "القضاء" },
          choices: [
            { value: "tripoli", text: "Tripoli", visibleIf: "{governorate} = 'north'" },
            { value: "koura", text: "Koura", visibleIf: "{governorate} = 'north'" },
            { value: "tyre", text: { default: "Tyre", fr: "Tyr", ar: "صور" }, visibleIf: "{governorate} = 'south'" },
          ],
        },
        { type: "text", name: "population", inputType: "number", title: "Population" },
      ],
    },
    {
      name: "priorities",
      title: { default: "Priorities", fr: "Priorités", ar: "الأولويات" },
      elements: [
        {
          type: "ranking",
          name: "priority_themes",
          title: { default: "Themes", fr: "Thématiques", ar: "المجالات" },
          maxSelectedChoices: 2,
          choices: [
            { value: "water_sanitation", theme: "water_sanitation", text: { default: "Water", fr: "Eau", ar: "المياه" } },
            { value: "health", theme: "health", text: { default: "Health", fr: "Santé", ar: "الصحة" } },
            { value: "energy", theme: "energy", text: { default: "Energy", fr: "Énergie", ar: "الطاقة" } },
          ],
        },
        {
          type: "panel",
          name: "theme_water_sanitation",
          title: { default: "Water: your need", fr: "Eau : votre besoin", ar: "المياه: حاجتكم" },
          elements: [
            { type: "comment", name: "need_water_sanitation", theme: "water_sanitation", themeFacet: "need" },
            {
              type: "radiogroup",
              name: "urgency_water_sanitation",
              theme: "water_sanitation",
              themeFacet: "urgency",
              title: { default: "How urgent?", fr: "Quelle urgence ?", ar: "ما مدى الإلحاح؟" },
              choices: [
                { value: "immediate", text: { default: "Immediate", fr: "Immédiat", ar: "فوري" } },
                { value: "short_term", text: { default: "Short term", fr: "Court terme", ar: "قصير الأمد" } },
              ],
            },
          ],
        },
        { type: "checkbox", name: "constraints", title: "Constraints", showOtherItem: true, choices: ["security", "economic_crisis"] },
        { type: "boolean", name: "can_host", title: "Can host", labelTrue: { default: "Yes, gladly", fr: "Oui, volontiers" } },
        { type: "matrix", name: "capacities", title: "Capacities", rows: ["staff", "budget"], columns: ["low", "high"] },
      ],
    },
  ],
};

export function miniQuestionnaire(locale: Locale = "fr"): DashboardQuestionnaire {
  return readDashboardQuestionnaire(MINI_DEFINITION, locale, FALLBACKS);
}

export function themeFigures(overrides: Partial<PresentedThemeFigures> & { theme: string }): PresentedThemeFigures {
  return { cited: 0, share: 0, score: 0, meanRank: null, rankedFirst: 0, facets: {}, ...overrides };
}

export function groupCell(overrides: Partial<ThemeGroupCell> = {}): ThemeGroupCell {
  return { respondents: 4, cited: 0, share: 0, score: 0, ...overrides };
}

/** Themes figures of 5 respondents: energy 21 points, water 18, health 8 (the e2e test's census). */
export function someThemes(overrides: Partial<AnalyticsThemes> = {}): AnalyticsThemes {
  return {
    surveyId: "mini",
    filters: {},
    disclosure: "exact",
    respondents: 5,
    minGroupSize: 3,
    themeQuestion: "priority_themes",
    scoreBase: 5,
    groupField: "governorate",
    themes: [
      {
        theme: "water_sanitation",
        overall: themeFigures({ theme: "water_sanitation", cited: 4, share: 0.8, score: 18, meanRank: 1.5, rankedFirst: 2 }),
        byGroup: { north: groupCell({ respondents: 4, cited: 3, share: 0.75, score: 13 }), south: { suppressed: true } },
      },
      {
        theme: "health",
        overall: themeFigures({ theme: "health", cited: 2, share: 0.4, score: 8, meanRank: 2, rankedFirst: 1 }),
        byGroup: { north: groupCell({ respondents: 4, cited: 2, share: 0.5, score: 8 }), south: { suppressed: true } },
      },
      {
        theme: "energy",
        overall: themeFigures({ theme: "energy", cited: 5, share: 1, score: 21, meanRank: 1.8, rankedFirst: 2 }),
        byGroup: { north: groupCell({ respondents: 4, cited: 4, share: 1, score: 16 }), south: { suppressed: true } },
      },
    ],
    ...overrides,
  };
}
