import { ALL_RESPONDENTS_LABEL } from "../../server/src/exports/summary-headers";
import { allows, ACCESS_RULES } from "../../server/src/access/access-rules";
import { buildExportLayout, readQuestionnaireShape, type JsonObject } from "@passerelle/shared";
import type { StaffAgent } from "./test-app";
import { parseCsvRecords } from "./download";

/**
 * A hostile viewer's differencing attack on the published figures, written without looking at
 * how the server protects them: it asks every viewer-reachable figure endpoint (found in the
 * access table, so endpoints added later are asked too) with every filter it can think of,
 * models each figure as the sum, over the respondents of the group it describes, of one
 * unknown per respondent, and solves the linear system for the answers of its targets.
 *
 * The attacker is given the worst case: it knows the breakdown values and the submission day of
 * every respondent (the list of authorities and where they are is public), so its unknowns are
 * "atoms", the respondents sharing all of those; it wants everything else they answered.
 */

/** What the attacker knows of one respondent: its breakdown values and its submission day. */
export interface KnownRespondent {
  breakdown: Record<string, string>;
  /** `YYYY-MM-DD` (UTC). */
  day: string;
}

/** A group a figure describes: breakdown values and a submission period, as the filters say. */
export interface Cell {
  breakdown: Record<string, string>;
  from?: string;
  to?: string;
}

/** One published number that is a sum over the respondents of `cell`. */
export interface Observation {
  cell: Cell;
  quantity: string;
  value: number;
}

/** A target's figure the attacker solved for exactly. */
export interface Recovery {
  target: string;
  quantity: string;
  value: number;
}

export interface AttackBattery {
  /** Query strings to send to every endpoint (filters). */
  filters: Record<string, string>[];
  /** Filters for the per-question endpoints (a smaller set: there is one endpoint per question). */
  questionFilters: Record<string, string>[];
}

/**
 * The figure endpoints a viewer may call, from the access table, each with its parameters filled
 * in: one per question for `:name`. An endpoint with a parameter the attacker cannot fill stops
 * the attack loudly, so that a new endpoint is never silently left out.
 */
export function viewerFigureEndpoints(surveyId: string, definition: JsonObject, questionsPerKind = Infinity): { path: string; isPerQuestion: boolean }[] {
  const questions = sampleQuestions(definition, questionsPerKind);
  const endpoints: { path: string; isPerQuestion: boolean }[] = [];
  for (const rule of ACCESS_RULES) {
    if (rule.method !== "GET" || !allows(rule.allow, "viewer") || !rule.path.startsWith("/surveys/:surveyId/")) continue;
    const path = rule.path.replace(":surveyId", surveyId);
    const params = path.match(/:[A-Za-z]+/g) ?? [];
    if (params.length === 0) endpoints.push({ path: `/api${path}`, isPerQuestion: false });
    else if (params.length === 1 && params[0] === ":name") {
      for (const name of questions) endpoints.push({ path: `/api${path.replace(":name", name)}`, isPerQuestion: true });
    } else throw new Error(`the attacker does not know how to fill the parameters of ${rule.path}: teach it`);
  }
  return endpoints;
}

// The first `perKind` questions of each kind (every question when unbounded): the summary CSV
// already carries every question's figures, the per-question endpoint adds their crossings.
function sampleQuestions(definition: JsonObject, perKind: number): string[] {
  const taken = new Map<string, number>();
  return readQuestionnaireShape(definition).questions.flatMap((question) => {
    const count = taken.get(question.kind) ?? 0;
    taken.set(question.kind, count + 1);
    return count < perKind ? [question.name] : [];
  });
}

/**
 * Filters to try: none; every breakdown value seen; every pair of values of two fields; every
 * single day (on its own, from it, up to it) and calendar month; and each value within each
 * period.
 */
