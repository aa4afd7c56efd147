import type { MatchVocabulary, PooledProposal, Proposal } from "@passerelle/shared";
import type { AuditDeps } from "../access/audit";
import { StampedCache } from "../analytics/summary-cache";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";
import { matchVocabulary, type MatchingData, type MatchingDataDeps } from "./matching-data";

/** What the matching services need: the store, the questionnaires, the clock and their caches. */
export interface MatchingDeps extends MatchingDataDeps, AuditDeps {
  vocabulary: MatchVocabulary;
  /** Global proposals by (answers, weights, decisions, capacities): recomputed only when one changes. */
  proposalCache: StampedCache<Proposal>;
  pooledCache: StampedCache<PooledProposal[]>;
  /** Follow-up figures for viewers: cells with fewer introductions are suppressed. */
  minGroupSize: number;
}

export function createMatchingDeps(options: AuditDeps & { questionnaires: QuestionnaireRegistry; minGroupSize: number }): MatchingDeps {
  return {
    ...options,
    dataCache: new StampedCache<MatchingData>(),
    vocabulary: matchVocabulary(options.questionnaires),
    proposalCache: new StampedCache<Proposal>(),
    pooledCache: new StampedCache<PooledProposal[]>(),
  };
}
