import type { Store } from "../store/store.port";
import type { QuestionnaireRegistry } from "./questionnaire.registry";

/**
 * Keeps every questionnaire version ever served in the store, so responses given against a
 * version since replaced in `surveys/` can still be read with their own questions and labels.
 */
export async function recordQuestionnaireVersions(store: Store, questionnaires: QuestionnaireRegistry, now: Date): Promise<void> {
  for (const questionnaire of questionnaires.list()) {
    await store.questionnaireVersions.save({
      version: questionnaire.version,
      surveyId: questionnaire.id,
      definition: questionnaire.definition,
      firstSeenAt: now,
    });
  }
}
