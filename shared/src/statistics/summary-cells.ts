import { ALL_RESPONDENTS, breakdownGroupKeys, mergeGroupInto, type GroupSummary, type Summary } from "./fold";
import type { Accumulator, NumericAccumulator } from "./accumulators";
import type { QuestionnaireShape } from "./questionnaire-shape";

/**
 * The version of the fold's counting rules. Cells of the summary cube folded under another
 * version are rebuilt: bump it with any change to what an accumulator counts or how.
 */
export const FOLD_CODE_VERSION = 1;

/**
 * Where a submitted response sits in the summary cube: everything that decides how it counts
 * besides its answers. Responses with the same coordinates fold into one cell; a dashboard
 * filter over breakdowns and months is a merge of cells.
 */
export interface CellCoordinates {
  /** The questionnaire version answered: its shape reads the answers. */
  version: string;
  /** The calendar month of submission (UTC), `YYYY-MM`. */
  month: string;
  /** The response's breakdown values as the store filters on them. */
  breakdown: Record<string, string>;
  /** The breakdown groups it counts in (`field=value`), as its version's shape reads them. */
  groupKeys: string[];
}

/** One cell: its coordinates and the folded figures of its respondents. */
export interface SummaryCell extends CellCoordinates {
  key: string;
  summary: GroupSummary;
}

/** What a cell's key and coordinates are read from: a submitted response. */
export interface CellSource {
  version: string;
  breakdown: Record<string, string>;
  submittedAt: Date;
  answers: Record<string, unknown>;
}

export function cellCoordinatesOf(response: CellSource, shape: QuestionnaireShape): CellCoordinates & { key: string } {
  const coordinates: CellCoordinates = {
    version: response.version,
    month: response.submittedAt.toISOString().slice(0, 7),
    breakdown: response.breakdown,
    groupKeys: breakdownGroupKeys(shape, response.answers),
  };
  return { key: cellKeyOf(coordinates), ...coordinates };
}

/** A cell's key: its coordinates as one string, breakdown values in field order. */
export function cellKeyOf(coordinates: CellCoordinates): string {
  const breakdown = Object.keys(coordinates.breakdown)
    .sort()
    .map((field) => [field, coordinates.breakdown[field]]);
  return JSON.stringify([coordinates.version, coordinates.month, breakdown, coordinates.groupKeys]);
}

export function emptyCell(coordinates: CellCoordinates & { key: string }): SummaryCell {
  return { ...coordinates, summary: { respondents: 0, questions: {} } };
}

/** A filter the cube answers: breakdown values (all must hold) and a span of whole months. */
export interface CellFilter {
  breakdown?: Record<string, string>;
  /** First month included, `YYYY-MM`. */
  fromMonth?: string;
  /** First month no longer included, `YYYY-MM`. */
  beforeMonth?: string;
}

export function isCellInFilter(cell: CellCoordinates, filter: CellFilter): boolean {
  if (filter.fromMonth !== undefined && cell.month < filter.fromMonth) return false;
  if (filter.beforeMonth !== undefined && cell.month >= filter.beforeMonth) return false;
  for (const [field, value] of Object.entries(filter.breakdown ?? {})) {
    if (cell.breakdown[field] !== value) return false;
  }
  return true;
}

/**
 * The summary of the responses a filter picks, from the cells it covers: everyone's group is
 * the merge of them all, each breakdown group the merge of the cells counting in it. The same
 * figures as a fold of those responses; the cells are left untouched.
 */
export function mergeCells(cells: Iterable<SummaryCell>, filter: CellFilter): Summary {
  const groups: Record<string, GroupSummary> = {};
  for (const cell of cells) {
    if (!isCellInFilter(cell, filter)) continue;
    for (const key of [ALL_RESPONDENTS, ...cell.groupKeys]) {
      mergeGroupInto((groups[key] ??= { respondents: 0, questions: {} }), cell.summary);
    }
  }
  return { groups };
}

/**
 * A cell as JSON text, for the stores. JSON has no infinities: an accumulator with no number
 * yet (min Infinity, max -Infinity) comes back from `parseCell` as it went in.
 */
export function serialiseCell(cell: SummaryCell): string {
  return JSON.stringify(cell);
}

export function parseCell(text: string): SummaryCell {
  const cell = JSON.parse(text) as SummaryCell;
  for (const acc of Object.values(cell.summary.questions)) restoreInfinities(acc);
  return cell;
}

function restoreInfinities(acc: Accumulator): void {
  if (acc.kind === "numeric") restoreNumbers(acc);
  else if (acc.kind === "values") restoreNumbers(acc.numbers);
  else if (acc.kind === "group") for (const part of Object.values(acc.parts)) restoreInfinities(part);
}

function restoreNumbers(acc: NumericAccumulator): void {
  if (acc.n > 0) return;
  acc.min = Infinity;
  acc.max = -Infinity;
}
