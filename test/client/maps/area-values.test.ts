import type { AnalyticsOverview, AnalyticsQuestion } from "@passerelle/shared";
import { choiceByArea, respondentsByArea } from "../../../client/src/features/maps/area-values";

const overview = {
  breakdowns: {
    district: [
      { value: "tyre", respondents: { count: 7 } },
      { value: "saida", respondents: { suppressed: true } },
      { value: "jezzine", respondents: { count: 0 } },
    ],
  },
} as unknown as AnalyticsOverview;

function ranking(n: number, item: { ranked: number; score: number }) {
  return { kind: "ranking" as const, n, items: { water: { ...item, share: n > 0 ? item.ranked / n : null, meanRank: null, rankedFirst: 0 } } };
}

const question = {
  byGroup: {
    "district=tyre": { respondents: 7, figures: ranking(5, { ranked: 2, score: 9 }) },
    "district=saida": { suppressed: true },
    "district=jezzine": { respondents: 3, figures: ranking(0, { ranked: 0, score: 0 }) },
    "governorate=south": { respondents: 10, figures: ranking(5, { ranked: 2, score: 9 }) },
  },
} as unknown as AnalyticsQuestion;

test("respondents per area keep what the API withheld as withheld and a real zero as zero", () => {
  expect(respondentsByArea(overview, "district")).toEqual({ tyre: 7, saida: "suppressed", jezzine: 0 });
  expect(respondentsByArea(overview, "governorate")).toEqual({});
});

test.each([
  ["score", { tyre: 9, saida: "suppressed", jezzine: undefined }],
  ["share", { tyre: 0.4, saida: "suppressed", jezzine: undefined }],
] as const)("a choice's %s per area reads only that field's groups; nobody answering is no figure, not 0", (measure, expected) => {
  expect(choiceByArea(question, { field: "district", choice: "water", measure })).toEqual(expected);
});

test("a multiple choice gives shares of those who answered, and no score", () => {
  const counts = {
    byGroup: { "district=tyre": { respondents: 4, figures: { kind: "counts", n: 4, counts: { water: 1, health: 3 } } } },
  } as unknown as AnalyticsQuestion;
  expect(choiceByArea(counts, { field: "district", choice: "water", measure: "share" })).toEqual({ tyre: 0.25 });
  expect(choiceByArea(counts, { field: "district", choice: "water", measure: "score" })).toEqual({ tyre: undefined });
});