export function attackFilters(respondents: readonly KnownRespondent[], fields: readonly string[]): AttackBattery {
  const singles: Record<string, string>[] = [];
  for (const field of fields) {
    for (const value of new Set(respondents.map((respondent) => respondent.breakdown[field]).filter(isString))) singles.push({ [field]: value });
  }
  const pairs: Record<string, string>[] = [];
  singles.forEach((a, i) =>
    singles.slice(i + 1).forEach((b) => {
      if (Object.keys(a)[0] !== Object.keys(b)[0]) pairs.push({ ...a, ...b });
    }),
  );
  const days = [...new Set(respondents.map((respondent) => respondent.day))].sort();
  const months = [...new Set(days.map((day) => day.slice(0, 7)))];
  const periods: Record<string, string>[] = [
    ...days.flatMap((day): Record<string, string>[] => [{ from: day, to: day }, { from: day }, { to: day }]),
    ...months.map((month) => ({ from: `${month}-01`, to: lastDayOf(month) })),
  ];
  const withPeriods = singles.flatMap((single) => periods.map((period) => ({ ...single, ...period })));
  return { filters: [{}, ...singles, ...pairs, ...periods, ...withPeriods], questionFilters: [{}, ...singles, ...periods] };
}

/** Asks every endpoint with every filter, and reads every figure of every 200 reply. */
export async function gatherObservations(
  agent: StaffAgent,
  options: { surveyId: string; definition: JsonObject; battery: AttackBattery; questionsPerKind?: number },
): Promise<{ observations: Observation[]; numbers: number[]; requests: number; answered: number }> {
  const observations: Observation[] = [];
  const numbers: number[] = [];
  let requests = 0;
  let answered = 0;
  const labels = scopeLabels(options.definition);
  for (const endpoint of viewerFigureEndpoints(options.surveyId, options.definition, options.questionsPerKind)) {
    const filters = endpoint.isPerQuestion ? options.battery.questionFilters : options.battery.filters;
    for (const filter of filters) {
      requests += 1;
      const isCsv = endpoint.path.endsWith(".csv");
      const res = await agent.get(endpoint.path).query(isCsv ? { ...filter, lang: "en" } : filter);
      if (res.status !== 200) continue;
      answered += 1;
      const base = cellOfFilter(filter);
      if (isCsv) readCsv(res.text, base, labels, endpoint.path, observations, numbers);
      else readJson(res.body as JsonObject, base, tagOf(endpoint.path), observations, numbers);
    }
  }
  return { observations, numbers, requests, answered };
}

/**
 * Solves, quantity by quantity, for each target group (a set of respondents): the target's sum
 * is recovered when its indicator over the atoms is a linear combination of the observed
 * groups' indicators. Quantities that only count respondents are left out: group sizes are
 * what the breakdown values, known to the attacker, already give.
 */
export function solveForTargets(
  respondents: readonly KnownRespondent[],
  observations: readonly Observation[],
  targets: Record<string, (respondent: KnownRespondent) => boolean>,
): Recovery[] {
  const atoms = [...new Set(respondents.map(atomOf))];
  const atomIndex = new Map(atoms.map((atom, index) => [atom, index]));
  const atomRespondents = atoms.map((atom) => respondents.find((respondent) => atomOf(respondent) === atom) as KnownRespondent);
  const byQuantity = new Map<string, Observation[]>();
  const seen = new Set<string>();
  for (const observation of observations) {
    if (observation.quantity === "respondents") continue;
    // The same figure read from several replies adds nothing.
    const key = JSON.stringify([observation.quantity, observation.cell]);
    if (seen.has(key)) continue;
    seen.add(key);
    const rows = byQuantity.get(observation.quantity);
    if (rows) rows.push(observation);
    else byQuantity.set(observation.quantity, [observation]);
  }
  const targetVectors = Object.entries(targets).map(([name, isIn]) => {
    const vector = new Array<number>(atoms.length).fill(0);
    respondents.forEach((respondent) => {
      if (isIn(respondent)) vector[atomIndex.get(atomOf(respondent)) as number] = 1;
    });
    return { name, vector };
  });
  const recoveries: Recovery[] = [];
  for (const [quantity, rows] of byQuantity) {
    const basis = new LinearBasis(atoms.length);
    for (const row of rows)
      basis.add(
        atomRespondents.map((respondent) => (isInCell(respondent, row.cell) ? 1 : 0)),
        row.value,
      );
    for (const target of targetVectors) {
      const value = basis.solve(target.vector);
      if (value !== undefined) recoveries.push({ target: target.name, quantity, value });
    }
  }
  return recoveries;
}

