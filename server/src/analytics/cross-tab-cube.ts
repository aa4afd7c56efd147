import { groupKey, isCellInFilter, layoutOf, unpackQuestion, type CrossableKind, type QuestionShape, type QuestionnaireShape } from "@passerelle/shared";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { ResponseFilter } from "../store/store.port";
import type { CrossCounts } from "./cross-tab";
import { cellFilterOf, currentCube, type CubeDeps } from "./summary-cube";

type Axis = QuestionShape & { kind: CrossableKind };

/**
 * A cross-table read from the summary cube's cells instead of every response, when one side
 * at least is a breakdown field: each cell holds respondents alike in every breakdown, with
 * the counts of each of their questions, so a breakdown value crossed with a question's
 * choices is a sum over cells, at a cost that follows the cells, not the responses (the
 * dashboard asks for one as it opens). Undefined when the cells cannot say exactly what
 * counting the responses would: a filter the cube does not answer (a free period), no
 * breakdown side, choices loaded at run time, a ranking whose figures keep only its first
 * ranks, or a version of the questionnaire that asked either side otherwise than now (or did not
 * make its breakdown side a breakdown field).
 */
export async function crossCountsFromCube(
  deps: CubeDeps,
  questionnaire: Questionnaire,
  filter: ResponseFilter,
  axes: { rows: Axis; columns: Axis },
): Promise<{ counts: CrossCounts; respondents: number } | undefined> {
  const cellFilter = cellFilterOf(filter);
  if (!cellFilter) return undefined;
  const { rows, columns } = axes;
  const isBreakdown = (axis: Axis) => questionnaire.breakdownFields.includes(axis.name) && isReadAsBreakdown(axis);
  if (!isBreakdown(rows) && !isBreakdown(columns)) return undefined;
  if (![rows, columns].every(isCountedInFull)) return undefined;
  const cube = await currentCube(deps, questionnaire);
  for (const shape of cube.shapes.values()) {
    if (!asksAlike(shape, rows) || !asksAlike(shape, columns)) return undefined;
    // A cell knows a breakdown value only where its version made the field a breakdown.
    if ([rows, columns].some((axis) => isBreakdown(axis) && !shape.breakdownFields.includes(axis.name))) return undefined;
  }

  const rowValues = valuesOf(rows);
  const columnValues = valuesOf(columns);
  const rowIndex = new Map(rowValues.map((value, index) => [value, index]));
  const columnIndex = new Map(columnValues.map((value, index) => [value, index]));
  const cells = rowValues.map(() => columnValues.map(() => 0));
  const rowTotals = rowValues.map(() => 0);
  const columnTotals = columnValues.map(() => 0);
  let base = 0;
  let respondents = 0;
  for (const cell of cube.cells.values()) {
    if (!isCellInFilter(cell, cellFilter)) continue;
    respondents += cell.figures.respondents;
    const shape = cube.shapes.get(cell.version) as QuestionnaireShape;
    // What each side's values count in this cell: a breakdown value counts all its respondents,
    // a question's choice those who gave it (with how many answered the question).
    const side = (axis: Axis, index: Map<string, number>): { counts: Map<number, number>; answered: number } => {
      if (isBreakdown(axis)) {
        const at = breakdownValueOf(cell.groupKeys, axis.name, index);
        return at === undefined
          ? { counts: new Map(), answered: 0 }
          : { counts: new Map([[at, cell.figures.respondents]]), answered: cell.figures.respondents };
      }
      return choiceCounts(unpackQuestion(cell.figures, layoutOf(shape), axis.name), index);
    };
    const across = side(rows, rowIndex);
    const down = side(columns, columnIndex);
    if (across.answered === 0 || down.answered === 0) continue;
    // One side is a breakdown, held by every respondent of the cell: the pairs are the other's counts.
    const [single, other, isRowsSingle] = isBreakdown(rows) ? [across, down, true] : [down, across, false];
    const [at] = single.counts.keys() as IterableIterator<number>;
    base += other.answered;
    if (isRowsSingle) rowTotals[at as number] = (rowTotals[at as number] as number) + other.answered;
    else columnTotals[at as number] = (columnTotals[at as number] as number) + other.answered;
    for (const [index, count] of other.counts) {
      if (isRowsSingle) {
        (cells[at as number] as number[])[index] = ((cells[at as number] as number[])[index] as number) + count;
        columnTotals[index] = (columnTotals[index] as number) + count;
      } else {
        (cells[index] as number[])[at as number] = ((cells[index] as number[])[at as number] as number) + count;
        rowTotals[index] = (rowTotals[index] as number) + count;
      }
    }
  }
  return { counts: { rowValues, columnValues, cells, rowTotals, columnTotals, base }, respondents };
}

// A breakdown field read from a cell as the responses would be: a single choice whose values
// are not what a yes/no answer reads as (a cell keeps a breakdown value only from text or a number).
function isReadAsBreakdown(axis: Axis): boolean {
  return axis.kind === "single" && !axis.choices.includes("true") && !axis.choices.includes("false");
}

// Every value a respondent gave is in the figures: no list loaded at run time, and a ranking's
// figures keep every rank (they keep only the first `maxRanked`).
function isCountedInFull(axis: Axis): boolean {
  if (axis.openChoices) return false;
  return axis.kind !== "ranking" || axis.maxRanked === undefined || axis.maxRanked >= axis.choices.length;
}

// The version asks the question as the current one does: same kind and the same choices.
function asksAlike(shape: QuestionnaireShape, axis: Axis): boolean {
  const asked = shape.questions.find((question) => question.name === axis.name);
  if (!asked) return true;
  return (
    asked.kind === axis.kind &&
    !asked.openChoices &&
    asked.maxRanked === axis.maxRanked &&
    asked.choices.length === axis.choices.length &&
    asked.choices.every((choice, index) => choice === axis.choices[index])
  );
}

function valuesOf(axis: Axis): string[] {
  return axis.kind === "boolean" ? ["true", "false"] : [...axis.choices];
}

function breakdownValueOf(groupKeys: readonly string[], field: string, index: Map<string, number>): number | undefined {
  const prefix = groupKey(field, "");
  const key = groupKeys.find((candidate) => candidate.startsWith(prefix));
  return key === undefined ? undefined : index.get(key.slice(prefix.length));
}

function choiceCounts(acc: ReturnType<typeof unpackQuestion>, index: Map<string, number>): { counts: Map<number, number>; answered: number } {
  const counts = new Map<number, number>();
  if (acc?.kind === "counts") {
    for (const [value, count] of Object.entries(acc.counts)) {
      const at = index.get(value);
      if (at !== undefined && count > 0) counts.set(at, count);
    }
  } else if (acc?.kind === "ranking") {
    for (const [value, item] of Object.entries(acc.items)) {
      const at = index.get(value);
      if (at !== undefined && item.ranked > 0) counts.set(at, item.ranked);
    }
  } else {
    return { counts, answered: 0 };
  }
  return { counts, answered: acc.n };
}
