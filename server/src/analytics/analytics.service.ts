import {
  ALL_RESPONDENTS,
  computeThemeFigures,
  findThemeQuestion,
  createAccumulator,
  foldResponse,
  groupKey,
  presentAccumulator,
  presentThemeFigures,
  type AnalyticsOverview,
  type AnalyticsQuestion,
  type AnalyticsThemes,
  type PresentedThemeFigures,
  type ThemeFigures,
  type QuestionnaireShape,
  type Summary,
} from "@passerelle/shared";
import { AppError } from "../http/app-error";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";
import type { ResponseFilter, Store, StoredResponse } from "../store/store.port";
import { parseAnalyticsFilter } from "./analytics-filter";
import { foldResponses, type CachedSummary } from "./fold-job";
import type { ParallelFold } from "./parallel-fold";
import type { QuestionnaireShapes } from "./questionnaire-shapes";
import type { StampedCache } from "./summary-cache";
import { cellFilterOf, currentCube, mergeCube, takeInAdditions, type SummaryCubes } from "./summary-cube";
import { activityFiguresOf, type DailyCounts } from "./activity";
import { figureGate, type Disclosure, type DisclosureDeps, type FigureGate } from "../disclosure/figure-gate";

export interface AnalyticsDeps extends DisclosureDeps {
  store: Store;
  questionnaires: QuestionnaireRegistry;
  shapes: QuestionnaireShapes;
  summaries: StampedCache<CachedSummary>;
  /** Summaries being computed, by cache key, so concurrent requests share the work. */
  inFlight: Map<string, Promise<CachedSummary>>;
  /** The summary cubes held in memory (see summary-cube.ts). */
  cubes: SummaryCubes;
  /** Folds in worker threads when available (see parallel-fold.ts); in-thread otherwise. */
  parallelFold?: ParallelFold;
}

export interface AnalyticsRequest {
  surveyId: string;
  /** The raw query string parameters: the filters. */
  query: unknown;
  /** Exact figures, or those the disclosure control releases (viewers). */
  disclosure: Disclosure;
}

/** Response counts by breakdown value and over time: the dashboard's first row. */
export async function getOverview(deps: AnalyticsDeps, request: AnalyticsRequest): Promise<AnalyticsOverview> {
  const { questionnaire, filter } = resolve(deps, request);
  // Drafts and daily tracking are sums of the cube's activity counts, whatever the filters.
  const [summary, cube] = await Promise.all([summarise(deps, questionnaire, filter), currentCube(deps, questionnaire)]);
  const { drafts, tracking } = activityFiguresOf(cube.activity, filter);
  const respondents = summary.groups[ALL_RESPONDENTS]?.respondents ?? 0;
  const gate = await figureGate(deps, { questionnaire, filter, disclosure: request.disclosure, respondents });
  const shape = deps.shapes.current(questionnaire);
  const breakdowns: AnalyticsOverview["breakdowns"] = {};
  for (const field of questionnaire.breakdownFields) {
    const values = shape.questions.find((question) => question.name === field)?.choices ?? [];
    breakdowns[field] = values.map((value) => {
      const count = summary.groups[groupKey(field, value)]?.respondents ?? 0;
      return { value, respondents: gate.isGroupShown(field, value, count) ? { count } : { suppressed: true } };
    });
  }
  const isControlled = gate.disclosure === "controlled";
  return {
    surveyId: questionnaire.id,
    filters: describeFilter(filter),
    disclosure: gate.disclosure,
    respondents: gate.isCountShown ? respondents : null,
    drafts: gate.isActivityShown ? drafts : null,
    minGroupSize: deps.minGroupSize,
    breakdowns,
    tracking: !gate.isActivityShown ? [] : isControlled ? byMonth(tracking, gate) : tracking,
  };
}

