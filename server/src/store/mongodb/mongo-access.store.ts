import { Schema, Types, type ClientSession, type Connection } from "mongoose";
import type { Role } from "@passerelle/shared";
import {
  StoreConflictError,
  type AccountChanges,
  type AccountStore,
  type AuditEvent,
  type AuditStore,
  type SessionStore,
  type StoredAccount,
  type StoredAuditEvent,
  type StoredSession,
  type WriteOptions,
} from "../store.port";
import { isDuplicateKey } from "./mongo-errors";
import { runTransaction } from "./mongo-transaction";

interface AccountDocument {
  _id: string;
  email: string;
  role: Role;
  passwordHash: string;
  disabledAt?: Date | null;
  mustChangePassword?: boolean;
  lastSignInAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const accountSchema = new Schema<AccountDocument>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true, unique: true },
    role: { type: String, required: true, enum: ["admin", "analyst", "viewer"] },
    passwordHash: { type: String, required: true },
    disabledAt: { type: Date, default: null },
    mustChangePassword: { type: Boolean, default: false },
    lastSignInAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);

interface SessionDocument {
  _id: string;
  accountId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

const sessionSchema = new Schema<SessionDocument>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true, index: true },
    csrfToken: { type: String, required: true },
    createdAt: { type: Date, required: true },
    // MongoDB removes expired sessions itself.
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { versionKey: false, strict: "throw" },
);

interface AuditDocument {
  _id: Types.ObjectId;
  at: Date;
  actor: string;
  action: string;
  target: string;
  details: string;
}

const auditSchema = new Schema<AuditDocument>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    target: { type: String, required: true },
    // JSON text: details carry filter names chosen by users, never used as MongoDB keys.
    details: { type: String, required: true },
  },
  { versionKey: false, strict: "throw" },
);

export function createAccessModels(connection: Connection) {
  return {
    accounts: connection.model("Account", accountSchema, "accounts"),
    sessions: connection.model("Session", sessionSchema, "sessions"),
    audit: connection.model("AuditEvent", auditSchema, "audit_events"),
  };
}
type AccessModels = ReturnType<typeof createAccessModels>;

export class MongoAccountStore implements AccountStore {
  constructor(
    private readonly model: AccessModels["accounts"],
    private readonly audit: MongoAuditStore,
    private readonly timeoutMs: number,
  ) {}

