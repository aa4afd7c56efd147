import { Schema, type ClientSession, type Connection } from "mongoose";
import { isEncodingOf } from "@passerelle/shared";
import {
  StoreConflictError,
  type AnswerPageOptions,
  type AnswersOfVersion,
  type ChangeBounds,
  type FoldDeltaWrite,
  type IdempotentInsertResult,
  type InvitedResponseState,
  type ResponseChanges,
  type ResponseFilter,
  type ResponseSlice,
  type ResponseStore,
  type StoredIdempotencyRecord,
  type StreamOptions,
  type StoredResponse,
  type WriteOptions,
} from "../store.port";
import type { MongoAuditStore } from "./mongo-access.store";
import { isDuplicateKey } from "./mongo-errors";
import { fromIdempotencyDocument, idempotencyId, toIdempotencyDocument, type IdempotencyDocument, type IdempotencyModel } from "./mongo-idempotency.model";
import { currentSequence, takeSequence, type SequenceModel } from "./mongo-sequence.model";
import { runTransaction } from "./mongo-transaction";

/**
 * Responses inserted in one transaction at most: MongoDB aborts a transaction that runs over
 * 60 seconds (`transactionLifetimeLimitSeconds`) or writes more than its oplog entry can hold;
 * a thousand responses commit in well under that.
 */
export const INSERT_CHUNK_SIZE = 1000;

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
  /** Points of the change sequence: at creation (the streaming order), latest change, submission. */
  createdSeq: number;
  changeSeq: number;
  submittedSeq: number | null;
  /** `StoredResponse.foldDelta`: absent for a response saved before encodings were kept. */
  foldDelta?: Buffer;
  foldDeltaStamp?: string;
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
    createdSeq: { type: Number, required: true },
    changeSeq: { type: Number, required: true },
    submittedSeq: { type: Number, default: null },
    foldDelta: { type: Buffer },
    foldDeltaStamp: { type: String },
  },
  // Answers are stored as given: an empty object or array is an answer, not something to drop.
  { minimize: false, versionKey: false, strict: "throw" },
);
responseSchema.index({ surveyId: 1, status: 1, submittedAt: 1 });
responseSchema.index({ surveyId: 1, createdSeq: 1 });
responseSchema.index({ surveyId: 1, status: 1, createdSeq: 1 });
responseSchema.index({ surveyId: 1, changeSeq: 1 });
responseSchema.index({ surveyId: 1, submittedSeq: 1 });
// One response per invitation. Partial rather than sparse, so only real invitation ids count.
const INVITED = { invitationId: { $type: "string" as const } };
responseSchema.index({ invitationId: 1 }, { unique: true, partialFilterExpression: INVITED });
responseSchema.index({ surveyId: 1, invitationId: 1 }, { partialFilterExpression: INVITED });

export function createResponseModel(connection: Connection) {
  return connection.model("Response", responseSchema, "responses");
}
type ResponseModel = ReturnType<typeof createResponseModel>;

/** What the response store works with: its models, and how long a write may take. */
export interface MongoResponseModels {
  responses: ResponseModel;
  idempotency: IdempotencyModel;
  sequences: SequenceModel;
  audit: MongoAuditStore;
  timeoutMs: number;
}

/** Responses in MongoDB, read lean so only plain objects leave this module. */
export class MongoResponseStore implements ResponseStore {
  private readonly model: ResponseModel;

  constructor(private readonly models: MongoResponseModels) {
    this.model = models.responses;
  }

  async insert(response: StoredResponse, options: WriteOptions = {}): Promise<void> {
    try {
      await this.transaction(async (session) => {
        await this.createAll([response], session);
        if (options.audit) await this.models.audit.write(options.audit, session);
      });
    } catch (error) {
      throw conflictOr(error, `response ${response.id} already exists, or its invitation already has a response`);
    }
  }

