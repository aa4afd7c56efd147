import { statusAt, type SurveySummary, type ThemeCatalogue } from "@passerelle/shared";
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
