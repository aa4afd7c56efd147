import { addAnswer, cloneAccumulator, createAccumulator, mergeAccumulatorInto, mergeAccumulators, type Accumulator } from "./accumulators";
import type { QuestionShape, QuestionnaireShape } from "./questionnaire-shape";

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
  const { shape, answers } = response;
  const groups: GroupSummary[] = [ALL_RESPONDENTS, ...breakdownGroupKeys(shape, answers)].map((key) => groupOf(summary, key, shape));
  foldIntoGroups(groups, response);
  return summary;
}

/** The breakdown groups a response counts in besides everyone's: one per breakdown field it answered. */
export function breakdownGroupKeys(shape: QuestionnaireShape, answers: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const field of shape.breakdownFields) {
    const value = answers[field];
    if (typeof value === "string" || typeof value === "number") keys.push(groupKey(field, String(value)));
  }
  return keys;
}

/**
 * Adds one response to a group of respondents that holds nothing but responses alike in every
 * breakdown (a cell of the summary cube): the group of everyone, with no breakdown groups.
 */
export function foldIntoGroup(group: GroupSummary, response: FoldableResponse): void {
  prepareGroup(group, response.shape);
  foldIntoGroups([group], response);
}

function foldIntoGroups(groups: readonly GroupSummary[], response: FoldableResponse): void {
  const { shape, answers } = response;
  const questions = questionsByName(shape);
  // Only the questions answered: a census response answers a third of its questions.
  for (const name of Object.keys(answers)) {
    const question = questions.get(name);
    if (!question) continue;
    const value = answers[name];
    for (const group of groups) {
      const acc = (group.questions[name] ??= createAccumulator(question));
      addAnswer(acc, question, value);
    }
  }
  for (const group of groups) group.respondents += 1;
}

// Every group holds an accumulator for every question, answered or not, so figures show zeros.
function groupOf(summary: Summary, key: string, shape: QuestionnaireShape): GroupSummary {
  let group = summary.groups[key];
  if (!group) {
    group = { respondents: 0, questions: {} };
    summary.groups[key] = group;
  }
  prepareGroup(group, shape);
  return group;
}

function prepareGroup(group: GroupSummary, shape: QuestionnaireShape): void {
  if (!initialised.get(group)?.has(shape)) {
    for (const question of shape.questions) group.questions[question.name] ??= createAccumulator(question);
    const shapes = initialised.get(group) ?? new WeakSet<QuestionnaireShape>();
    shapes.add(shape);
    initialised.set(group, shapes);
  }
}
const initialised = new WeakMap<GroupSummary, WeakSet<QuestionnaireShape>>();

const questionIndexes = new WeakMap<QuestionnaireShape, Map<string, QuestionShape>>();

function questionsByName(shape: QuestionnaireShape): Map<string, QuestionShape> {
  let index = questionIndexes.get(shape);
  if (!index) {
    index = new Map(shape.questions.map((question) => [question.name, question]));
    questionIndexes.set(shape, index);
  }
  return index;
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

/** Adds a group's figures into another, in place; `source` is left untouched and never shared. */
export function mergeGroupInto(target: GroupSummary, source: GroupSummary): void {
  target.respondents += source.respondents;
  for (const name of Object.keys(source.questions)) {
    const from = source.questions[name] as Accumulator;
    const into = target.questions[name];
    if (into) mergeAccumulatorInto(into, from);
    else target.questions[name] = cloneAccumulator(from);
  }
}
