import { z } from "zod";

/** The named parts of a fit score, in the order explanations list them. */
export const SCORE_PARTS = ["relaunch", "themes", "modes", "budget", "missions", "language", "geography"] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];

const PartWeightSchema = z.number().min(0).max(10);
const ShareSchema = z.number().min(0).max(1);

/**
 * How much each part counts and the few values the parts use: data, not code. Administrators edit
 * them (every change is a new version, audited); the defaults below are where a new installation
 * starts.
 */
export const MatchWeightsSchema = z
  .strictObject({
    /** Relative weight of each part in the overall score (0 switches a part off). */
    parts: z.strictObject(Object.fromEntries(SCORE_PARTS.map((part) => [part, PartWeightSchema])) as Record<ScorePart, typeof PartWeightSchema>),
    /** How much a covered need counts by its urgency (1 = fully). */
    urgency: z.strictObject({ immediate: ShareSchema, short_term: ShareSchema, medium_term: ShareSchema, unstated: ShareSchema }),
    /** The language part's value for a pair with no common working language ("needs interpretation"). */
    interpretation: ShareSchema,
    /** The geography part's value when the French authority has no preference of governorate. */
    noGovernoratePreference: ShareSchema,
    /** Euros per US dollar, to set the French envelope (euros) against the Lebanese needs (dollars). */
    eurPerUsd: z.number().min(0.1).max(10),
  })
  .refine((weights) => SCORE_PARTS.some((part) => weights.parts[part] > 0), {
    message: "at least one part must have a weight above 0",
    path: ["parts"],
  });
export type MatchWeights = z.infer<typeof MatchWeightsSchema>;

export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  // Themes carry most of a match; relaunching a former partnership is worth a strong bonus on top
  // of being ranked first (see `compareCandidates`).
  parts: { relaunch: 2, themes: 4, modes: 1, budget: 1, missions: 0.5, language: 1, geography: 1 },
  urgency: { immediate: 1, short_term: 0.8, medium_term: 0.6, unstated: 0.7 },
  interpretation: 0.3,
  noGovernoratePreference: 0.75,
  eurPerUsd: 0.92,
};

/** One saved version of the weights. Version 0 is the defaults, never saved. */
export interface MatchWeightsVersion {
  version: number;
  weights: MatchWeights;
  savedAt: string | null;
  savedBy: string | null;
}
