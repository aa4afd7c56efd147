import { Schema, type Connection } from "mongoose";
import {
  StoreConflictError,
  type IdempotentInsertResult,
  type InvitedResponseState,
  type ResponseChanges,
  type ResponseFilter,
  type ResponseStore,
  type StoredIdempotencyRecord,
  type StoredResponse,
} from "../store.port";
import {
  fromIdempotencyDocument,
  idempotencyId,
  toIdempotencyDocument,
  type IdempotencyDocument,
  type IdempotencyModel,
} from "./mongo-idempotency.model";

const DUPLICATE_KEY = 11000;

interface ResponseDocument {
  _id: string;
  surveyId: string;
  version: string;
  status: StoredResponse["status"];
  locale: StoredResponse["locale"];
  answers: StoredResponse["answers"];
  breakdown: StoredResponse["breakdown"];
  tokenHash: string;
  invitationId?: string;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
}

const responseSchema = new Schema<ResponseDocument>(
  {
    _id: { type: String, required: true },
    surveyId: { type: String, required: true },
    version: { type: String, required: true },
    status: { type: String, required: true, enum: ["draft", "submitted"] },
    locale: { type: String, required: true },
    answers: { type: Schema.Types.Mixed, required: true },
    breakdown: { type: Schema.Types.Mixed, required: true },
    tokenHash: { type: String, required: true },
    // Absent, not null, for a public-link response: the partial indexes below skip it.
    invitationId: { type: String },
    revision: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    submittedAt: { type: Date, default: null },
  },
  // Answers are stored as given: an empty object or array is an answer, not something to drop.
  { minimize: false, versionKey: false, strict: "throw" },
);
responseSchema.index({ surveyId: 1, status: 1, submittedAt: 1 });
responseSchema.index({ surveyId: 1, createdAt: 1, _id: 1 });
responseSchema.index({ surveyId: 1, updatedAt: -1 });
// One response per invitation. Partial rather than sparse, so only real invitation ids count.
const INVITED = { invitationId: { $type: "string" as const } };
responseSchema.index({ invitationId: 1 }, { unique: true, partialFilterExpression: INVITED });
responseSchema.index({ surveyId: 1, invitationId: 1 }, { partialFilterExpression: INVITED });

export function createResponseModel(connection: Connection) {
  return connection.model("Response", responseSchema, "responses");
}
type ResponseModel = ReturnType<typeof createResponseModel>;

/** Responses in MongoDB, read lean so only plain objects leave this module. */
export class MongoResponseStore implements ResponseStore {
  constructor(
    private readonly model: ResponseModel,
    private readonly idempotency: IdempotencyModel,
  ) {}

