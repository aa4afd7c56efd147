import { addAnswer, createAccumulator, mergeAccumulators, type Accumulator } from "./accumulators";
import type { QuestionnaireShape } from "./questionnaire-shape";

/** The statistics of one group of respondents (everyone, or one governorate, one district…). */
export interface GroupSummary {
  respondents: number;
  questions: Record<string, Accumulator>;
}

/**
 * The fold's result: one group for everyone (key `ALL_RESPONDENTS`) and one per value of each
 * breakdown field (key `field=value`, e.g. `governorate=north`).
 */
export interface Summary {
  groups: Record<string, GroupSummary>;
}

export const ALL_RESPONDENTS = "*";

export function groupKey(field: string, value: string): string {
  return `${field}=${value}`;
}

/** A response as the fold reads it: its answers and the shape of the version it answered. */
export interface FoldableResponse {
  answers: Record<string, unknown>;
  shape: QuestionnaireShape;
}

export function emptySummary(): Summary {
  return { groups: {} };
}

/**
 * Adds one submitted response to the summary, in place: a single pass over all responses gives
 * every figure of every group. Each response is read against its own version's shape.
 */
export function foldResponse(summary: Summary, response: FoldableResponse): Summary {
  const keys = [ALL_RESPONDENTS];
  for (const field of response.shape.breakdownFields) {
    const value = response.answers[field];
    if (typeof value === "string" || typeof value === "number") keys.push(groupKey(field, String(value)));
  }
  for (const key of keys) {
    const group = (summary.groups[key] ??= { respondents: 0, questions: {} });
    group.respondents += 1;
    for (const question of response.shape.questions) {
      const acc = (group.questions[question.name] ??= createAccumulator(question));
      addAnswer(acc, question, response.answers[question.name]);
    }
  }
  return summary;
}

/** The summary of two disjoint sets of responses, from the summaries of each. */
export function mergeSummaries(a: Summary, b: Summary): Summary {
  const groups: Record<string, GroupSummary> = {};
  for (const key of new Set([...Object.keys(a.groups), ...Object.keys(b.groups)])) {
    const x = a.groups[key];
    const y = b.groups[key];
    if (!x || !y) {
      groups[key] = structuredClone((x ?? y) as GroupSummary);
      continue;
    }
    const questions: Record<string, Accumulator> = {};
    for (const name of new Set([...Object.keys(x.questions), ...Object.keys(y.questions)])) {
      const p = x.questions[name];
      const q = y.questions[name];
      questions[name] = p && q ? mergeAccumulators(p, q) : structuredClone((p ?? q) as Accumulator);
    }
    groups[key] = { respondents: x.respondents + y.respondents, questions };
  }
  return { groups };
}
