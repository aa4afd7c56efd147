import { statusAt, type SurveySummary, type ThemeCatalogue } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import type { Questionnaire } from "./questionnaire";

/** The questionnaires loaded at start, by id. */
export class QuestionnaireRegistry {
  private readonly byId: Map<string, Questionnaire>;

  constructor(
    questionnaires: readonly Questionnaire[],
    readonly catalogue: ThemeCatalogue,
  ) {
    this.byId = new Map(questionnaires.map((questionnaire) => [questionnaire.id, questionnaire]));
  }

  find(id: string): Questionnaire | undefined {
    return this.byId.get(id);
  }

  /** The questionnaire, or the API's 404 `survey_not_found`. */
  get(id: string): Questionnaire {
    const questionnaire = this.byId.get(id);
    if (!questionnaire) throw new AppError("survey_not_found", `There is no questionnaire "${id}".`);
    return questionnaire;
  }

  list(): Questionnaire[] {
    return [...this.byId.values()];
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