  async insert(account: StoredAccount, options: WriteOptions = {}): Promise<void> {
    try {
      await this.audited(options, async (session) => {
        await this.model.create([{ _id: account.id, ...withoutId(account) }], session ? { session } : {});
        return true;
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw new StoreConflictError(`an account already has the e-mail ${account.email}`);
      throw error;
    }
  }

  async findById(id: string): Promise<StoredAccount | null> {
    return accountOf(await this.model.findById(id).lean<AccountDocument>().exec());
  }

  async findByEmail(email: string): Promise<StoredAccount | null> {
    return accountOf(
      await this.model
        .findOne({ email: { $eq: email } })
        .lean<AccountDocument>()
        .exec(),
    );
  }

  async update(id: string, changes: AccountChanges, options: WriteOptions = {}): Promise<StoredAccount | null> {
    const set: Partial<AccountDocument> = { updatedAt: changes.updatedAt };
    if (changes.role) set.role = changes.role;
    if (changes.passwordHash) set.passwordHash = changes.passwordHash;
    if (changes.disabledAt !== undefined) set.disabledAt = changes.disabledAt;
    if (changes.mustChangePassword !== undefined) set.mustChangePassword = changes.mustChangePassword;
    if (changes.lastSignInAt !== undefined) set.lastSignInAt = changes.lastSignInAt;
    let written: AccountDocument | null = null;
    await this.audited(options, async (session) => {
      written = await this.model
        .findOneAndUpdate({ _id: { $eq: id } }, { $set: set }, { returnDocument: "after", ...(session ? { session } : {}) })
        .lean<AccountDocument>()
        .exec();
      return written !== null;
    });
    return accountOf(written);
  }

  async deleteNeverSignedIn(id: string, options: WriteOptions = {}): Promise<boolean> {
    // `null` also matches an account written before the field existed, which kept no record of
    // its sign-ins: it counts as never signed in (docs/operations.md says so).
    return this.audited(options, async (session) => {
      const result = await this.model.deleteOne({ _id: { $eq: id }, lastSignInAt: null }, session ? { session } : {}).exec();
      return result.deletedCount === 1;
    });
  }

  async list(): Promise<StoredAccount[]> {
    const docs = await this.model.find().sort({ email: 1 }).lean<AccountDocument[]>().exec();
    return docs.map((doc) => accountOf(doc) as StoredAccount);
  }

  /**
   * Runs a write that returns whether it changed something; with an audit entry, in one
   * transaction with the entry, written only when it did. Without one, a plain single-document write.
   */
  private async audited(options: WriteOptions, write: (session?: ClientSession) => Promise<boolean>): Promise<boolean> {
    const entry = options.audit;
    if (!entry) return write();
    return runTransaction(this.model.db, this.timeoutMs, async (session) => {
      const isWritten = await write(session);
      if (isWritten) await this.audit.write(entry, session);
      return isWritten;
    });
  }
}

function withoutId(account: StoredAccount): Omit<AccountDocument, "_id"> {
  const { id: _id, ...rest } = account;
  return rest;
}

function accountOf(doc: AccountDocument | null): StoredAccount | null {
  if (!doc) return null;
  const { _id, disabledAt, mustChangePassword, lastSignInAt, ...rest } = doc;
  return { id: _id, ...rest, disabledAt: disabledAt ?? null, mustChangePassword: mustChangePassword ?? false, lastSignInAt: lastSignInAt ?? null };
}

export class MongoSessionStore implements SessionStore {
  constructor(private readonly model: AccessModels["sessions"]) {}

  async insert(session: StoredSession): Promise<void> {
    const { idHash, ...rest } = session;
    await this.model.create([{ _id: idHash, ...rest }]);
  }

  async find(idHash: string, now: Date): Promise<StoredSession | null> {
    // The TTL monitor runs once a minute: an expired session may still be there.
    const doc = await this.model
      .findOne({ _id: { $eq: idHash }, expiresAt: { $gt: now } })
      .lean<SessionDocument>()
      .exec();
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return { idHash: _id, ...rest };
  }

  async delete(idHash: string): Promise<void> {
    await this.model.deleteOne({ _id: { $eq: idHash } }).exec();
  }

  async deleteForAccount(accountId: string, keepIdHash?: string): Promise<void> {
    await this.model.deleteMany({ accountId: { $eq: accountId }, _id: { $ne: keepIdHash ?? "" } }).exec();
  }
}

export class MongoAuditStore implements AuditStore {
  constructor(private readonly model: AccessModels["audit"]) {}

  async append(event: AuditEvent): Promise<void> {
    await this.write(event);
  }

  /** Appends within another store's transaction, so a change and its entry commit together. */
  async write(event: AuditEvent, session?: ClientSession): Promise<void> {
    await this.model.create([{ ...event, details: JSON.stringify(event.details) }], session ? { session } : {});
  }

  async list(options: { limit: number; before?: string }): Promise<StoredAuditEvent[]> {
    const filter = options.before && Types.ObjectId.isValid(options.before) ? { _id: { $lt: new Types.ObjectId(options.before) } } : {};
    const docs = await this.model.find(filter).sort({ _id: -1 }).limit(options.limit).lean<AuditDocument[]>().exec();
    return docs.map(({ _id, details, ...rest }) => ({ id: _id.toHexString(), ...rest, details: JSON.parse(details) as Record<string, unknown> }));
  }
}
