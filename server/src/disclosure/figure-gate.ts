import type { FigureDisclosure, QuestionFigures } from "@passerelle/shared";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { ResponseFilter } from "../store/store.port";
import type { StampedCache } from "../analytics/summary-cache";
import { currentCube, type CubeDeps, type HeldCube } from "../analytics/summary-cube";
import { planRelease, type Atom, type GroupRef, type ReleasePlan } from "./release-plan";

/**
 * Who reads the figures: `exact` for analysts and administrators (they read the raw responses
 * anyway), `controlled` for viewers, whose every figure goes through the release plan.
 */
export type Disclosure = FigureDisclosure;

/** The dimension of the release plan that is the calendar month of submission (UTC). */
export const MONTH_DIMENSION = "@month";

/** The release plan counts respondents from the summary cube's cells (see summary-cube.ts). */
export interface DisclosureDeps extends CubeDeps {
  /** Groups with fewer respondents are withheld. */
  minGroupSize: number;
  /** Release plans by questionnaire, valid while its responses are unchanged. */
  releasePlans: StampedCache<ReleasePlan>;
}

/**
 * What may be shown of one view (the filters' group and its breakdown groups) to one reader:
 * the one place every viewer-facing figure passes through, on screen and in files alike.
 */
export interface FigureGate {
  disclosure: Disclosure;
  /** Whether the figures of the filters' group may be shown. */
  isViewShown: boolean;
  /** Whether the number of respondents of the filters' group may be shown (exact readers: always). */
  isCountShown: boolean;
  /** Whether the figures of a breakdown group within the view may be shown. */
  isGroupShown(field: string, value: string, respondents: number): boolean;
  /** Whether counts that are not answers (drafts, responses started) may be shown. */
  isActivityShown: boolean;
  /** A question's figures as this reader may see them. */
  present(figures: QuestionFigures): QuestionFigures;
  /** A month's submissions, for the tracking of a controlled view. */
  isMonthShown(month: string): boolean;
}

/**
 * The gate of a view. Exact readers see every figure but those of a breakdown group smaller
 * than the minimum (and of a filtered view that narrows below it), as they always have.
 */
export async function figureGate(
  deps: DisclosureDeps,
  options: { questionnaire: Questionnaire; filter: ResponseFilter; disclosure: Disclosure; respondents: number },
): Promise<FigureGate> {
  const { filter, minGroupSize } = { ...options, minGroupSize: deps.minGroupSize };
  if (options.disclosure === "exact") {
    const isSmall = (respondents: number) => respondents > 0 && respondents < minGroupSize;
    const isFiltered = !!filter.breakdown || !!filter.submittedFrom || !!filter.submittedBefore;
    return {
      disclosure: "exact",
      isViewShown: !(isFiltered && isSmall(options.respondents)),
      isCountShown: true,
      isGroupShown: (_field, _value, respondents) => !isSmall(respondents),
      isActivityShown: true,
      present: (figures) => figures,
      isMonthShown: () => true,
    };
  }
  const plan = await releasePlanOf(deps, options.questionnaire);
  const view = viewGroupOf(filter);
  const isWhole = view.dimension === undefined;
  const isViewShown = plan.isReleased(view);
  return {
    disclosure: "controlled",
    isViewShown,
    isCountShown: isViewShown,
    // Within a filtered view a breakdown group is a crossing of two dimensions: never released.
    isGroupShown: (field, value) => isViewShown && (isWhole ? plan.isReleased({ dimension: field, value }) : field === view.dimension && value === view.value),
    isActivityShown: isWhole && isViewShown,
    present: (figures) => controlledFigures(figures, minGroupSize),
    isMonthShown: (month) => isWhole && plan.isReleased({ dimension: MONTH_DIMENSION, value: month }),
  };
}

/**
 * Figures without any single respondent's value: no extremes; a mean or median only when at
 * least the minimum answered, and then to two significant digits (123 457 reads 120 000).
 */
export function controlledFigures(figures: QuestionFigures, minGroupSize: number): QuestionFigures {
  if (figures.kind !== "numeric") return figures;
  const isEnough = figures.n >= minGroupSize;
  return {
    kind: "numeric",
    n: figures.n,
    mean: isEnough && figures.mean !== null ? twoSignificantDigits(figures.mean) : null,
    median: isEnough && figures.median !== null ? twoSignificantDigits(figures.median) : null,
    isMedianExact: figures.isMedianExact,
    min: null,
    max: null,
  };
}

function twoSignificantDigits(value: number): number {
  return Number(value.toPrecision(2));
}

/**
 * The group a controlled view's filters pick: everyone, one breakdown value or one calendar
 * month (the viewers' filter parser allows nothing else).
 */
export function viewGroupOf(filter: ResponseFilter): GroupRef {
  const [entry] = Object.entries(filter.breakdown ?? {});
  if (entry) return { dimension: entry[0], value: entry[1] };
  if (filter.submittedFrom) return { dimension: MONTH_DIMENSION, value: monthOf(filter.submittedFrom) };
  return {};
}

// The plan's atoms are the cube's cells with their version and groups set aside: each cell is
// one questionnaire version's respondents sharing every breakdown value and the month, so the
// atoms' counts are sums of cells and the plan costs what the cells do, not the responses.
async function releasePlanOf(deps: DisclosureDeps, questionnaire: Questionnaire): Promise<ReleasePlan> {
  const cube = await currentCube(deps, questionnaire);
  const stamp = `${cube.foldKey}@${cube.sequence}`;
  const cached = deps.releasePlans.get(questionnaire.id, stamp);
  if (cached) return cached;
  const plan = planRelease({
    dimensions: [...questionnaire.breakdownFields, MONTH_DIMENSION],
    atoms: releaseAtomsOf(cube, questionnaire.breakdownFields),
    minGroupSize: deps.minGroupSize,
  });
  deps.releasePlans.set(questionnaire.id, stamp, plan);
  return plan;
}

/** Submitted respondents by every breakdown value ("" for none) and month of submission, from the cube's cells. */
export function releaseAtomsOf(cube: HeldCube, breakdownFields: readonly string[]): Atom[] {
  const atoms = new Map<string, Atom>();
  for (const cell of cube.cells.values()) {
    const values = [...breakdownFields.map((field) => cell.breakdown[field] ?? ""), cell.month];
    const key = JSON.stringify(values);
    const atom = atoms.get(key) ?? { values, respondents: 0 };
    atom.respondents += cell.figures.respondents;
    atoms.set(key, atom);
  }
  // In the order of their values, whatever order the cells were read in: the same data, the same plan.
  return [...atoms.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, atom]) => atom);
}

function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}
