import { DEFAULT_MATCH_WEIGHTS, type MatchWeights, type WeightsView } from "@passerelle/shared";
import { auditEntry } from "../access/audit";
import { AppError } from "../http/app-error";
import { StoreConflictError } from "../store/store.port";
import type { MatchingDeps } from "./matching-deps";

/** The weights in force: the latest saved version, or the defaults (version 0). */
export async function currentWeights(deps: Pick<MatchingDeps, "store">): Promise<WeightsView> {
  const latest = await deps.store.matching.latestWeights();
  if (!latest) return { version: 0, weights: DEFAULT_MATCH_WEIGHTS, savedAt: null, savedBy: null };
  return { version: latest.version, weights: latest.weights, savedAt: latest.savedAt.toISOString(), savedBy: latest.savedBy };
}

/**
 * Saves new weights as the next version. `basedOn` is the version the administrator edited: if
 * another was saved meanwhile, nothing is written and the caller is told (409 `weights_changed`).
 */
export async function saveWeights(
  deps: MatchingDeps,
  request: { weights: MatchWeights; basedOn: number; by: string },
): Promise<{ saved: WeightsView; previous: WeightsView }> {
  const previous = await currentWeights(deps);
  if (previous.version !== request.basedOn) {
    throw new AppError("weights_changed", `The weights were changed meanwhile (version ${previous.version}, not ${request.basedOn}).`);
  }
  const savedAt = deps.now();
  const version = previous.version + 1;
  const audit = auditEntry(savedAt, {
    actor: request.by,
    action: "matching_weights_saved",
    target: `weights v${version}`,
    details: { previous: previous.weights, weights: request.weights },
  });
  try {
    await deps.store.matching.saveWeights({ version, weights: request.weights, savedAt, savedBy: request.by }, { audit });
  } catch (error) {
    if (error instanceof StoreConflictError) throw new AppError("weights_changed", "The weights were changed meanwhile.");
    throw error;
  }
  return { saved: { version, weights: request.weights, savedAt: savedAt.toISOString(), savedBy: request.by }, previous };
}
