import type { PairDecisionView, SetPairDecision } from "@passerelle/shared";
import { auditEntry } from "../access/audit";
import { AppError } from "../http/app-error";
import { presentDecision } from "./candidates.service";
import { loadMatchingData } from "./matching-data";
import type { MatchingDeps } from "./matching-deps";

/** Every decision staff took on pairs. */
export async function listDecisions(deps: MatchingDeps): Promise<PairDecisionView[]> {
  return (await deps.store.matching.listDecisions()).map(presentDecision);
}

/**
 * Shortlists, dismisses (with a reason), fixes or excludes a pair, or clears its decision. Both
 * authorities must be among the submitted answers, so that a typing mistake cannot leave a
 * decision on a pair that does not exist.
 */
export async function setDecision(deps: MatchingDeps, request: SetPairDecision & { by: string }): Promise<PairDecisionView | null> {
  const data = await loadMatchingData(deps);
  if (!data.lebaneseById.has(request.lebaneseId)) throw new AppError("matching_authority_not_found", `There is no Lebanese authority "${request.lebaneseId}".`);
  if (!data.frenchById.has(request.frenchId)) throw new AppError("matching_authority_not_found", `There is no French authority "${request.frenchId}".`);
  const at = deps.now();
  const audit = auditEntry(at, {
    actor: request.by,
    action: "matching_decision_set",
    target: `${request.lebaneseId} × ${request.frenchId}`,
    details: { decision: request.decision, ...(request.reason ? { reason: request.reason } : {}) },
  });
  if (request.decision === null) {
    await deps.store.matching.clearDecision(request.lebaneseId, request.frenchId, { audit });
    return null;
  }
  const decision = {
    lebaneseId: request.lebaneseId,
    frenchId: request.frenchId,
    decision: request.decision,
    reason: request.reason ?? null,
    by: request.by,
    at,
  };
  await deps.store.matching.setDecision(decision, { audit });
  return presentDecision(decision);
}

/** How many partners a Lebanese authority may get in the proposal; null returns to one. */
export async function setCapacity(
  deps: MatchingDeps,
  request: { lebaneseId: string; capacity: number | null; by: string },
): Promise<{ lebaneseId: string; capacity: number }> {
  const data = await loadMatchingData(deps);
  if (!data.lebaneseById.has(request.lebaneseId)) throw new AppError("matching_authority_not_found", `There is no Lebanese authority "${request.lebaneseId}".`);
  const at = deps.now();
  const audit = auditEntry(at, { actor: request.by, action: "matching_capacity_set", target: request.lebaneseId, details: { capacity: request.capacity } });
  if (request.capacity === null) await deps.store.matching.clearCapacity(request.lebaneseId, { audit });
  else await deps.store.matching.setCapacity({ lebaneseId: request.lebaneseId, capacity: request.capacity, by: request.by, at }, { audit });
  return { lebaneseId: request.lebaneseId, capacity: request.capacity ?? 1 };
}
