import { Schema, type ClientSession, type Connection } from "mongoose";

interface SequenceDocument {
  /** The questionnaire whose responses the counter numbers. */
  _id: string;
  seq: number;
}

const sequenceSchema = new Schema<SequenceDocument>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { versionKey: false, strict: "throw" },
);

export function createSequenceModel(connection: Connection) {
  return connection.model("ResponseSequence", sequenceSchema, "response_sequences");
}
export type SequenceModel = ReturnType<typeof createSequenceModel>;

/**
 * Takes the next `count` points of a questionnaire's change sequence, inside the caller's
 * transaction, and returns the last. The counter document is written by every writer, so two
 * transactions taking points conflict and one waits for the other: points are taken in commit
 * order, which is what lets a reader trust "nothing below this point is still to come".
 */
export async function takeSequence(model: SequenceModel, surveyId: string, session: ClientSession, count = 1): Promise<number> {
  const doc = await model
    .findOneAndUpdate({ _id: surveyId }, { $inc: { seq: count } }, { upsert: true, returnDocument: "after", session })
    .lean<SequenceDocument>()
    .exec();
  return (doc as SequenceDocument).seq;
}

/** The latest point taken, 0 before any write. */
export async function currentSequence(model: SequenceModel, surveyId: string): Promise<number> {
  const doc = await model.findById(surveyId).lean<SequenceDocument>().exec();
  return doc?.seq ?? 0;
}
