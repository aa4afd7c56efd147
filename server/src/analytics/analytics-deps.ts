import { estimateSummaryBytes } from "@passerelle/shared";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";
import type { Store } from "../store/store.port";
import type { AnalyticsDeps } from "./analytics.service";
import type { ParallelFold } from "./parallel-fold";
import { QuestionnaireShapes } from "./questionnaire-shapes";
import { DEFAULT_CACHE_BYTES, StampedCache } from "./summary-cache";
import { SummaryCubes } from "./summary-cube";

/**
 * The analytics' state as a server starts with it: nothing held yet, caches bounded by bytes.
 * The one place that sizes them, so a benchmark measures the server's own.
 */
export function createAnalyticsDeps(options: {
  store: Store;
  questionnaires: QuestionnaireRegistry;
  /** The bound of the caches, in bytes (`SUMMARY_CACHE_MB`). */
  cacheBytes?: number;
  /** Groups with fewer respondents are withheld. */
  minGroupSize: number;
  parallelFold?: ParallelFold;
}): AnalyticsDeps {
  const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
  return {
    store: options.store,
    questionnaires: options.questionnaires,
    shapes: new QuestionnaireShapes(options.store),
    // A summary is sized without reading its lazily unpacked figures.
    summaries: new StampedCache({ maxBytes: cacheBytes, sizeOf: (cached) => estimateSummaryBytes(cached.summary) }),
    inFlight: new Map(),
    cubes: new SummaryCubes(),
    releasePlans: new StampedCache(),
    minGroupSize: options.minGroupSize,
    ...(options.parallelFold ? { parallelFold: options.parallelFold } : {}),
  };
}
