import { statusAt, type SurveySummary, type ThemeCatalogue } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import type { QuestionnaireOverrides, QuestionnairePublication } from "../store/questionnaire-settings.port";
import type { Questionnaire } from "./questionnaire";
import { applyOverrides } from "./questionnaire-overrides";

/** Where the version served comes from. */
export type QuestionnaireOrigin = { kind: "file"; file: string } | { kind: "upload"; publication: QuestionnairePublication };

/** A questionnaire as served, with what it is made of. */
export interface ServedQuestionnaire {
  /** The version served, with the status and dates its definition declares. */
  declared: Questionnaire;
  origin: QuestionnaireOrigin;
  /** What administrators set over the definition. */
  overrides: QuestionnaireOverrides;
  /** The last change administrators made, if any. */
  lastChange: { at: Date; by: string } | null;
  /** `declared` with the overrides applied: what every other part of the server sees. */
  effective: Questionnaire;
}

/**
 * The questionnaires served, by id: those of `surveys/` as loaded at start, then as
 * administrators change them at run time (settings, uploaded versions). Readers get the
 * questionnaire in force at the moment they ask.
 */
export class QuestionnaireRegistry {
  private readonly byId = new Map<string, ServedQuestionnaire>();
  private readonly filesById: ReadonlyMap<string, Questionnaire>;

  constructor(
    questionnaires: readonly Questionnaire[],
    readonly catalogue: ThemeCatalogue,
  ) {
    this.filesById = new Map(questionnaires.map((questionnaire) => [questionnaire.id, questionnaire]));
    for (const questionnaire of questionnaires) {
      this.serve({ declared: questionnaire, origin: { kind: "file", file: questionnaire.file }, overrides: {}, lastChange: null });
    }
  }

  find(id: string): Questionnaire | undefined {
    return this.byId.get(id)?.effective;
  }

  /** The questionnaire, or the API's 404 `survey_not_found`. */
  get(id: string): Questionnaire {
    return this.served(id).effective;
  }

  list(): Questionnaire[] {
    return [...this.byId.values()].map((served) => served.effective);
  }

  /** The questionnaire with its origin and overrides, or the API's 404 `survey_not_found`. */
  served(id: string): ServedQuestionnaire {
    const served = this.byId.get(id);
    if (!served) throw new AppError("survey_not_found", `There is no questionnaire "${id}".`);
    return served;
  }

  findServed(id: string): ServedQuestionnaire | undefined {
    return this.byId.get(id);
  }

  listServed(): ServedQuestionnaire[] {
    return [...this.byId.values()];
  }

  /** The version shipped in `surveys/` under this id, as loaded at start. */
  fromFile(id: string): Questionnaire | undefined {
    return this.filesById.get(id);
  }

  /** Serves a version with its settings from now on, in place of what was served under its id. */
  serve(questionnaire: Omit<ServedQuestionnaire, "effective">): ServedQuestionnaire {
    const served = { ...questionnaire, effective: applyOverrides(questionnaire.declared, questionnaire.overrides) };
    this.byId.set(questionnaire.declared.id, served);
    return served;
  }
}

export function presentSurveySummary(questionnaire: Questionnaire, now: Date): SurveySummary {
  return {
    id: questionnaire.id,
    title: questionnaire.title,
    description: questionnaire.description,
    status: statusAt(questionnaire, now),
    ...(questionnaire.opensAt ? { opensAt: questionnaire.opensAt.toISOString() } : {}),
    ...(questionnaire.closesAt ? { closesAt: questionnaire.closesAt.toISOString() } : {}),
    locales: questionnaire.locales,
    version: questionnaire.version,
    access: questionnaire.access,
  };
}
