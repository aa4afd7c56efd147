import { Schema, type Connection } from "mongoose";
import type { Locale } from "@passerelle/shared";
import { StoreConflictError, type InvitationChanges, type InvitationStore, type StoredInvitation, type WriteOptions } from "../store.port";
import type { MongoAuditStore } from "./mongo-access.store";
import { isDuplicateKey } from "./mongo-errors";
import { runTransaction } from "./mongo-transaction";

interface InvitationDocument extends Omit<StoredInvitation, "id"> {
  _id: string;
  /**
   * Position in the import that created it. An import's invitations share one instant and ids
   * are random, so without it they would list in no useful order instead of the file's.
   */
  importOrder: number;
}

const invitationSchema = new Schema<InvitationDocument>(
  {
    _id: { type: String, required: true },
    surveyId: { type: String, required: true },
    authorityKey: { type: String, required: true },
    authorityName: { type: String, required: true },
    authorityKind: { type: String, required: true },
    governorate: { type: String, required: true },
    district: { type: String, required: true },
    email: { type: String, required: true },
    locale: { type: String, default: null },
    tokenHash: { type: String, required: true, unique: true },
    revokedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    importOrder: { type: Number, required: true },
  },
  { versionKey: false, strict: "throw" },
);
invitationSchema.index({ surveyId: 1, authorityKey: 1 }, { unique: true });
invitationSchema.index({ surveyId: 1, createdAt: 1, importOrder: 1, _id: 1 });

export function createInvitationModel(connection: Connection) {
  return connection.model("Invitation", invitationSchema, "invitations");
}
type InvitationModel = ReturnType<typeof createInvitationModel>;

export class MongoInvitationStore implements InvitationStore {
  constructor(
    private readonly model: InvitationModel,
    private readonly audit: MongoAuditStore,
    private readonly timeoutMs: number,
  ) {}

  async saveImport(
    created: readonly StoredInvitation[],
    updated: readonly { id: string; changes: InvitationChanges }[],
    options: WriteOptions = {},
  ): Promise<void> {
    try {
      // A transaction keeps "all or none" (it needs a replica set, as production MongoDB is); a
      // duplicate key aborts it, and is not retried. An id in `updated` that is not there
      // changes nothing: invitations are never deleted.
      await runTransaction(this.model.db, this.timeoutMs, async (session) => {
        if (created.length > 0) {
          await this.model.insertMany(
            created.map((invitation, index) => toDocument(invitation, index)),
            { session, ordered: true },
          );
        }
        if (updated.length > 0) {
          await this.model.bulkWrite(
            updated.map(({ id, changes }) => ({ updateOne: { filter: { _id: { $eq: id } }, update: { $set: toSet(changes) } } })),
            { session, ordered: true },
          );
        }
        if (options.audit) await this.audit.write(options.audit, session);
      });
    } catch (error) {
      throw conflictOr(error);
    }
  }

  async findById(id: string): Promise<StoredInvitation | null> {
    return invitationOf(
      await this.model
        .findOne({ _id: { $eq: id } })
        .lean<InvitationDocument>()
        .exec(),
    );
  }

  async findByTokenHash(tokenHash: string): Promise<StoredInvitation | null> {
    return invitationOf(
      await this.model
        .findOne({ tokenHash: { $eq: tokenHash } })
        .lean<InvitationDocument>()
        .exec(),
    );
  }

  async listForSurvey(surveyId: string): Promise<StoredInvitation[]> {
    const docs = await this.model
      .find({ surveyId: { $eq: surveyId } })
      .sort({ createdAt: 1, importOrder: 1, _id: 1 })
      .lean<InvitationDocument[]>()
      .exec();
    return docs.map((doc) => invitationOf(doc) as StoredInvitation);
  }

  async update(id: string, changes: InvitationChanges, options: WriteOptions = {}): Promise<StoredInvitation | null> {
    try {
      const doc = await runTransaction(this.model.db, this.timeoutMs, async (session) => {
        const written = await this.model
          .findOneAndUpdate({ _id: { $eq: id } }, { $set: toSet(changes) }, { returnDocument: "after", session })
          .lean<InvitationDocument>()
          .exec();
        if (written && options.audit) await this.audit.write(options.audit, session);
        return written;
      });
      return invitationOf(doc);
    } catch (error) {
      throw conflictOr(error);
    }
  }
}

/**
 * The `$set` of a change, field by field: a change left undefined keeps the current value, and
 * nothing outside InvitationChanges can be changed, whatever else the object passed in carries.
 */
function toSet(changes: InvitationChanges): Partial<InvitationDocument> {
  const set: Partial<InvitationDocument> = { updatedAt: changes.updatedAt };
  if (changes.authorityName !== undefined) set.authorityName = changes.authorityName;
  if (changes.authorityKind !== undefined) set.authorityKind = changes.authorityKind;
  if (changes.governorate !== undefined) set.governorate = changes.governorate;
  if (changes.district !== undefined) set.district = changes.district;
  if (changes.email !== undefined) set.email = changes.email;
  if (changes.locale !== undefined) set.locale = changes.locale;
  if (changes.tokenHash !== undefined) set.tokenHash = changes.tokenHash;
  if (changes.revokedAt !== undefined) set.revokedAt = changes.revokedAt;
  return set;
}

function conflictOr(error: unknown): unknown {
  if (!isDuplicateKey(error)) return error;
  return new StoreConflictError("an invitation with this id, token or authority already exists");
}

function toDocument(invitation: StoredInvitation, importOrder: number): InvitationDocument {
  const { id, ...rest } = invitation;
  return { _id: id, ...rest, importOrder };
}

function invitationOf(doc: InvitationDocument | null): StoredInvitation | null {
  if (!doc) return null;
  const { _id, importOrder: _importOrder, locale, revokedAt, ...rest } = doc;
  return { id: _id, ...rest, locale: (locale ?? null) as Locale | null, revokedAt: revokedAt ?? null };
}
