import { readQuestionnaireShape, type QuestionnaireShape } from "@passerelle/shared";
import type { Questionnaire } from "../questionnaires/questionnaire";

/** What reading shapes needs of a questionnaire: its current version. */
type CurrentVersion = Pick<Questionnaire, "version" | "definition">;
import type { Store } from "../store/store.port";

/**
 * The shape of each questionnaire version, read once: from the registry for the current
 * version, from the store for versions since replaced. A version missing from both (a store
 * filled before versions were kept) is read with the current version's shape.
 */
export class QuestionnaireShapes {
  private readonly byVersion = new Map<string, QuestionnaireShape>();

  constructor(private readonly store: Store) {}

  current(questionnaire: CurrentVersion): QuestionnaireShape {
    return this.remember(questionnaire.version, () => readQuestionnaireShape(questionnaire.definition));
  }

  async forVersion(questionnaire: CurrentVersion, version: string): Promise<QuestionnaireShape> {
    const known = this.byVersion.get(version);
    if (known) return known;
    if (version === questionnaire.version) return this.current(questionnaire);
    const stored = await this.store.questionnaireVersions.find(version);
    return this.remember(version, () => (stored ? readQuestionnaireShape(stored.definition) : this.current(questionnaire)));
  }

  private remember(version: string, read: () => QuestionnaireShape): QuestionnaireShape {
    let shape = this.byVersion.get(version);
    if (!shape) {
      shape = read();
      this.byVersion.set(version, shape);
    }
    return shape;
  }
}
