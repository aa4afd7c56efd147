import type { QuestionnaireStatus } from "@passerelle/shared";
import type { StoredQuestionnaireVersion, WriteOptions } from "./store.port";

/**
 * What an administrator set for a questionnaire at run time, over what its definition declares.
 * A field left out follows the definition; `null` for a date means "no such date", whatever the
 * definition says.
 */
export interface QuestionnaireOverrides {
  status?: QuestionnaireStatus;
  opensAt?: Date | null;
  closesAt?: Date | null;
}

/** The version of a questionnaire an administrator published by uploading it. */
export interface QuestionnairePublication {
  version: string;
  /** The uploaded file's name, for messages. */
  fileName: string;
  publishedAt: Date;
  /** The administrator's e-mail. */
  publishedBy: string;
}

/** A questionnaire's run-time settings: its overrides and its last uploaded version, if any. */
export interface StoredQuestionnaireSettings {
  surveyId: string;
  overrides: QuestionnaireOverrides;
  /** Absent until a version is uploaded. */
  publication?: QuestionnairePublication;
  updatedAt: Date;
  /** Who changed them last (an administrator's e-mail). */
  updatedBy: string;
}

export interface QuestionnaireSettingsStore {
  find(surveyId: string): Promise<StoredQuestionnaireSettings | null>;
  /** Every questionnaire that has settings, by id. */
  list(): Promise<StoredQuestionnaireSettings[]>;
  /** Replaces the overrides (keeping the publication), in one transaction with the audit entry. */
  saveOverrides(
    surveyId: string,
    overrides: QuestionnaireOverrides,
    change: { at: Date; by: string },
    options?: WriteOptions,
  ): Promise<StoredQuestionnaireSettings>;
  /**
   * Publishes an uploaded version: records the version (a version already known is kept as it
   * is), points the questionnaire at it, and writes the audit entry, all in one transaction.
   */
  publish(version: StoredQuestionnaireVersion, publication: QuestionnairePublication, options?: WriteOptions): Promise<StoredQuestionnaireSettings>;
}

/** Overrides as both adapters keep them: JSON text, dates as ISO strings (`JSON.stringify` of the object). */
export function parseOverrides(text: string): QuestionnaireOverrides {
  const json = JSON.parse(text) as { status?: QuestionnaireStatus; opensAt?: string | null; closesAt?: string | null };
  const date = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));
  const opensAt = date(json.opensAt);
  const closesAt = date(json.closesAt);
  return {
    ...(json.status ? { status: json.status } : {}),
    ...(opensAt !== undefined ? { opensAt } : {}),
    ...(closesAt !== undefined ? { closesAt } : {}),
  };
}
