import type { Collection } from "mongoose";

// Responses numbered per round trip when a store from before the change sequence is prepared.
const NUMBERING_BATCH = 500;

/** A model, as far as preparing the store needs it. */
export interface PreparableModel {
  createCollection(): Promise<unknown>;
  createIndexes(): Promise<unknown>;
}

interface UnsequencedResponse {
  _id: string;
  surveyId: string;
  status: string;
}

/**
 * The start-up step of the MongoDB store, run by the server process only: creates the
 * collections (a transaction cannot on servers before 4.4) and the indexes this version
 * declares. `createIndexes` only ever adds: unlike `syncIndexes` it never drops an index that
 * another version, still running during a rolling upgrade, relies on. Then numbers the
 * responses written before the change sequence existed, in creation order.
 */
export async function prepareMongoStore(options: { models: readonly PreparableModel[]; responses: Collection; sequences: Collection }): Promise<void> {
  for (const model of options.models) {
    await model.createCollection();
    await model.createIndexes();
  }
  await numberUnsequencedResponses(options.responses, options.sequences);
}

async function numberUnsequencedResponses(responses: Collection, sequences: Collection): Promise<void> {
  const cursor = responses
    .find({ changeSeq: { $exists: false } }, { projection: { surveyId: 1, status: 1 }, sort: { surveyId: 1, createdAt: 1, _id: 1 } })
    .batchSize(NUMBERING_BATCH);
  let batch: UnsequencedResponse[] = [];
  const flush = async () => {
    const perSurvey = new Map<string, UnsequencedResponse[]>();
    for (const doc of batch) perSurvey.set(doc.surveyId, [...(perSurvey.get(doc.surveyId) ?? []), doc]);
    for (const [surveyId, docs] of perSurvey) {
      const counter = await sequences.findOneAndUpdate({ _id: surveyId as never }, { $inc: { seq: docs.length } }, { upsert: true, returnDocument: "after" });
      let seq = Number(counter?.seq ?? docs.length) - docs.length;
      await responses.bulkWrite(
        docs.map((doc) => {
          seq += 1;
          const submittedSeq = doc.status === "submitted" ? seq : null;
          return {
            updateOne: {
              filter: { _id: doc._id as never, changeSeq: { $exists: false } },
              update: { $set: { createdSeq: seq, changeSeq: seq, submittedSeq } },
            },
          };
        }),
      );
    }
    batch = [];
  };
  for await (const doc of cursor) {
    batch.push(doc as unknown as UnsequencedResponse);
    if (batch.length >= NUMBERING_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
}
