import { encodeStoredResponses } from "../analytics/fold-deltas";
import { QuestionnaireShapes } from "../analytics/questionnaire-shapes";
import { loadConfig } from "../config";
import { loadQuestionnaires } from "../questionnaires/load-questionnaires";
import { openStore } from "../store/open-store";
import { runCommand } from "./run-command";

// `npm run encode-responses`: after an upgrade, the encoded deltas of the responses saved
// before it, so that folds from scratch read them instead of the answers. Safe while the
// server runs; running it again encodes only what is still missing.
runCommand(async () => {
  const config = loadConfig();
  const questionnaires = loadQuestionnaires(config.surveysDir);
  const store = await openStore(config, { prepare: true });
  try {
    const shapes = new QuestionnaireShapes(store);
    const lines: string[] = [];
    for (const questionnaire of questionnaires.list()) {
      lines.push(`${questionnaire.id}: ${await encodeStoredResponses(store, shapes, questionnaire)} responses encoded`);
    }
    return lines.join("\n");
  } finally {
    await store.close();
  }
});
