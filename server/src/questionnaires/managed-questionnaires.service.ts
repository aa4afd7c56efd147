import { statusAt, type ManagedQuestionnaireView, type QuestionnaireSettings } from "@passerelle/shared";
import { auditEntry } from "../access/audit";
import { AppError } from "../http/app-error";
import type { Logger } from "../logger";
import type { QuestionnaireOverrides, StoredQuestionnaireSettings } from "../store/questionnaire-settings.port";
import type { Store } from "../store/store.port";
import { checkQuestionnaire } from "./check-questionnaire";
import type { Questionnaire } from "./questionnaire";
import { applyOverrides, sourcesOf } from "./questionnaire-overrides";
import type { QuestionnaireProblem } from "./questionnaire-problems";
import type { QuestionnaireOrigin, QuestionnaireRegistry, ServedQuestionnaire } from "./questionnaire.registry";
import { checkUpload, type QuestionnaireUpload } from "./questionnaire-upload";

export interface ManagedQuestionnairesDeps {
  store: Store;
  questionnaires: QuestionnaireRegistry;
  logger: Logger;
  now: () => Date;
}

/**
 * Replaces an administrator's settings of a questionnaire (status, opening and closing dates)
 * and serves it with them at once. The settings and their audit entry are one write.
 */
export async function changeQuestionnaireSettings(
  deps: ManagedQuestionnairesDeps,
  change: { actor: string; surveyId: string; settings: QuestionnaireSettings },
): Promise<ServedQuestionnaire> {
  const served = deps.questionnaires.served(change.surveyId);
  const overrides = toOverrides(change.settings);
  const effective = applyOverrides(served.declared, overrides);
  if (effective.opensAt && effective.closesAt && effective.closesAt <= effective.opensAt) {
    throw new AppError("invalid_request", "The closing date must come after the opening date.", [
      { question: "closesAt", message: "must come after the opening date" },
    ]);
  }
  const at = deps.now();
  const audit = auditEntry(at, {
    actor: change.actor,
    action: "questionnaire_settings_changed",
    target: change.surveyId,
    details: { from: served.overrides, to: overrides },
  });
  const stored = await deps.store.questionnaireSettings.saveOverrides(change.surveyId, overrides, { at, by: change.actor }, { audit });
  return deps.questionnaires.serve({ declared: served.declared, origin: served.origin, overrides: stored.overrides, lastChange: lastChangeOf(stored) });
}

/**
 * Publishes an uploaded questionnaire, new or a new version of one, after the checks a file of
 * `surveys/` passes at start: the version is kept (earlier ones stay, for the responses given
 * against them), served at once, and audited in the same write. The administrator's status and
 * dates, if any, still apply to the new version. Publishing the version already served writes nothing.
 */
export async function publishQuestionnaire(
  deps: ManagedQuestionnairesDeps,
  publication: { actor: string; upload: QuestionnaireUpload },
): Promise<{ served: ServedQuestionnaire; isUnchanged: boolean }> {
  const { questionnaire, current } = checkUpload(deps.questionnaires, publication.upload);
  if (current && current.declared.version === questionnaire.version) return { served: current, isUnchanged: true };
  const at = deps.now();
  const record = { version: questionnaire.version, fileName: publication.upload.fileName, publishedAt: at, publishedBy: publication.actor };
  const audit = auditEntry(at, {
    actor: publication.actor,
    action: "questionnaire_published",
    target: questionnaire.id,
    details: { version: questionnaire.version, previousVersion: current?.declared.version ?? null, fileName: publication.upload.fileName },
  });
  const stored = await deps.store.questionnaireSettings.publish(
    { version: questionnaire.version, surveyId: questionnaire.id, definition: questionnaire.definition, firstSeenAt: at },
    record,
    { audit },
  );
  const served = deps.questionnaires.serve({
    declared: questionnaire,
    origin: { kind: "upload", publication: record },
    overrides: stored.overrides,
    lastChange: lastChangeOf(stored),
  });
  return { served, isUnchanged: false };
}

/**
 * Serves what administrators set at run time over the files of `surveys/`: their settings, and
 * their uploaded versions. Of a file and an upload with the same id, the one published last is
 * served: an upload replaces the file's version until a different version of the file is
 * shipped (first served after the upload). Run at start, after the files' versions are recorded,
 * and again from time to time, so that each of several instances serves what an administrator
 * changed through another. An upload that no longer passes the checks (themes.json changed
 * since) is logged and skipped.
 */