export function isInCell(respondent: KnownRespondent, cell: Cell): boolean {
  if (Object.entries(cell.breakdown).some(([field, value]) => respondent.breakdown[field] !== value)) return false;
  return (!cell.from || respondent.day >= cell.from) && (!cell.to || respondent.day <= cell.to);
}

// Gaussian elimination on rows augmented with their value; floating point with a tolerance is
// exact enough for 0/1 rows over a few dozen atoms.
class LinearBasis {
  private readonly rows: { vector: number[]; value: number; pivot: number }[] = [];
  constructor(private readonly width: number) {}

  add(vector: number[], value: number): void {
    const reduced = this.reduce(vector, value);
    const pivot = reduced.vector.findIndex((entry) => Math.abs(entry) > EPSILON);
    if (pivot < 0) return;
    const scale = reduced.vector[pivot] as number;
    this.rows.push({ vector: reduced.vector.map((entry) => entry / scale), value: reduced.value / scale, pivot });
  }

  /** The target's value when the target is in the span of the rows; undefined otherwise. */
  solve(target: number[]): number | undefined {
    const reduced = this.reduce(target, 0);
    if (reduced.vector.some((entry) => Math.abs(entry) > EPSILON)) return undefined;
    return -reduced.value;
  }

  private reduce(vector: number[], value: number): { vector: number[]; value: number } {
    const result = [...vector];
    let total = value;
    for (const row of this.rows) {
      const factor = result[row.pivot] as number;
      if (Math.abs(factor) <= EPSILON) continue;
      for (let column = 0; column < this.width; column += 1) result[column] = (result[column] as number) - factor * (row.vector[column] as number);
      total -= factor * row.value;
    }
    return { vector: result, value: total };
  }
}
const EPSILON = 1e-9;

function atomOf(respondent: KnownRespondent): string {
  return JSON.stringify([Object.entries(respondent.breakdown).sort(), respondent.day]);
}