/** Each theme's priority overall and per value of the first breakdown field (the governorate). */
export async function getThemes(deps: AnalyticsDeps, request: AnalyticsRequest): Promise<AnalyticsThemes> {
  const { questionnaire, filter } = resolve(deps, request);
  const summary = await summarise(deps, questionnaire, filter);
  const shape = deps.shapes.current(questionnaire);
  const everyone = summary.groups[ALL_RESPONDENTS] ?? { respondents: 0, questions: {} };
  const gate = await figureGate(deps, { questionnaire, filter, disclosure: request.disclosure, respondents: everyone.respondents });
  const groupField = questionnaire.breakdownFields[0] ?? null;
  const groupValues = groupField ? (shape.questions.find((question) => question.name === groupField)?.choices ?? []) : [];
  const figuresByGroup = new Map(
    groupValues.map((value) => {
      const group = summary.groups[groupKey(groupField as string, value)];
      return [value, group ? { respondents: group.respondents, figures: computeThemeFigures(group, shape) } : undefined] as const;
    }),
  );
  const themeQuestion = findThemeQuestion(shape);
  return {
    surveyId: questionnaire.id,
    filters: describeFilter(filter),
    disclosure: gate.disclosure,
    respondents: gate.isCountShown ? everyone.respondents : null,
    minGroupSize: deps.minGroupSize,
    themeQuestion: themeQuestion?.name ?? null,
    scoreBase: themeQuestion?.kind === "ranking" ? (themeQuestion.maxRanked ?? null) : null,
    groupField,
    themes: computeThemeFigures(everyone, shape).map((overall) => ({
      theme: overall.theme,
      overall: gate.isViewShown ? presentThemeFor(overall, gate) : { suppressed: true },
      byGroup: Object.fromEntries(
        groupValues.map((value) => {
          const group = figuresByGroup.get(value);
          const cell = group?.figures.find((figures) => figures.theme === overall.theme);
          const respondents = group?.respondents ?? 0;
          const isShown = gate.isGroupShown(groupField as string, value, respondents);
          return [
            value,
            isShown ? { respondents, cited: cell?.cited ?? 0, share: cell?.share ?? null, score: cell?.score ?? null } : { suppressed: true as const },
          ];
        }),
      ),
    })),
  };
}

/** One question's figures overall and per breakdown value. */
export async function getQuestion(
  deps: AnalyticsDeps,
  request: AnalyticsRequest & { questionName: string; includePersonal: boolean },
): Promise<AnalyticsQuestion> {
  const { questionnaire, filter } = resolve(deps, request);
  const shape = deps.shapes.current(questionnaire);
  const question = shape.questions.find((candidate) => candidate.name === request.questionName);
  if (!question) {
    throw new AppError("question_not_found", `The questionnaire has no question "${request.questionName}" with statistics.`);
  }
  if (question.personal && !request.includePersonal) {
    throw new AppError("forbidden", `"${question.name}" is personal data, which your role does not give access to.`);
  }
  const summary = await summarise(deps, questionnaire, filter);
  const respondents = summary.groups[ALL_RESPONDENTS]?.respondents ?? 0;
  const gate = await figureGate(deps, { questionnaire, filter, disclosure: request.disclosure, respondents });
  const figuresIn = (key: string) => gate.present(presentAccumulator(summary.groups[key]?.questions[question.name] ?? createAccumulator(question)));
  const byGroup: AnalyticsQuestion["byGroup"] = {};
  for (const [key, group] of Object.entries(summary.groups)) {
    if (key === ALL_RESPONDENTS) continue;
    const [field, value] = splitGroupKey(key);
    const isShown = gate.isGroupShown(field, value, group.respondents);
    byGroup[key] = isShown ? { respondents: group.respondents, figures: figuresIn(key) } : { suppressed: true };
  }
  const { choiceThemes: _themes, maxRanked: _max, themeFacet: _facet, ...described } = question;
  return {
    surveyId: questionnaire.id,
    filters: describeFilter(filter),
    question: described,
    disclosure: gate.disclosure,
    respondents: gate.isCountShown ? respondents : null,
    minGroupSize: deps.minGroupSize,
    overall: gate.isViewShown ? figuresIn(ALL_RESPONDENTS) : { suppressed: true },
    byGroup,
  };
}

function resolve(deps: AnalyticsDeps, request: AnalyticsRequest): { questionnaire: Questionnaire; filter: ResponseFilter } {
  const questionnaire = deps.questionnaires.get(request.surveyId);
  return { questionnaire, filter: parseAnalyticsFilter(questionnaire, request.query, request.disclosure) };
}

function presentThemeFor(figures: ThemeFigures, gate: FigureGate): PresentedThemeFigures {
  const presented = presentThemeFigures(figures);
  return { ...presented, facets: Object.fromEntries(Object.entries(presented.facets).map(([facet, shown]) => [facet, gate.present(shown)])) };
}

function splitGroupKey(key: string): [string, string] {
  const at = key.indexOf("=");
  return [key.slice(0, at), key.slice(at + 1)];
}

// Controlled tracking: calendar months, each month's submissions shown only where released.
function byMonth(days: DailyCounts, gate: FigureGate): AnalyticsOverview["tracking"] {
  const months = new Map<string, { started: number; submitted: number }>();
  for (const day of days) {
    const month = months.get(day.date.slice(0, 7)) ?? { started: 0, submitted: 0 };
    month.started += day.started;
    month.submitted += day.submitted;
    months.set(day.date.slice(0, 7), month);
  }
  return [...months.entries()].map(([date, counts]) => ({ date, started: counts.started, submitted: gate.isMonthShown(date) ? counts.submitted : null }));
}

/**
 * The figures of every submitted response matching the filters, each read against its own
 * questionnaire version. Filters over breakdowns and whole months are answered by merging the
 * cells of the summary cube (see summary-cube.ts), at a cost that grows with the number of
 * cells, not of responses. Any other filter (a free period) folds the matching responses, kept
 * up to date rather than recomputed: while the store's change sequence stays the same it is
 * served from the cache; when responses were submitted since, only they are folded into it
 * (accumulators only grow); an edit of a response already submitted, or any mismatch in the
 * count, triggers a full recompute.
 */
