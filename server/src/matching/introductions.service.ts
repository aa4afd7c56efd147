import { randomUUID } from "node:crypto";
import { canMoveIntroduction, scorePair, type IntroductionView, type StartIntroduction, type UpdateIntroduction } from "@passerelle/shared";
import { auditEntry } from "../access/audit";
import { AppError } from "../http/app-error";
import type { StoredIntroduction } from "../store/matching-store.port";
import { StoreConflictError } from "../store/store.port";
import { loadMatchingData, type MatchingData } from "./matching-data";
import type { MatchingDeps } from "./matching-deps";
import { currentWeights } from "./matching-weights.service";

/** Every introduction, oldest first, each flagged when an authority changed its answers since. */
export async function listIntroductions(deps: MatchingDeps): Promise<IntroductionView[]> {
  const [data, introductions] = await Promise.all([loadMatchingData(deps), deps.store.matching.listIntroductions()]);
  return introductions.map((introduction) => presentIntroduction(introduction, data));
}

export async function getIntroduction(deps: MatchingDeps, id: string): Promise<IntroductionView> {
  const [data, introduction] = await Promise.all([loadMatchingData(deps), findOrFail(deps, id)]);
  return presentIntroduction(introduction, data);
}

/**
 * Starts an introduction between two authorities that have both submitted: state "proposed",
 * the themes they share as they stand now, the person in charge (the starter unless named).
 */
export async function startIntroduction(deps: MatchingDeps, request: StartIntroduction & { by: string }): Promise<IntroductionView> {
  const [data, weights] = await Promise.all([loadMatchingData(deps), currentWeights(deps)]);
  const lebanese = data.lebaneseById.get(request.lebaneseId);
  const french = data.frenchById.get(request.frenchId);
  if (!lebanese) throw new AppError("matching_authority_not_found", `There is no Lebanese authority "${request.lebaneseId}" among the submitted answers.`);
  if (!french) throw new AppError("matching_authority_not_found", `There is no French authority "${request.frenchId}" among the submitted answers.`);
  const now = deps.now();
  const pair = scorePair(lebanese, french, weights.weights);
  const introduction: StoredIntroduction = {
    id: randomUUID(),
    lebaneseId: lebanese.id,
    frenchId: french.id,
    lebaneseName: lebanese.name,
    frenchName: french.name,
    governorate: lebanese.governorate ?? null,
    themes: pair.facts.themes.matched.map((need) => need.theme),
    state: "proposed",
    reason: null,
    owner: request.owner ?? request.by,
    nextStepOn: request.nextStepOn ?? null,
    notes: request.note ? [{ at: now.toISOString(), by: request.by, text: request.note }] : [],
    history: [{ state: "proposed", at: now.toISOString(), by: request.by, reason: null }],
    lebaneseSeenAt: data.changedAt.get(lebanese.id) ?? now,
    frenchSeenAt: data.changedAt.get(french.id) ?? now,
    revision: 0,
    createdAt: now,
    updatedAt: now,
  };
  try {
    const audit = auditEntry(now, {
      actor: request.by,
      action: "introduction_started",
      target: introduction.id,
      details: { lebanese: introduction.lebaneseName, french: introduction.frenchName, owner: introduction.owner },
    });
    await deps.store.matching.insertIntroduction(introduction, { audit });
  } catch (error) {
    if (error instanceof StoreConflictError) throw new AppError("introduction_exists", `${lebanese.name} and ${french.name} already have an introduction.`);
    throw error;
  }
  return presentIntroduction(introduction, data);
}

/** What changed, for the audit trail. */
export interface IntroductionChange {
  introduction: IntroductionView;
  from: StoredIntroduction["state"];
  changed: string[];
}

/**
 * Applies one change made on `revision`: a move (checked against the path of states), a note,
 * the person in charge, the next step's date, or "reviewed" (the changed answers were looked at).
 * A change made on an older revision is refused (412) rather than silently overwriting.
 */
export async function updateIntroduction(deps: MatchingDeps, request: UpdateIntroduction & { id: string; by: string }): Promise<IntroductionChange> {
  const [data, current] = await Promise.all([loadMatchingData(deps), findOrFail(deps, request.id)]);
  if (current.revision !== request.revision) throw changedMeanwhile(current);
  if (request.state && !canMoveIntroduction(current.history, request.state)) {
    throw new AppError("introduction_transition_invalid", `An introduction in state "${current.state}" cannot move to "${request.state}".`, [
      { question: "state", message: `not allowed from "${current.state}"` },
    ]);
  }
  const now = deps.now();
  const at = now.toISOString();
  const changed: string[] = [];
  const next: StoredIntroduction = { ...current, revision: current.revision + 1, updatedAt: now };
  if (request.state) {
    next.state = request.state;
    next.reason = request.reason ?? null;
    next.history = [...current.history, { state: request.state, at, by: request.by, reason: request.reason ?? null }];
    changed.push("state");
  }
  if (request.note) {
    next.notes = [...current.notes, { at, by: request.by, text: request.note }];
    changed.push("note");
  }
  if (request.owner !== undefined) {
    next.owner = request.owner;
    changed.push("owner");
  }
  if (request.nextStepOn !== undefined) {
    next.nextStepOn = request.nextStepOn;
    changed.push("nextStepOn");
  }
  if (request.reviewed) {
    next.lebaneseSeenAt = data.changedAt.get(current.lebaneseId) ?? current.lebaneseSeenAt;
    next.frenchSeenAt = data.changedAt.get(current.frenchId) ?? current.frenchSeenAt;
    changed.push("reviewed");
  }
  const audit = auditEntry(now, {
    actor: request.by,
    action: "introduction_updated",
    target: current.id,
    details: {
      changed,
      from: current.state,
      to: next.state,
      ...(request.reason ? { reason: request.reason } : {}),
      ...(request.note ? { note: request.note } : {}),
    },
  });
  const written = await deps.store.matching.replaceIntroduction(next, current.revision, { audit });
  if (!written) throw changedMeanwhile(current);
  return { introduction: presentIntroduction(written, data), from: current.state, changed };
}

async function findOrFail(deps: MatchingDeps, id: string): Promise<StoredIntroduction> {
  const introduction = await deps.store.matching.findIntroduction(id);
  if (!introduction) throw new AppError("introduction_not_found", `There is no introduction "${id}".`);
  return introduction;
}

function changedMeanwhile(current: StoredIntroduction): AppError {
  return new AppError("introduction_changed", "The introduction was changed meanwhile: reload it and make the change again.", [
    { question: "revision", message: `the introduction is now at revision ${current.revision}` },
  ]);
}

export function presentIntroduction(introduction: StoredIntroduction, data: MatchingData): IntroductionView {
  const isNewer = (id: string, seen: Date) => {
    const changedAt = data.changedAt.get(id);
    return changedAt !== undefined && changedAt > seen;
  };
  return {
    id: introduction.id,
    lebaneseId: introduction.lebaneseId,
    frenchId: introduction.frenchId,
    lebaneseName: introduction.lebaneseName,
    frenchName: introduction.frenchName,
    governorate: introduction.governorate,
    themes: introduction.themes,
    state: introduction.state,
    reason: introduction.reason,
    owner: introduction.owner,
    nextStepOn: introduction.nextStepOn,
    notes: introduction.notes,
    history: introduction.history,
    needsReview: isNewer(introduction.lebaneseId, introduction.lebaneseSeenAt) || isNewer(introduction.frenchId, introduction.frenchSeenAt),
    revision: introduction.revision,
    createdAt: introduction.createdAt.toISOString(),
    updatedAt: introduction.updatedAt.toISOString(),
  };
}
