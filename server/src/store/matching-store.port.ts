import type { WriteOptions } from "./store.port";
import type { IntroductionNote, IntroductionState, IntroductionStep, MatchWeights, PairDecision } from "@passerelle/shared";

/** An introduction between a Lebanese and a French authority, followed until a partnership. */
export interface StoredIntroduction {
  id: string;
  /** The two authorities' response ids: one introduction per pair. */
  lebaneseId: string;
  frenchId: string;
  /** Names and governorate as answered when it was started, for lists and exports. */
  lebaneseName: string;
  frenchName: string;
  governorate: string | null;
  /** The themes the pair had in common when it was started. */
  themes: string[];
  state: IntroductionState;
  reason: string | null;
  owner: string | null;
  /** YYYY-MM-DD. */
  nextStepOn: string | null;
  notes: IntroductionNote[];
  history: IntroductionStep[];
  /**
   * When each authority's answers were last changed, as staff last saw them (at the start or the
   * last review): a later change flags the introduction for review.
   */
  lebaneseSeenAt: Date;
  frenchSeenAt: Date;
  /** Incremented on every write, so that a change made meanwhile is not overwritten. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A decision staff took on a pair: shortlisted, dismissed (with a reason), fixed or excluded. */
export interface StoredPairDecision {
  lebaneseId: string;
  frenchId: string;
  decision: PairDecision;
  reason: string | null;
  by: string;
  at: Date;
}

/** How many partners staff allow a Lebanese authority in the proposal (one otherwise). */
export interface StoredCapacity {
  lebaneseId: string;
  capacity: number;
  by: string;
  at: Date;
}

/** One saved version of the matching weights; versions count up from 1. */
export interface StoredMatchWeights {
  version: number;
  weights: MatchWeights;
  savedAt: Date;
  savedBy: string;
}

/**
 * Every write takes the audit entry recording it (`WriteOptions.audit`) and stores both in one
 * transaction; a write refused or changing nothing stores no entry.
 */
export interface MatchingStore {
  /** Throws StoreConflictError when the id is taken or the pair already has an introduction. */
  insertIntroduction(introduction: StoredIntroduction, options?: WriteOptions): Promise<void>;
  findIntroduction(id: string): Promise<StoredIntroduction | null>;
  /** Every introduction, oldest first. */
  listIntroductions(): Promise<StoredIntroduction[]>;
  /**
   * Writes `next` (whose revision is `expectedRevision + 1`) if the stored introduction is still
   * at `expectedRevision`. Returns it as written, or null when it is missing or changed meanwhile.
   */
  replaceIntroduction(next: StoredIntroduction, expectedRevision: number, options?: WriteOptions): Promise<StoredIntroduction | null>;
  /** Sets the pair's decision, replacing any earlier one. */
  setDecision(decision: StoredPairDecision, options?: WriteOptions): Promise<void>;
  clearDecision(lebaneseId: string, frenchId: string, options?: WriteOptions): Promise<void>;
  listDecisions(): Promise<StoredPairDecision[]>;
  setCapacity(capacity: StoredCapacity, options?: WriteOptions): Promise<void>;
  clearCapacity(lebaneseId: string, options?: WriteOptions): Promise<void>;
  listCapacities(): Promise<StoredCapacity[]>;
  /** Throws StoreConflictError when the version exists (two administrators saving at once). */
  saveWeights(weights: StoredMatchWeights, options?: WriteOptions): Promise<void>;
  /** The highest version, or null before any was saved. */
  latestWeights(): Promise<StoredMatchWeights | null>;
}
