import { Schema, type Connection } from "mongoose";
import {
  parseOverrides,
  type QuestionnaireOverrides,
  type QuestionnairePublication,
  type QuestionnaireSettingsStore,
  type StoredQuestionnaireSettings,
} from "../questionnaire-settings.port";
import type { StoredQuestionnaireVersion, WriteOptions } from "../store.port";
import type { MongoAuditStore } from "./mongo-access.store";
import type { createQuestionnaireVersionModel } from "./mongo-questionnaire-version.store";
import { runTransaction } from "./mongo-transaction";

interface SettingsDocument {
  _id: string;
  // JSON text: each field has three states (absent, a date, null), which a schema of dates would blur.
  overrides: string;
  publication?: QuestionnairePublication | null;
  updatedAt: Date;
  updatedBy: string;
}

const publicationSchema = new Schema<QuestionnairePublication>(
  {
    version: { type: String, required: true },
    fileName: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    publishedBy: { type: String, required: true },
  },
  { _id: false, versionKey: false, strict: "throw" },
);

const settingsSchema = new Schema<SettingsDocument>(
  {
    _id: { type: String, required: true },
    overrides: { type: String, required: true },
    publication: { type: publicationSchema, default: null },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false, strict: "throw" },
);

export function createQuestionnaireSettingsModel(connection: Connection) {
  return connection.model("QuestionnaireSettings", settingsSchema, "questionnaire_settings");
}
type SettingsModel = ReturnType<typeof createQuestionnaireSettingsModel>;
type VersionModel = ReturnType<typeof createQuestionnaireVersionModel>;

export class MongoQuestionnaireSettingsStore implements QuestionnaireSettingsStore {
  constructor(
    private readonly models: { settings: SettingsModel; versions: VersionModel },
    private readonly audit: MongoAuditStore,
    private readonly timeoutMs: number,
  ) {}

  async find(surveyId: string): Promise<StoredQuestionnaireSettings | null> {
    const doc = await this.models.settings
      .findOne({ _id: { $eq: surveyId } })
      .lean<SettingsDocument>()
      .exec();
    return doc ? fromDocument(doc) : null;
  }

  async list(): Promise<StoredQuestionnaireSettings[]> {
    const docs = await this.models.settings.find().sort({ _id: 1 }).lean<SettingsDocument[]>().exec();
    return docs.map(fromDocument);
  }

  async saveOverrides(
    surveyId: string,
    overrides: QuestionnaireOverrides,
    change: { at: Date; by: string },
    options: WriteOptions = {},
  ): Promise<StoredQuestionnaireSettings> {
    const doc = await runTransaction(this.models.settings.db, this.timeoutMs, async (session) => {
      const written = await this.models.settings
        .findOneAndUpdate(
          { _id: { $eq: surveyId } },
          { $set: { overrides: JSON.stringify(overrides), updatedAt: change.at, updatedBy: change.by }, $setOnInsert: { publication: null } },
          { upsert: true, returnDocument: "after", session },
        )
        .lean<SettingsDocument>()
        .exec();
      if (options.audit) await this.audit.write(options.audit, session);
      return written;
    });
    return fromDocument(doc as SettingsDocument);
  }

  async publish(version: StoredQuestionnaireVersion, publication: QuestionnairePublication, options: WriteOptions = {}): Promise<StoredQuestionnaireSettings> {
    const doc = await runTransaction(this.models.settings.db, this.timeoutMs, async (session) => {
      await this.models.versions
        .updateOne(
          { _id: { $eq: version.version } },
          { $setOnInsert: { surveyId: version.surveyId, definition: JSON.stringify(version.definition), firstSeenAt: version.firstSeenAt } },
          { upsert: true, session },
        )
        .exec();
      const written = await this.models.settings
        .findOneAndUpdate(
          { _id: { $eq: version.surveyId } },
          { $set: { publication, updatedAt: publication.publishedAt, updatedBy: publication.publishedBy }, $setOnInsert: { overrides: "{}" } },
          { upsert: true, returnDocument: "after", session },
        )
        .lean<SettingsDocument>()
        .exec();
      if (options.audit) await this.audit.write(options.audit, session);
      return written;
    });
    return fromDocument(doc as SettingsDocument);
  }
}

function fromDocument(doc: SettingsDocument): StoredQuestionnaireSettings {
  return {
    surveyId: doc._id,
    overrides: parseOverrides(doc.overrides),
    ...(doc.publication ? { publication: { ...doc.publication } } : {}),
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
  };
}