  async insertIdempotent(response: StoredResponse, record: StoredIdempotencyRecord, options: WriteOptions = {}): Promise<IdempotentInsertResult> {
    const recordId = idempotencyId(record.surveyId, record.keyHash);
    const { idempotency } = this.models;
    try {
      // The record goes in first: of two requests racing with one key, the second meets the
      // unique _id (a write conflict, which the transaction retries and which then finds the
      // winner's record, or a duplicate key once the winner has committed).
      return await this.transaction(async (session): Promise<IdempotentInsertResult> => {
        const existing = await idempotency.findById(recordId).session(session).lean<IdempotencyDocument>().exec();
        if (existing && existing.expiresAt > record.createdAt) return { kind: "existing", record: fromIdempotencyDocument(existing) };
        if (existing) await idempotency.deleteOne({ _id: recordId }, { session }).exec();
        await idempotency.create([toIdempotencyDocument(record)], { session });
        await this.createAll([response], session);
        if (options.audit) await this.models.audit.write(options.audit, session);
        return { kind: "created" };
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const winner = await this.findIdempotencyRecord(record.surveyId, record.keyHash, record.createdAt);
      if (winner) return { kind: "existing", record: winner };
      throw new StoreConflictError(`response ${response.id} already exists, or its invitation already has a response`);
    }
  }

  async findIdempotencyRecord(surveyId: string, keyHash: string, now: Date): Promise<StoredIdempotencyRecord | null> {
    const doc = await this.models.idempotency
      .findOne({ _id: idempotencyId(surveyId, keyHash), expiresAt: { $gt: now } })
      .lean<IdempotencyDocument>()
      .exec();
    return doc ? fromIdempotencyDocument(doc) : null;
  }

  async insertMany(responses: readonly StoredResponse[]): Promise<void> {
    // One transaction per chunk, below MongoDB's limits. "All or none" is kept across chunks by
    // removing what earlier chunks wrote when a later one is refused; in between, a reader may
    // see part of the batch (imports and benchmarks only, never a respondent's write).
    const written: string[] = [];
    try {
      for (let start = 0; start < responses.length; start += INSERT_CHUNK_SIZE) {
        const chunk = responses.slice(start, start + INSERT_CHUNK_SIZE);
        await this.transaction((session) => this.createAll(chunk, session));
        written.push(...chunk.map((response) => response.id));
      }
    } catch (error) {
      if (written.length > 0) await this.model.deleteMany({ _id: { $in: written } }).exec();
      throw conflictOr(error, "a response with this id, or to the same invitation, already exists");
    }
  }

  // Within a transaction: the responses and the counter's steps commit together. Points are
  // taken per questionnaire, in the order the responses are given.
  private async createAll(responses: readonly StoredResponse[], session: ClientSession): Promise<void> {
    const perSurvey = new Map<string, number>();
    for (const response of responses) perSurvey.set(response.surveyId, (perSurvey.get(response.surveyId) ?? 0) + 1);
    const next = new Map<string, number>();
    for (const [surveyId, count] of perSurvey) {
      const last = await takeSequence(this.models.sequences, surveyId, session, count);
      next.set(surveyId, last - count + 1);
    }
    const docs = responses.map((response) => {
      const seq = next.get(response.surveyId) as number;
      next.set(response.surveyId, seq + 1);
      return toDocument(response, seq);
    });
    await this.model.insertMany(docs, { session, ordered: true });
  }

  async findById(id: string): Promise<StoredResponse | null> {
    const doc = await this.model.findById(id).lean<ResponseDocument>().exec();
    return doc ? fromDocument(doc) : null;
  }

  async findByInvitation(invitationId: string): Promise<StoredResponse | null> {
    // The $type clause repeats the partial index's filter, so the planner may use that index.
    const doc = await this.model
      .findOne({ invitationId: { $eq: invitationId, ...INVITED.invitationId } })
      .lean<ResponseDocument>()
      .exec();
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

  async update(id: string, expectedRevision: number, changes: ResponseChanges, options: WriteOptions = {}): Promise<StoredResponse | null> {
    const doc = await this.transaction(async (session) => {
      // Read first, so that a refused update takes no point of the sequence.
      const current = await this.model
        .findOne({ _id: { $eq: id }, revision: expectedRevision })
        .select({ surveyId: 1, submittedSeq: 1 })
        .session(session)
        .lean<Pick<ResponseDocument, "surveyId" | "submittedSeq">>()
        .exec();
      if (!current) return null;
      const seq = await takeSequence(this.models.sequences, current.surveyId, session);
      const submittedSeq = current.submittedSeq ?? (changes.status === "submitted" ? seq : null);
      const updated = await this.model
        .findOneAndUpdate(
          { _id: { $eq: id }, revision: expectedRevision },
          { ...withFoldDelta({ ...pickChanges(changes), changeSeq: seq, submittedSeq }, changes), $inc: { revision: 1 } },
          { returnDocument: "after", session },
        )
        .lean<ResponseDocument>()
        .exec();
      if (updated && options.audit) await this.models.audit.write(options.audit, session);
      return updated;
    });
    return doc ? fromDocument(doc) : null;
  }

  async *stream(filter: ResponseFilter, options: StreamOptions = {}): AsyncIterable<StoredResponse> {
    // The creation point of the change sequence, not the clock: insertion order, whatever the
    // clocks of the instances that wrote.
    const cursor = this.model
      .find(toQuery(filter), options.withFoldDeltas ? {} : { foldDelta: 0, foldDeltaStamp: 0 })
      .sort({ createdSeq: 1 })
      .lean<ResponseDocument[]>()
      .cursor({ batchSize: 500 });
    for await (const doc of cursor) yield fromDocument(doc as unknown as ResponseDocument);
  }

  async *streamAnswerPages(filter: ResponseFilter, options: AnswerPageOptions = {}): AsyncIterable<AnswersOfVersion[]> {
    // A store writes an encoding only with the version it was made for: its stamp alone tells.
    const stamps = new Set(options.deltaStamps?.values());
    // Both sent and the delta taken here: the answers are still decoded from BSON, which a
    // projection choosing one of the two on the server would spare.
    const cursor = this.model
      .find(toQuery(filter), { _id: 0, version: 1, answers: 1, foldDelta: 1, foldDeltaStamp: 1 })
      .sort({ createdSeq: 1 })
      .lean<Pick<ResponseDocument, "version" | "answers" | "foldDelta" | "foldDeltaStamp">[]>()
      .cursor({ batchSize: STREAM_PAGE });
    let page: AnswersOfVersion[] = [];
    for await (const doc of cursor) {
      const delta = doc.foldDeltaStamp !== undefined && stamps.has(doc.foldDeltaStamp) ? bytesOf(doc.foldDelta) : undefined;
      page.push(delta ? { version: doc.version, delta } : { version: doc.version, answers: doc.answers });
      if (page.length === STREAM_PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  async writeFoldDeltas(encodings: readonly FoldDeltaWrite[]): Promise<number> {
    let written = 0;
    for (const { id, revision, foldDelta } of encodings) {
      const current = await this.model
        .findOne({ _id: { $eq: id }, revision })
        .select({ version: 1, answers: 1 })
        .lean<Pick<ResponseDocument, "version" | "answers">>()
        .exec();
      const fields = current ? foldDeltaFields(foldDelta, current) : {};
      if (!fields.foldDelta) continue;
      // Still at the revision read: an edit in between wins, and carries its own encoding.
      const result = await this.model.updateOne({ _id: { $eq: id }, revision }, { $set: fields }).exec();
      written += result.modifiedCount;
    }
    return written;
  }

  async changeSequence(surveyId: string): Promise<number> {
    return currentSequence(this.models.sequences, surveyId);
  }

  async planSlices(_filter: ResponseFilter, count: number): Promise<ResponseSlice[]> {
    // Ids are random UUIDs: ranges of their first digits split any filter's responses evenly (see toQuery).
    return Array.from({ length: count }, (_, index) => ({ index, count }));
  }

  async count(filter: ResponseFilter): Promise<number> {
    return this.model.countDocuments(toQuery(filter)).exec();
  }

  private transaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
    return runTransaction(this.model.db, this.models.timeoutMs, work);
  }
}

function conflictOr(error: unknown, message: string): unknown {
  return isDuplicateKey(error) ? new StoreConflictError(message) : error;
}

// Field by field, so nothing outside ResponseChanges can be set whatever the object carries.
function pickChanges(changes: ResponseChanges): ResponseChanges {
  const { version, status, locale, answers, breakdown, updatedAt, submittedAt } = changes;
  return { version, status, locale, answers, breakdown, updatedAt, submittedAt };
}

function toDocument(response: StoredResponse, seq: number): ResponseDocument {
  const { id, foldDelta, ...rest } = response;
  return {
    _id: id,
    ...rest,
    createdSeq: seq,
    changeSeq: seq,
    submittedSeq: response.status === "submitted" ? seq : null,
    ...foldDeltaFields(foldDelta, response),
  };
}

// An encoding goes in only beside the version and answers it was made for.
function foldDeltaFields(
  encoded: StoredResponse["foldDelta"],
  { version, answers }: Pick<StoredResponse, "version" | "answers">,
): Pick<ResponseDocument, "foldDelta" | "foldDeltaStamp"> {
  if (!encoded || !isEncodingOf(encoded, { version, answers: JSON.stringify(answers) })) return {};
  return { foldDelta: Buffer.from(encoded.bytes), foldDeltaStamp: encoded.stamp };
}

// The update's $set, and the encoding set beside the new answers or removed with the old ones.
function withFoldDelta(set: Record<string, unknown>, changes: ResponseChanges): { $set: Record<string, unknown>; $unset?: Record<string, ""> } {
  const fields = foldDeltaFields(changes.foldDelta, changes);
  if (fields.foldDelta) return { $set: { ...set, ...fields } };
  return { $set: set, $unset: { foldDelta: "", foldDeltaStamp: "" } };
}

// The driver reads binary data back as a BSON Binary (its bytes, then how many are used), or a
// Buffer through mongoose.
function bytesOf(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (!value || typeof value !== "object") return undefined;
  const { buffer, position } = value as { buffer?: unknown; position?: unknown };
  if (!(buffer instanceof Uint8Array)) return undefined;
  return typeof position === "number" ? buffer.subarray(0, position) : buffer;
}

const CHANGE_OPERATORS: Record<keyof ChangeBounds, [field: "changeSeq" | "submittedSeq", operator: "$gt" | "$lte"]> = {
  after: ["changeSeq", "$gt"],
  upTo: ["changeSeq", "$lte"],
  submittedAfter: ["submittedSeq", "$gt"],
  submittedUpTo: ["submittedSeq", "$lte"],
};

// Responses a page of `streamAnswerPages` holds: one batch of the cursor.
const STREAM_PAGE = 500;

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
  for (const [bound, value] of Object.entries(filter.changes ?? {}) as [keyof ChangeBounds, number | undefined][]) {
    if (value === undefined) continue;
    const [field, operator] = CHANGE_OPERATORS[bound];
    // $gt and $lte on a number never match null: a draft has no submission point.
    query[field] = { ...(query[field] as object | undefined), [operator]: value };
  }
  if (filter.ids) query._id = { $in: [...filter.ids] };
  if (filter.slice) {
    // Ids are random UUIDs: ranges of their first hexadecimal digits split them evenly.
    const bound = (index: number) => Math.floor((index * 16) / filter.slice!.count).toString(16);
    const range: Record<string, string> = { $gte: bound(filter.slice.index) };
    if (filter.slice.index + 1 < filter.slice.count) range.$lt = bound(filter.slice.index + 1);
    query._id = { ...(query._id as object | undefined), ...range };
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
    ...(doc.foldDeltaStamp !== undefined && bytesOf(doc.foldDelta)
      ? { foldDelta: { stamp: doc.foldDeltaStamp, bytes: bytesOf(doc.foldDelta) as Uint8Array } }
      : {}),
  };
}
