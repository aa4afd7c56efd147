import {
  Delta,
  DeltaDecoder,
  deltaStampOf,
  encodeDelta,
  readQuestionnaireShape,
  type Answers,
  type CompiledFold,
  type EncodedDelta,
  type JsonObject,
  type QuestionnaireShape,
} from "@passerelle/shared";
import type { FoldDeltaWrite, Store, StoredResponse } from "../store/store.port";
import type { FoldQuestionnaire } from "./fold-job";
import type { QuestionnaireShapes } from "./questionnaire-shapes";

const shapesOfDefinitions = new WeakMap<JsonObject, QuestionnaireShape>();

/**
 * The encoded delta of answers given against the questionnaire's current version, written
 * with them on every save so that a fold from scratch reads it instead of the answers. The
 * shape is read once per definition, as the fold reads it (`QuestionnaireShapes.current`).
 */
export function foldDeltaOf(questionnaire: Pick<FoldQuestionnaire, "version" | "definition">, answers: Answers): EncodedDelta {
  let shape = shapesOfDefinitions.get(questionnaire.definition);
  if (!shape) {
    shape = readQuestionnaireShape(questionnaire.definition);
    shapesOfDefinitions.set(questionnaire.definition, shape);
  }
  return encodeDelta(questionnaire.version, shape, answers);
}

/**
 * For each version of the questionnaire the store keeps (and its current one), the stamp of an
 * encoding the fold can read: one made under today's fold code against the very shape the fold
 * reads that version with. Anything else is folded from its answers.
 */
export async function readableDeltaStamps(store: Store, shapes: QuestionnaireShapes, questionnaire: FoldQuestionnaire): Promise<Map<string, string>> {
  const versions = new Set([questionnaire.version, ...(await store.questionnaireVersions.listForSurvey(questionnaire.id)).map((stored) => stored.version)]);
  const stamps = new Map<string, string>();
  for (const version of versions) stamps.set(version, deltaStampOf(version, await shapes.forVersion(questionnaire, version)));
  return stamps;
}

/**
 * Adds whole stored responses to groups of a fold (the cells of a cube being built): through
 * a response's encoded delta when its stamp is the one the fold reads for its version, else
 * through its answers.
 */
export class StoredResponseFolding {
  private readonly decoder = new DeltaDecoder();
  private readonly delta = new Delta();

  constructor(private readonly deltaStamps: ReadonlyMap<string, string>) {}

  addToGroup(fold: CompiledFold, key: string, response: Pick<StoredResponse, "version" | "answers" | "foldDelta">, shape: QuestionnaireShape): void {
    const encoded = response.foldDelta;
    if (encoded && this.deltaStamps.get(response.version) === encoded.stamp) {
      this.decoder.decode(encoded.bytes, shape, this.delta);
      fold.addDeltaToGroup(key, this.delta, shape);
    } else {
      fold.addToGroup(key, { answers: response.answers, shape });
    }
  }
}

// Encodings written per call of `writeFoldDeltas`: one transaction each on SQLite.
const ENCODINGS_PER_WRITE = 500;

/**
 * Encodes every response of the questionnaire that has no encoding the fold reads (saved
 * before encodings were kept, or under a fold code since replaced) and writes the encodings,
 * so that folds from scratch stop parsing their answers. Responses of a version the store
 * does not keep are left to their answers. Safe while the server runs: a response edited
 * meanwhile keeps the encoding its edit wrote. Returns how many were written.
 */
export async function encodeStoredResponses(store: Store, shapes: QuestionnaireShapes, questionnaire: FoldQuestionnaire): Promise<number> {
  const deltaStamps = await readableDeltaStamps(store, shapes, questionnaire);
  let pending: FoldDeltaWrite[] = [];
  let written = 0;
  for await (const response of store.responses.stream({ surveyId: questionnaire.id }, { withFoldDeltas: true })) {
    const stamp = deltaStamps.get(response.version);
    if (stamp === undefined || response.foldDelta?.stamp === stamp) continue;
    const foldDelta = encodeDelta(response.version, await shapes.forVersion(questionnaire, response.version), response.answers);
    pending.push({ id: response.id, revision: response.revision, foldDelta });
    if (pending.length === ENCODINGS_PER_WRITE) {
      written += await store.responses.writeFoldDeltas(pending);
      pending = [];
    }
  }
  return written + (pending.length > 0 ? await store.responses.writeFoldDeltas(pending) : 0);
}
