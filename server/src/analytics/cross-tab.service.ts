import { z } from "zod";
import { isJsonObject, type AnalyticsCrossTab, type CrossTabAxis, type CrossableKind, type MaybeSuppressed, type QuestionShape } from "@passerelle/shared";
import { figureGate, type Disclosure, type FigureGate } from "../disclosure/figure-gate";
import { AppError } from "../http/app-error";
import { parseQuery } from "../http/validation-details";
import type { Questionnaire } from "../questionnaires/questionnaire";
import { parseAnalyticsFilter } from "./analytics-filter";
import type { AnalyticsDeps } from "./analytics.service";
import { createCrossCounter, isCrossable, type CrossCounts } from "./cross-tab";
import { crossCountsFromCube } from "./cross-tab-cube";

export interface CrossTabRequest {
  surveyId: string;
  /** The raw query: `rows`, `columns` and the analytics filters. */
  query: unknown;
  disclosure: Disclosure;
}

const AxesSchema = z.object({
  rows: z.string({ error: "is required: the name of a question" }).min(1, "is required: the name of a question").max(200),
  columns: z.string({ error: "is required: the name of a question" }).min(1, "is required: the name of a question").max(200),
});

/**
 * Two questions crossed over the submitted responses matching the filters: counts, row and
 * column shares, and each side's totals. Any choice, ranking or yes/no question of the
 * questionnaire, breakdown fields included. For exact readers only: a cross-table is a crossing
 * of two dimensions, which the viewers' release plan does not cover (the access table refuses
 * them; this refuses them again should a route ever forget). Cells, totals and the whole follow
 * the analysts' small-group rule: a group of fewer than the minimum, but not none, is withheld.
 */
export async function getCrossTab(deps: AnalyticsDeps, request: CrossTabRequest): Promise<AnalyticsCrossTab> {
  if (request.disclosure !== "exact") {
    throw new AppError("forbidden", "Cross-tables are for analysts and administrators: they cross two dimensions, which viewers' figures never do.");
  }
  const questionnaire = deps.questionnaires.get(request.surveyId);
  const { axes, filterQuery } = splitAxes(request.query);
  const { rows, columns } = resolveAxes(deps, questionnaire, axes);
  const filter = parseAnalyticsFilter(questionnaire, filterQuery, "exact");

  const { counts, respondents } =
    (await crossCountsFromCube(deps, questionnaire, filter, { rows, columns })) ?? (await countResponses(deps, filter, rows, columns));
  const gate = await figureGate(deps, { questionnaire, filter, disclosure: "exact", respondents });
  return present(counts, { rows, columns, gate, respondents, minGroupSize: deps.minGroupSize, surveyId: questionnaire.id, filters: describe(filter) });
}

// Every matching response read and counted: what the cube cannot answer.
async function countResponses(
  deps: AnalyticsDeps,
  filter: ReturnType<typeof parseAnalyticsFilter>,
  rows: QuestionShape,
  columns: QuestionShape,
): Promise<{ counts: CrossCounts; respondents: number }> {
  const counter = createCrossCounter(rows, columns);
  let respondents = 0;
  for await (const response of deps.store.responses.stream(filter)) {
    respondents += 1;
    counter.add(response.answers);
  }
  return { counts: counter.result(), respondents };
}

function splitAxes(query: unknown): { axes: z.output<typeof AxesSchema>; filterQuery: Record<string, unknown> } {
  const entries = isJsonObject(query) ? Object.entries(query) : [];
  const isAxis = ([key]: [string, unknown]) => key === "rows" || key === "columns";
  const axes = parseQuery(AxesSchema, Object.fromEntries(entries.filter(isAxis)), "A cross-table needs two questions: rows and columns.");
  return { axes, filterQuery: Object.fromEntries(entries.filter((entry) => !isAxis(entry))) };
}

// Unknown first (404, like a question's own figures), then what cannot be crossed (400).
function resolveAxes(deps: AnalyticsDeps, questionnaire: Questionnaire, axes: { rows: string; columns: string }) {
  const shape = deps.shapes.current(questionnaire);
  const find = (parameter: "rows" | "columns"): QuestionShape & { kind: CrossableKind } => {
    const name = axes[parameter];
    const question = shape.questions.find((candidate) => candidate.name === name);
    if (!question) {
      throw new AppError("question_not_found", `The questionnaire has no question "${name}" with statistics.`, [
        { question: parameter, message: `"${name}" is no question of this questionnaire` },
      ]);
    }
    if (!isCrossable(question)) {
      throw new AppError("invalid_request", `"${name}" is a ${question.kind} question: only choice, ranking and yes/no questions can be crossed.`, [
        { question: parameter, message: `"${name}" cannot be crossed (${question.kind})` },
      ]);
    }
    return question;
  };
  const rows = find("rows");
  const columns = find("columns");
  if (rows.name === columns.name) {
    throw new AppError("invalid_request", `A question crossed with itself says nothing new: choose two different questions.`, [
      { question: "columns", message: `is "${columns.name}", as rows` },
    ]);
  }
  return { rows, columns };
}

interface Presentation {
  rows: QuestionShape & { kind: CrossableKind };
  columns: QuestionShape & { kind: CrossableKind };
  gate: FigureGate;
  respondents: number;
  minGroupSize: number;
  surveyId: string;
  filters: Record<string, string>;
}

const WITHHELD = { suppressed: true } as const;

function present(counts: CrossCounts, context: Presentation): AnalyticsCrossTab {
  const { gate } = context;
  // A cell, a total: each a group of respondents, shown under the same rule as a breakdown group's.
  const isShown = (count: number) => gate.isViewShown && gate.isGroupShown("", "", count);
  const total = (count: number): MaybeSuppressed<{ count: number }> => (isShown(count) ? { count } : WITHHELD);
  const share = (count: number, of: number) => (of > 0 ? count / of : null);
  const axis = (question: Presentation["rows"], values: string[], totals: number[]): CrossTabAxis => ({
    question: question.name,
    kind: question.kind,
    isMultiple: question.kind === "multi" || question.kind === "ranking",
    values,
    totals: totals.map(total),
  });
  return {
    surveyId: context.surveyId,
    filters: context.filters,
    disclosure: "exact",
    minGroupSize: context.minGroupSize,
    respondents: context.respondents,
    base: gate.isViewShown ? counts.base : null,
    rows: axis(context.rows, counts.rowValues, counts.rowTotals),
    columns: axis(context.columns, counts.columnValues, counts.columnTotals),
    cells: counts.cells.map((line, r) =>
      line.map((count, c) =>
        isShown(count) ? { count, rowShare: share(count, counts.rowTotals[r] ?? 0), columnShare: share(count, counts.columnTotals[c] ?? 0) } : WITHHELD,
      ),
    ),
  };
}

function describe(filter: ReturnType<typeof parseAnalyticsFilter>): Record<string, string> {
  const described: Record<string, string> = { ...filter.breakdown };
  if (filter.submittedFrom) described.from = filter.submittedFrom.toISOString().slice(0, 10);
  if (filter.submittedBefore) described.to = new Date(filter.submittedBefore.getTime() - 1).toISOString().slice(0, 10);
  return described;
}
