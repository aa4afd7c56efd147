import { MAX_OBSERVED_VALUES, type CrossableKind, type QuestionShape } from "@passerelle/shared";

/**
 * Counting a cross-table: for every respondent who answered both questions, one count in each
 * cell of (a value they gave to the first) × (a value they gave to the second). Pure: fed
 * answers one response at a time, it holds only the counts. Answers are read as the fold reads
 * them: values the questionnaire does not offer are ignored, and so is a value given twice.
 */
export interface CrossCounts {
  rowValues: string[];
  columnValues: string[];
  /** `cells[r][c]` */
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  /** Respondents who answered both. */
  base: number;
}

export interface CrossCounter {
  add(answers: Record<string, unknown>): void;
  result(): CrossCounts;
}

export function isCrossable(question: QuestionShape): question is QuestionShape & { kind: CrossableKind } {
  return question.kind === "single" || question.kind === "multi" || question.kind === "ranking" || question.kind === "boolean";
}

export function createCrossCounter(rows: QuestionShape, columns: QuestionShape): CrossCounter {
  const rowSide = axisReader(rows);
  const columnSide = axisReader(columns);
  // Counts by value pair while reading: observed values (lists loaded at run time) may still grow.
  const pairs = new Map<string, Map<string, number>>();
  const rowTotals = new Map<string, number>();
  const columnTotals = new Map<string, number>();
  let base = 0;
  return {
    add(answers) {
      const rowValues = rowSide.read(answers[rows.name]);
      const columnValues = columnSide.read(answers[columns.name]);
      if (rowValues.length === 0 || columnValues.length === 0) return;
      base += 1;
      for (const row of rowValues) {
        rowTotals.set(row, (rowTotals.get(row) ?? 0) + 1);
        const line = pairs.get(row) ?? new Map<string, number>();
        pairs.set(row, line);
        for (const column of columnValues) line.set(column, (line.get(column) ?? 0) + 1);
      }
      for (const column of columnValues) columnTotals.set(column, (columnTotals.get(column) ?? 0) + 1);
    },
    result() {
      const rowValues = rowSide.values();
      const columnValues = columnSide.values();
      return {
        rowValues,
        columnValues,
        cells: rowValues.map((row) => columnValues.map((column) => pairs.get(row)?.get(column) ?? 0)),
        rowTotals: rowValues.map((row) => rowTotals.get(row) ?? 0),
        columnTotals: columnValues.map((column) => columnTotals.get(column) ?? 0),
        base,
      };
    },
  };
}

const BOOLEAN_VALUES = ["true", "false"];

// One side's values: a question's own list, or, when the list loads at run time, the values
// seen in the answers (capped as the fold caps them).
function axisReader(question: QuestionShape) {
  const listed = question.kind === "boolean" ? BOOLEAN_VALUES : question.choices;
  const known = new Set(listed);
  const observed: string[] = [];
  const isAccepted = (value: string) => {
    if (known.has(value)) return true;
    if (!question.openChoices || value === "" || value in Object.prototype || observed.length >= MAX_OBSERVED_VALUES) return false;
    observed.push(value);
    known.add(value);
    return true;
  };
  return {
    read(answer: unknown): string[] {
      if (answer === undefined || answer === null || answer === "") return [];
      const items = Array.isArray(answer) ? answer : [answer];
      const values = items.filter((item) => typeof item === "string" || typeof item === "number" || typeof item === "boolean").map(String);
      return [...new Set(values)].filter(isAccepted);
    },
    values: () => [...listed, ...observed],
  };
}
