import { Schema, type Connection } from "mongoose";
import type { QuestionnaireVersionStore, StoredQuestionnaireVersion } from "../store.port";

interface VersionDocument {
  _id: string;
  surveyId: string;
  // Kept as JSON text: a definition's keys are SurveyJS's, and MongoDB need not index inside it.
  definition: string;
  firstSeenAt: Date;
}

const versionSchema = new Schema<VersionDocument>(
  {
    _id: { type: String, required: true },
    surveyId: { type: String, required: true },
    definition: { type: String, required: true },
    firstSeenAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);

export function createQuestionnaireVersionModel(connection: Connection) {
  return connection.model("QuestionnaireVersion", versionSchema, "questionnaire_versions");
}
type VersionModel = ReturnType<typeof createQuestionnaireVersionModel>;

export class MongoQuestionnaireVersionStore implements QuestionnaireVersionStore {
  constructor(private readonly model: VersionModel) {}

  async save(version: StoredQuestionnaireVersion): Promise<void> {
    await this.model
      .updateOne(
        { _id: version.version },
        {
          $setOnInsert: {
            surveyId: version.surveyId,
            definition: JSON.stringify(version.definition),
            firstSeenAt: version.firstSeenAt,
          },
        },
        { upsert: true },
      )
      .exec();
  }

  async find(version: string): Promise<StoredQuestionnaireVersion | null> {
    const doc = await this.model.findById(version).lean<VersionDocument>().exec();
    return doc ? fromDocument(doc) : null;
  }

  async listForSurvey(surveyId: string): Promise<StoredQuestionnaireVersion[]> {
    const docs = await this.model
      .find({ surveyId: { $eq: surveyId } })
      .sort({ firstSeenAt: 1, _id: 1 })
      .lean<VersionDocument[]>()
      .exec();
    return docs.map(fromDocument);
  }
}

function fromDocument(doc: VersionDocument): StoredQuestionnaireVersion {
  return {
    version: doc._id,
    surveyId: doc.surveyId,
    definition: JSON.parse(doc.definition) as Record<string, unknown>,
    firstSeenAt: doc.firstSeenAt,
  };
}
