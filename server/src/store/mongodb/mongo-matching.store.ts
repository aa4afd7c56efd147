import { Schema, type ClientSession, type Connection } from "mongoose";
import type { MatchWeights } from "@passerelle/shared";
import { StoreConflictError, type WriteOptions } from "../store.port";
import type { MatchingStore, StoredCapacity, StoredIntroduction, StoredMatchWeights, StoredPairDecision } from "../matching-store.port";
import type { MongoAuditStore } from "./mongo-access.store";
import { isDuplicateKey } from "./mongo-errors";
import { runTransaction } from "./mongo-transaction";

interface IntroductionDocument extends Omit<StoredIntroduction, "id"> {
  _id: string;
}

// Notes and history are arrays of plain sub-documents; `_id: false` keeps them as written.
const stepSchema = new Schema({ state: String, at: String, by: String, reason: { type: String, default: null } }, { _id: false });
const noteSchema = new Schema({ at: String, by: String, text: String }, { _id: false });
const introductionSchema = new Schema<IntroductionDocument>(
  {
    _id: { type: String, required: true },
    lebaneseId: { type: String, required: true },
    frenchId: { type: String, required: true },
    lebaneseName: { type: String, default: "" },
    frenchName: { type: String, default: "" },
    governorate: { type: String, default: null },
    themes: { type: [String], default: [] },
    state: { type: String, required: true },
    reason: { type: String, default: null },
    owner: { type: String, default: null },
    nextStepOn: { type: String, default: null },
    notes: { type: [noteSchema], default: [] },
    history: { type: [stepSchema], default: [] },
    lebaneseSeenAt: { type: Date, required: true },
    frenchSeenAt: { type: Date, required: true },
    revision: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
introductionSchema.index({ lebaneseId: 1, frenchId: 1 }, { unique: true });
introductionSchema.index({ createdAt: 1, _id: 1 });

interface DecisionDocument extends StoredPairDecision {
  _id: string;
}
const decisionSchema = new Schema<DecisionDocument>(
  {
    _id: { type: String, required: true },
    lebaneseId: { type: String, required: true },
    frenchId: { type: String, required: true },
    decision: { type: String, required: true },
    reason: { type: String, default: null },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);

interface CapacityDocument extends Omit<StoredCapacity, "lebaneseId"> {
  _id: string;
}
const capacitySchema = new Schema<CapacityDocument>(
  {
    _id: { type: String, required: true },
    capacity: { type: Number, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);

interface WeightsDocument {
  _id: number;
  weights: string;
  savedAt: Date;
  savedBy: string;
}
const weightsSchema = new Schema<WeightsDocument>(
  {
    _id: { type: Number, required: true },
    weights: { type: String, required: true },
    savedAt: { type: Date, required: true },
    savedBy: { type: String, required: true },
  },
  { versionKey: false, strict: "throw" },
);

export function createMatchingModels(connection: Connection) {
  return {
    introductions: connection.model("MatchingIntroduction", introductionSchema, "matching_introductions"),
    decisions: connection.model("MatchingDecision", decisionSchema, "matching_decisions"),
    capacities: connection.model("MatchingCapacity", capacitySchema, "matching_capacities"),
    weights: connection.model("MatchingWeights", weightsSchema, "matching_weights"),
  };
}
type MatchingModels = ReturnType<typeof createMatchingModels>;

/** A decision is keyed by its pair: one per pair, replaced by an upsert. */
function pairKey(lebaneseId: string, frenchId: string): string {
  return JSON.stringify([lebaneseId, frenchId]);
}

export class MongoMatchingStore implements MatchingStore {
  constructor(
    private readonly models: MatchingModels,
    private readonly audit: MongoAuditStore,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Runs `write` and stores its audit entry in one transaction (a write without an entry needs
   * none); `wrote` says whether the write changed anything, so a refused one leaves no entry.
   */
  private async audited<T>(options: WriteOptions, write: (session?: ClientSession) => Promise<T>, wrote: (result: T) => boolean = () => true): Promise<T> {
    const entry = options.audit;
    if (!entry) return write();
    return runTransaction(this.models.introductions.db, this.timeoutMs, async (session) => {
      const result = await write(session);
      if (wrote(result)) await this.audit.write(entry, session);
      return result;
    });
  }

  async insertIntroduction(introduction: StoredIntroduction, options: WriteOptions = {}): Promise<void> {
    const { id, ...rest } = introduction;
    try {
      await this.audited(options, (session) => this.models.introductions.create([{ _id: id, ...rest }], { session }));
    } catch (error) {
      if (isDuplicateKey(error)) throw new StoreConflictError("this pair already has an introduction");
      throw error;
    }
  }

  async findIntroduction(id: string): Promise<StoredIntroduction | null> {
    return introductionOf(
      await this.models.introductions
        .findOne({ _id: { $eq: id } })
        .lean<IntroductionDocument>()
        .exec(),
    );
  }

  async listIntroductions(): Promise<StoredIntroduction[]> {
    const docs = await this.models.introductions.find({}).sort({ createdAt: 1, _id: 1 }).lean<IntroductionDocument[]>().exec();
    return docs.map((doc) => introductionOf(doc) as StoredIntroduction);
  }

  async replaceIntroduction(next: StoredIntroduction, expectedRevision: number, options: WriteOptions = {}): Promise<StoredIntroduction | null> {
    const { id, ...rest } = next;
    // The revision in the filter makes the check and the write one atomic step.
    const doc = await this.audited(
      options,
      (session) =>
        this.models.introductions
          .findOneAndReplace({ _id: { $eq: id }, revision: { $eq: expectedRevision } }, { _id: id, ...rest }, { returnDocument: "after", session })
          .lean<IntroductionDocument>()
          .exec(),
      (written) => written !== null,
    );
    return introductionOf(doc);
  }

  async setDecision(decision: StoredPairDecision, options: WriteOptions = {}): Promise<void> {
    const _id = pairKey(decision.lebaneseId, decision.frenchId);
    await this.audited(options, (session) => this.models.decisions.replaceOne({ _id: { $eq: _id } }, { _id, ...decision }, { upsert: true, session }).exec());
  }

  async clearDecision(lebaneseId: string, frenchId: string, options: WriteOptions = {}): Promise<void> {
    await this.audited(options, (session) => this.models.decisions.deleteOne({ _id: { $eq: pairKey(lebaneseId, frenchId) } }, { session }).exec());
  }

  async listDecisions(): Promise<StoredPairDecision[]> {
    const docs = await this.models.decisions.find({}).sort({ at: 1 }).lean<DecisionDocument[]>().exec();
    return docs.map(({ _id, ...decision }) => ({ ...decision, reason: decision.reason ?? null }));
  }

  async setCapacity(capacity: StoredCapacity, options: WriteOptions = {}): Promise<void> {
    const { lebaneseId, ...rest } = capacity;
    await this.audited(options, (session) =>
      this.models.capacities.replaceOne({ _id: { $eq: lebaneseId } }, { _id: lebaneseId, ...rest }, { upsert: true, session }).exec(),
    );
  }

  async clearCapacity(lebaneseId: string, options: WriteOptions = {}): Promise<void> {
    await this.audited(options, (session) => this.models.capacities.deleteOne({ _id: { $eq: lebaneseId } }, { session }).exec());
  }

  async listCapacities(): Promise<StoredCapacity[]> {
    const docs = await this.models.capacities.find({}).lean<CapacityDocument[]>().exec();
    return docs.map(({ _id, ...rest }) => ({ lebaneseId: _id, ...rest }));
  }

  async saveWeights(weights: StoredMatchWeights, options: WriteOptions = {}): Promise<void> {
    try {
      await this.audited(options, (session) =>
        this.models.weights.create([{ _id: weights.version, weights: JSON.stringify(weights.weights), savedAt: weights.savedAt, savedBy: weights.savedBy }], {
          session,
        }),
      );
    } catch (error) {
      if (isDuplicateKey(error)) throw new StoreConflictError("this version of the weights exists");
      throw error;
    }
  }

  async latestWeights(): Promise<StoredMatchWeights | null> {
    const doc = await this.models.weights.findOne({}).sort({ _id: -1 }).lean<WeightsDocument>().exec();
    return doc ? { version: doc._id, weights: JSON.parse(doc.weights) as MatchWeights, savedAt: doc.savedAt, savedBy: doc.savedBy } : null;
  }
}

function introductionOf(doc: IntroductionDocument | null): StoredIntroduction | null {
  if (!doc) return null;
  const { _id, ...rest } = doc;
  return {
    id: _id,
    ...rest,
    governorate: rest.governorate ?? null,
    reason: rest.reason ?? null,
    owner: rest.owner ?? null,
    nextStepOn: rest.nextStepOn ?? null,
    history: rest.history.map((step) => ({ ...step, reason: step.reason ?? null })),
  };
}