export async function restoreManagedQuestionnaires(deps: Omit<ManagedQuestionnairesDeps, "now">): Promise<void> {
  for (const settings of await deps.store.questionnaireSettings.list()) {
    const uploaded = await uploadedVersionToServe(deps, settings);
    const file = deps.questionnaires.fromFile(settings.surveyId);
    const origin: QuestionnaireOrigin | undefined =
      uploaded && settings.publication ? { kind: "upload", publication: settings.publication } : file ? { kind: "file", file: file.file } : undefined;
    const declared = uploaded ?? file;
    if (!declared || !origin) continue;
    deps.questionnaires.serve({ declared, origin, overrides: settings.overrides, lastChange: lastChangeOf(settings) });
  }
}

async function uploadedVersionToServe(deps: Omit<ManagedQuestionnairesDeps, "now">, settings: StoredQuestionnaireSettings): Promise<Questionnaire | undefined> {
  const publication = settings.publication;
  if (!publication) return undefined;
  const file = deps.questionnaires.fromFile(settings.surveyId);
  if (file) {
    const fileFirstSeen = (await deps.store.questionnaireVersions.find(file.version))?.firstSeenAt;
    if (file.version === publication.version || (fileFirstSeen && fileFirstSeen > publication.publishedAt)) return undefined;
  }
  // Already served: checked when it was published or first restored.
  const served = deps.questionnaires.findServed(settings.surveyId);
  if (served?.origin.kind === "upload" && served.declared.version === publication.version) return served.declared;
  const stored = await deps.store.questionnaireVersions.find(publication.version);
  const problems: QuestionnaireProblem[] = [];
  const checked = stored ? checkQuestionnaire(publication.fileName, stored.definition, deps.questionnaires.catalogue, problems) : undefined;
  if (!checked || checked.id !== settings.surveyId || checked.version !== publication.version) {
    deps.logger.error(
      { surveyId: settings.surveyId, version: publication.version, problems: problems.map((problem) => problem.message) },
      "uploaded questionnaire version not served: it is missing or no longer passes the checks",
    );
    return undefined;
  }
  return checked;
}

/** The settings body as overrides: a field left out follows the definition. */
function toOverrides(settings: QuestionnaireSettings): QuestionnaireOverrides {
  const date = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));
  const opensAt = date(settings.opensAt);
  const closesAt = date(settings.closesAt);
  return {
    ...(settings.status ? { status: settings.status } : {}),
    ...(opensAt !== undefined ? { opensAt } : {}),
    ...(closesAt !== undefined ? { closesAt } : {}),
  };
}

function lastChangeOf(settings: StoredQuestionnaireSettings): ServedQuestionnaire["lastChange"] {
  return { at: settings.updatedAt, by: settings.updatedBy };
}

/** The administrator's view of a questionnaire: settings with their sources, origin, versions. */
export async function presentManagedQuestionnaire(store: Store, served: ServedQuestionnaire, now: Date): Promise<ManagedQuestionnaireView> {
  const { declared, effective, origin } = served;
  const sources = sourcesOf(served.overrides);
  const iso = (date: Date | undefined) => date?.toISOString() ?? null;
  const versions = await store.questionnaireVersions.listForSurvey(declared.id);
  return {
    id: declared.id,
    title: declared.title,
    access: declared.access,
    status: statusAt(effective, now),
    settings: {
      status: { value: effective.status, source: sources.status },
      opensAt: { value: iso(effective.opensAt), source: sources.opensAt },
      closesAt: { value: iso(effective.closesAt), source: sources.closesAt },
    },
    declared: { status: declared.status, opensAt: iso(declared.opensAt), closesAt: iso(declared.closesAt) },
    version: declared.version,
    origin:
      origin.kind === "file"
        ? { kind: "file", file: origin.file }
        : {
            kind: "upload",
            fileName: origin.publication.fileName,
            publishedAt: origin.publication.publishedAt.toISOString(),
            publishedBy: origin.publication.publishedBy,
          },
    versions: versions.map((version) => ({
      version: version.version,
      firstSeenAt: version.firstSeenAt.toISOString(),
      isCurrent: version.version === declared.version,
    })),
    lastChange: served.lastChange ? { at: served.lastChange.at.toISOString(), by: served.lastChange.by } : null,
  };
}