  async insert(response: StoredResponse): Promise<void> {
    const { id, ...rest } = response;
    try {
      await this.model.create({ _id: id, ...rest });
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) {
        throw new StoreConflictError(`response ${id} already exists, or its invitation already has a response`);
      }
      throw error;
    }
  }

  async insertIdempotent(response: StoredResponse, record: StoredIdempotencyRecord): Promise<IdempotentInsertResult> {
    const recordId = idempotencyId(record.surveyId, record.keyHash);
    const session = await this.model.db.startSession();
    try {
      // The record goes in first: of two requests racing with one key, the second meets the
      // unique _id (a write conflict, which withTransaction retries and which then finds the
      // winner's record, or a duplicate key once the winner has committed).
      return await session.withTransaction(async (): Promise<IdempotentInsertResult> => {
        const existing = await this.idempotency.findById(recordId).session(session).lean<IdempotencyDocument>().exec();
        if (existing && existing.expiresAt > record.createdAt) return { kind: "existing", record: fromIdempotencyDocument(existing) };
        if (existing) await this.idempotency.deleteOne({ _id: recordId }, { session }).exec();
        await this.idempotency.create([toIdempotencyDocument(record)], { session });
        const { id, ...rest } = response;
        await this.model.create([{ _id: id, ...rest }], { session });
        return { kind: "created" };
      });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      const winner = await this.findIdempotencyRecord(record.surveyId, record.keyHash, record.createdAt);
      if (winner) return { kind: "existing", record: winner };
      throw new StoreConflictError(`response ${response.id} already exists, or its invitation already has a response`);
    } finally {
      await session.endSession();
    }
  }

  async findIdempotencyRecord(surveyId: string, keyHash: string, now: Date): Promise<StoredIdempotencyRecord | null> {
    const doc = await this.idempotency
      .findOne({ _id: idempotencyId(surveyId, keyHash), expiresAt: { $gt: now } })
      .lean<IdempotencyDocument>()
      .exec();
    return doc ? fromIdempotencyDocument(doc) : null;
  }

  async insertMany(responses: readonly StoredResponse[]): Promise<void> {
    const session = await this.model.db.startSession();
    try {
      // A transaction keeps "all or none" (it needs a replica set, as production MongoDB is).
      await session.withTransaction(async () => {
        await this.model.insertMany(
          responses.map(({ id, ...rest }) => ({ _id: id, ...rest })),
          { session, ordered: true },
        );
      });
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) {
        throw new StoreConflictError("a response with this id, or to the same invitation, already exists");
      }
      throw error;
    } finally {
      await session.endSession();
    }
  }

  async findById(id: string): Promise<StoredResponse | null> {
    const doc = await this.model.findById(id).lean<ResponseDocument>().exec();
    return doc ? fromDocument(doc) : null;
  }

  async findByInvitation(invitationId: string): Promise<StoredResponse | null> {
    // The $type clause repeats the partial index's filter, so the planner may use that index.
    const doc = await this.model.findOne({ invitationId: { $eq: invitationId, ...INVITED.invitationId } }).lean<ResponseDocument>().exec();
    return doc ? fromDocument(doc) : null;
  }

  async invitedResponseStates(surveyId: string): Promise<InvitedResponseState[]> {
    const docs = await this.model
      .find({ surveyId: { $eq: surveyId }, ...INVITED })
      .select({ invitationId: 1, status: 1, updatedAt: 1 })
      .lean<Required<Pick<ResponseDocument, "_id" | "invitationId" | "status" | "updatedAt">>[]>()
      .exec();
    return docs.map((doc) => ({ invitationId: doc.invitationId, responseId: doc._id, status: doc.status, updatedAt: doc.updatedAt }));
  }

  async update(id: string, expectedRevision: number, changes: ResponseChanges): Promise<StoredResponse | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, revision: expectedRevision },
        { $set: changes, $inc: { revision: 1 } },
        { returnDocument: "after" },
      )
      .lean<ResponseDocument>()
      .exec();
    return doc ? fromDocument(doc) : null;
  }

  async *stream(filter: ResponseFilter): AsyncIterable<StoredResponse> {
    const cursor = this.model
      .find(toQuery(filter))
      .sort({ createdAt: 1, _id: 1 })
      .lean<ResponseDocument[]>()
      .cursor({ batchSize: 500 });
    for await (const doc of cursor) yield fromDocument(doc as unknown as ResponseDocument);
  }

  async changeStamp(surveyId: string): Promise<string> {
    const [count, last] = await Promise.all([
      this.model.countDocuments({ surveyId }).exec(),
      this.model.findOne({ surveyId }).sort({ updatedAt: -1 }).select({ updatedAt: 1 }).lean<{ updatedAt: Date }>().exec(),
    ]);
    return `${count}@${last?.updatedAt.toISOString() ?? ""}`;
  }

  async count(filter: ResponseFilter): Promise<number> {
    return this.model.countDocuments(toQuery(filter)).exec();
  }
}

// Only our own typed values go into a query: a filter value can never carry an operator, and
// breakdown field names come from the questionnaire, not from the request.
function toQuery(filter: ResponseFilter): Record<string, unknown> {
  const query: Record<string, unknown> = { surveyId: filter.surveyId };
  if (filter.status) query.status = filter.status;
  for (const [field, value] of Object.entries(filter.breakdown ?? {})) query[`breakdown.${field}`] = { $eq: value };
  if (filter.submittedFrom || filter.submittedBefore) {
    query.submittedAt = {
      ...(filter.submittedFrom ? { $gte: filter.submittedFrom } : {}),
      ...(filter.submittedBefore ? { $lt: filter.submittedBefore } : {}),
    };
  }
  if (filter.updatedAfter) query.updatedAt = { $gt: filter.updatedAfter };
  if (filter.slice) {
    // Ids are random UUIDs: ranges of their first hexadecimal digits split them evenly.
    const bound = (index: number) => Math.floor((index * 16) / filter.slice!.count).toString(16);
    const range: Record<string, string> = { $gte: bound(filter.slice.index) };
    if (filter.slice.index + 1 < filter.slice.count) range.$lt = bound(filter.slice.index + 1);
    query._id = range;
  }
  return query;
}

function fromDocument(doc: ResponseDocument): StoredResponse {
  return {
    id: doc._id,
    surveyId: doc.surveyId,
    version: doc.version,
    status: doc.status,
    locale: doc.locale,
    answers: doc.answers,
    breakdown: doc.breakdown,
    tokenHash: doc.tokenHash,
    // Omitted rather than undefined: a public-link response has no such property at all.
    ...(typeof doc.invitationId === "string" ? { invitationId: doc.invitationId } : {}),
    revision: doc.revision,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    submittedAt: doc.submittedAt ?? null,
  };
}