function cellOfFilter(filter: Record<string, string>): Cell {
  const { from, to, ...breakdown } = filter;
  return { breakdown, ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function tagOf(path: string): string {
  const question = /\/analytics\/questions\/([^/]+)$/.exec(path);
  return question ? `q:${question[1]}` : (path.split("/").pop() ?? path);
}

const SKIPPED_KEYS = new Set(["filters", "minGroupSize", "question", "scoreBase", "surveyId", "drafts", "share", "kind", "groupField", "themeQuestion"]);
const NONLINEAR_KEYS = new Set(["min", "max", "median"]);

/**
 * Every number of a JSON reply, with the group it describes: the filters, narrowed by a
 * `byGroup` key (`field=value`, or a value of the reply's `groupField`), a `breakdowns` entry or
 * a `tracking` day. Means become sums (mean × n), mean ranks become rank sums; medians and
 * extremes are not sums and are kept aside, to check that none is a target's exact answer.
 */
function readJson(body: JsonObject, base: Cell, tag: string, observations: Observation[], numbers: number[]): void {
  const groupField = typeof body.groupField === "string" ? body.groupField : undefined;
  const visit = (node: unknown, path: string[], cell: Cell): void => {
    if (typeof node === "number") {
      const key = path.at(-1) ?? "";
      numbers.push(node);
      if (NONLINEAR_KEYS.has(key) || key === "mean" || key === "meanRank") return;
      observations.push({ cell, quantity: key === "respondents" ? "respondents" : `${tag}/${path.join("/")}`, value: node });
      return;
    }
    if (Array.isArray(node) || typeof node !== "object" || node === null) return;
    const object = node as Record<string, unknown>;
    if (typeof object.mean === "number" && typeof object.n === "number") {
      observations.push({ cell, quantity: `${tag}/${[...path, "sum"].join("/")}`, value: object.mean * object.n });
    }
    if (typeof object.meanRank === "number") {
      const base = typeof object.ranked === "number" ? object.ranked : object.cited;
      if (typeof base === "number") observations.push({ cell, quantity: `${tag}/${[...path, "rankSum"].join("/")}`, value: object.meanRank * base });
    }
    for (const [key, child] of Object.entries(object)) {
      if (SKIPPED_KEYS.has(key)) continue;
      if (key === "overall" || key === "figures") visit(child, path, cell);
      else if (key === "byGroup" && isRecord(child)) {
        for (const [group, figures] of Object.entries(child)) {
          const [field, value] = group.includes("=") ? group.split("=") : [groupField, group];
          if (field && value !== undefined) visit(figures, path, narrowed(cell, field, value));
        }
      } else if (key === "breakdowns" && isRecord(child)) {
        for (const [field, entries] of Object.entries(child)) {
          for (const entry of asArray(entries)) {
            const count = isRecord(entry) && isRecord(entry.respondents) ? entry.respondents.count : undefined;
            if (isRecord(entry) && typeof entry.value === "string" && typeof count === "number") {
              observations.push({ cell: narrowed(cell, field, entry.value), quantity: "respondents", value: count });
            }
          }
        }
      } else if (key === "tracking") {
        for (const entry of asArray(child)) {
          if (!isRecord(entry) || typeof entry.date !== "string" || typeof entry.submitted !== "number") continue;
          const period = entry.date.length === 7 ? { from: `${entry.date}-01`, to: lastDayOf(entry.date) } : { from: entry.date, to: entry.date };
          const within = intersect(cell, period);
          if (within) observations.push({ cell: within, quantity: "respondents", value: entry.submitted });
        }
      } else if (key === "themes") {
        for (const theme of asArray(child)) if (isRecord(theme)) visit(theme, [...path, `theme:${String(theme.theme)}`], cell);
      } else visit(child, [...path, key], cell);
    }
  };
  visit(body, [], base);
}

/**
 * Every number of a summary CSV: its first column names the group (all respondents, in the file's language, for the filters' group,
 * else a label of the first breakdown field), the other columns are figures of a question item
 * or a theme; means become sums.
 */
function readCsv(text: string, base: Cell, labels: ScopeLabels, path: string, observations: Observation[], numbers: number[]): void {
  const records = parseCsvRecords(text);
  const tag = path.split("/").pop() ?? path;
  for (const record of records) {
    const columns = Object.keys(record);
    const scope = record[columns[0] as string] ?? "";
    const cell = Object.values(ALL_RESPONDENTS_LABEL).includes(scope)
      ? base
      : labels.values.has(scope)
        ? narrowed(base, labels.field, labels.values.get(scope) as string)
        : undefined;
    if (!cell) continue;
    const item = [record.question, record.item, record.theme].filter(Boolean).join("/");
    for (const [column, raw] of Object.entries(record)) {
      if (raw === undefined || raw === "" || !/^-?\d+(\.\d+)?$/.test(raw.trim())) continue;
      const value = Number(raw);
      numbers.push(value);
      if (NONLINEAR_KEYS.has(column) || column === "share" || column === "mean_rank") continue;
      if (column === "mean") {
        const answered = Number(record.answered);
        if (Number.isFinite(answered)) observations.push({ cell, quantity: `${tag}/${item}/sum`, value: value * answered });
        continue;
      }
      observations.push({ cell, quantity: column === "respondents" ? "respondents" : `${tag}/${item}/${column}`, value });
    }
  }
}

interface ScopeLabels {
  field: string;
  values: Map<string, string>;
}

// A summary CSV names its groups with the first breakdown field's labels, in English here.
function scopeLabels(definition: JsonObject): ScopeLabels {
  const field = readQuestionnaireShape(definition).breakdownFields[0] ?? "";
  const choices = buildExportLayout(definition).texts.get(field)?.choices ?? new Map();
  return { field, values: new Map([...choices.entries()].map(([value, label]) => [label.en, value])) };
}

function narrowed(cell: Cell, field: string, value: string): Cell {
  return { ...cell, breakdown: { ...cell.breakdown, [field]: value } };
}

// A group within a period, or undefined when they do not meet (or the group's breakdown already
// conflicts with nothing: periods only).
function intersect(cell: Cell, period: { from: string; to: string }): Cell | undefined {
  const from = cell.from && cell.from > period.from ? cell.from : period.from;
  const to = cell.to && cell.to < period.to ? cell.to : period.to;
  return from <= to ? { breakdown: cell.breakdown, from, to } : undefined;
}

function lastDayOf(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}