export async function summarise(deps: AnalyticsDeps, questionnaire: Questionnaire, filter: ResponseFilter): Promise<Summary> {
  const cellFilter = cellFilterOf(filter);
  if (cellFilter) {
    const cube = await currentCube(deps, questionnaire);
    const key = JSON.stringify(["cube", questionnaire.version, filter]);
    const stamp = String(cube.sequence);
    const cached = deps.summaries.get(key, stamp);
    if (cached) return cached.summary;
    // A view merged before the latest submissions takes them in, as the cells did; in place and
    // without an await, so no other request sees it half brought up to date.
    const previous = deps.summaries.latest(key);
    if (previous && takeInAdditions(cube, previous.summary, previous.watermark, cellFilter)) {
      previous.watermark = cube.sequence;
      deps.summaries.set(key, stamp, previous);
      return previous.summary;
    }
    const merged = mergeCube(cube, cellFilter, deps.shapes.current(questionnaire));
    deps.summaries.set(key, stamp, { summary: merged, watermark: cube.sequence });
    return merged;
  }
  const sequence = await deps.store.responses.changeSequence(questionnaire.id);
  const stamp = String(sequence);
  const key = JSON.stringify([questionnaire.version, filter]);
  const fresh = deps.summaries.get(key, stamp);
  if (fresh) return fresh.summary;
  // Requests arriving while a summary is being brought up to date share that work.
  const running = deps.inFlight.get(key);
  if (running) return (await running).summary;
  const work = (async () => {
    const previous = deps.summaries.latest(key);
    const updated =
      (previous && (await foldNewSubmissions(deps, questionnaire, filter, previous, sequence))) ?? (await foldAll(deps, questionnaire, filter, sequence));
    deps.summaries.set(key, stamp, updated);
    return updated;
  })();
  deps.inFlight.set(key, work);
  try {
    return (await work).summary;
  } finally {
    deps.inFlight.delete(key);
  }
}

// The responses as of one point of the sequence: a write landing during the fold is left to the
// next one, which sees it as changed after this point.
async function foldAll(deps: AnalyticsDeps, questionnaire: Questionnaire, filter: ResponseFilter, sequence: number): Promise<CachedSummary> {
  const asOf: ResponseFilter = { ...filter, changes: { upTo: sequence } };
  if (deps.parallelFold) {
    // Worker threads are an acceleration: should they fail, the same fold runs here.
    const parallel = await deps.parallelFold(questionnaire, asOf, deps.store.responses).catch(() => undefined);
    if (parallel) return { summary: parallel, watermark: sequence };
  }
  return { summary: await foldResponses(deps.store, deps.shapes, questionnaire, asOf), watermark: sequence };
}

async function foldNewSubmissions(
  deps: AnalyticsDeps,
  questionnaire: Questionnaire,
  filter: ResponseFilter,
  cached: CachedSummary,
  sequence: number,
): Promise<CachedSummary | undefined> {
  const since = cached.watermark;
  // A response already submitted at the summary's point and changed since: an edit of one that
  // may be counted, which only a full fold can take back out.
  const edits = await deps.store.responses.count({ surveyId: filter.surveyId, changes: { after: since, submittedUpTo: since } });
  if (edits > 0) return undefined;
  const changed: StoredResponse[] = [];
  for await (const response of deps.store.responses.stream({ ...filter, changes: { submittedAfter: since, upTo: sequence } })) {
    changed.push(response);
  }
  // A safety net against any way of missing a change: trust the increment only if the count agrees.
  const counted = () => cached.summary.groups[ALL_RESPONDENTS]?.respondents ?? 0;
  const before = counted();
  if (before + changed.length !== (await deps.store.responses.count({ ...filter, changes: { upTo: sequence } }))) return undefined;
  const shapes = await Promise.all(changed.map((response) => deps.shapes.forVersion(questionnaire, response.version)));
  // In place and without an await, so no other request sees a summary half brought up to date;
  // if it changed while we read (it should not: requests share the work), start afresh instead.
  if (counted() !== before || cached.watermark !== since) return undefined;
  changed.forEach((response, index) => foldResponse(cached.summary, { answers: response.answers, shape: shapes[index] as QuestionnaireShape }));
  cached.watermark = sequence;
  return cached;
}

function describeFilter(filter: ResponseFilter): Record<string, string> {
  const described: Record<string, string> = { ...filter.breakdown };
  if (filter.submittedFrom) described.from = filter.submittedFrom.toISOString().slice(0, 10);
  if (filter.submittedBefore) described.to = new Date(filter.submittedBefore.getTime() - 1).toISOString().slice(0, 10);
  return described;
}
