import { Schema, type Connection } from "mongoose";
import type { ExcerptChanges, ExcerptStore, StoredExcerpt } from "../excerpt-store.port";
import { StoreConflictError, type WriteOptions } from "../store.port";
import type { MongoAuditStore } from "./mongo-access.store";
import { isDuplicateKey } from "./mongo-errors";
import { runTransaction } from "./mongo-transaction";

interface ExcerptDocument extends Omit<StoredExcerpt, "id"> {
  _id: string;
}

const excerptSchema = new Schema<ExcerptDocument>(
  {
    _id: { type: String, required: true },
    surveyId: { type: String, required: true },
    responseId: { type: String, required: true },
    questionName: { type: String, required: true },
    theme: { type: String, default: null },
    text: { type: String, required: true },
    sourceText: { type: String, required: true },
    locale: { type: String, required: true },
    authorityName: { type: String, default: null },
    publishedBy: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
excerptSchema.index({ surveyId: 1, publishedAt: 1, _id: 1 });

export function createExcerptModel(connection: Connection) {
  return connection.model("Excerpt", excerptSchema, "excerpts");
}
type ExcerptModel = ReturnType<typeof createExcerptModel>;

export class MongoExcerptStore implements ExcerptStore {
  constructor(
    private readonly model: ExcerptModel,
    private readonly audit: MongoAuditStore,
    private readonly timeoutMs: number,
  ) {}

  async insert(excerpt: StoredExcerpt, options: WriteOptions = {}): Promise<void> {
    const { id, ...rest } = excerpt;
    try {
      await runTransaction(this.model.db, this.timeoutMs, async (session) => {
        await this.model.create([{ _id: id, ...rest }], { session });
        if (options.audit) await this.audit.write(options.audit, session);
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw new StoreConflictError("an excerpt with this id exists");
      throw error;
    }
  }

  async findById(id: string): Promise<StoredExcerpt | null> {
    return excerptOf(
      await this.model
        .findOne({ _id: { $eq: id } })
        .lean<ExcerptDocument>()
        .exec(),
    );
  }

  async listForSurvey(surveyId: string): Promise<StoredExcerpt[]> {
    const docs = await this.model
      .find({ surveyId: { $eq: surveyId } })
      .sort({ publishedAt: 1, _id: 1 })
      .lean<ExcerptDocument[]>()
      .exec();
    return docs.map((doc) => excerptOf(doc) as StoredExcerpt);
  }

  async update(id: string, changes: ExcerptChanges, options: WriteOptions = {}): Promise<StoredExcerpt | null> {
    const doc = await runTransaction(this.model.db, this.timeoutMs, async (session) => {
      const written = await this.model
        .findOneAndUpdate({ _id: { $eq: id } }, { $set: changes }, { returnDocument: "after", session })
        .lean<ExcerptDocument>()
        .exec();
      if (written && options.audit) await this.audit.write(options.audit, session);
      return written;
    });
    return excerptOf(doc);
  }

  async delete(id: string, options: WriteOptions = {}): Promise<boolean> {
    return runTransaction(this.model.db, this.timeoutMs, async (session) => {
      const deleted = await this.model.deleteOne({ _id: { $eq: id } }, { session }).exec();
      if (deleted.deletedCount === 0) return false;
      if (options.audit) await this.audit.write(options.audit, session);
      return true;
    });
  }
}

function excerptOf(doc: ExcerptDocument | null): StoredExcerpt | null {
  if (!doc) return null;
  const { _id, ...rest } = doc;
  return { id: _id, ...rest, theme: rest.theme ?? null, authorityName: rest.authorityName ?? null };
}
