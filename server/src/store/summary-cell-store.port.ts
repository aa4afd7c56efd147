import type { SummaryCell } from "@passerelle/shared";

/** A cell as the store keeps it: stamped with the point of the change sequence it was last folded at. */
export interface StoredSummaryCell extends SummaryCell {
  sequence: number;
}

/**
 * A questionnaire's summary cube: every cell, as of one point of its change sequence, folded
 * under one fold key (the fold code's version and the questionnaire's version).
 */
export interface StoredSummaryCube {
  surveyId: string;
  foldKey: string;
  /** Every submitted response whose latest change is at or before this point is in a cell. */
  sequence: number;
  cells: StoredSummaryCell[];
  /** Every response, drafts too, counted by its activity key (see `ActivityCount`). */
  activity: ActivityCount[];
}

/**
 * How many responses share one activity key: the analytics' own encoding of breakdown values,
 * status and the days a response was started and submitted, opaque to the store. The
 * overview's daily tracking and drafts are sums of these counts.
 */
export interface ActivityCount {
  key: string;
  responses: number;
}

/** Which activity key a response is counted under, or null once it counts under none. */
export interface ActivityMembership {
  responseId: string;
  activityKey: string | null;
}

/** Which cell a response was folded into, or null once it counts in none. */
export interface CellMembership {
  responseId: string;
  cellKey: string | null;
}

/** Changes to a cube brought up to a later point of the sequence. */
export interface SummaryCubeChanges {
  surveyId: string;
  foldKey: string;
  /** The point the stored cube must still be at: another server may have moved it meanwhile. */
  expectedSequence: number;
  sequence: number;
  /** Cells written whole (replacing the stored ones with the same key). */
  cells: StoredSummaryCell[];
  /** Keys of cells left with no respondent. */
  removedCells: string[];
  memberships: CellMembership[];
  /** Counts written whole; a count of zero removes its key. */
  activity: ActivityCount[];
  activityMemberships: ActivityMembership[];
}

/**
 * The summary cube's storage: the folded figures of each cell and which cell each response is
 * in, so that an edited response's former cell can be recomputed. Written only by the
 * analytics; a questionnaire has one cube at a time.
 */
export interface SummaryCellStore {
  /** The questionnaire's cube if it was folded under this fold key; null otherwise. */
  load(surveyId: string, foldKey: string): Promise<StoredSummaryCube | null>;
  /** The cell each of these responses is in, for those in one. */
  cellsOf(surveyId: string, responseIds: readonly string[]): Promise<Map<string, string>>;
  /** The activity key each of these responses is counted under, for those counted. */
  activityOf(surveyId: string, responseIds: readonly string[]): Promise<Map<string, string>>;
  /** The ids of the responses the stored cube counts in this cell (none for an unknown cell). */
  membersOf(surveyId: string, cellKey: string): Promise<string[]>;
  /**
   * Replaces whatever cube the questionnaire had (any fold key) with this one and its
   * memberships. A reader sees the old cube or the new one, never a mix.
   */
  replace(cube: StoredSummaryCube, memberships: readonly CellMembership[], activityMemberships: readonly ActivityMembership[]): Promise<void>;
  /**
   * Applies the changes, all or none, if the stored cube is still at `expectedSequence` under
   * this fold key; returns false (writing nothing) when it is not.
   */
  update(changes: SummaryCubeChanges): Promise<boolean>;
}
