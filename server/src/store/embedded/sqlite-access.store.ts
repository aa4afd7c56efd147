import type Database from "better-sqlite3";
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

export const ACCESS_MIGRATION = `
  CREATE TABLE accounts (
    id             TEXT PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
    password_hash  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
  ) STRICT;
  CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id),
    csrf_token  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sessions_account ON sessions (account_id);
  CREATE TABLE audit_events (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    details  TEXT NOT NULL
  ) STRICT;
  -- Append-only: the trail cannot be rewritten, even by code that holds the file.
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
  CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;`;

/**
 * Accounts that can be disabled, given a temporary password, and deleted while never used.
 * Accounts that signed in before this migration did so on the audit trail's word.
 */
export const ACCOUNT_LIFECYCLE_MIGRATION = `
  ALTER TABLE accounts ADD COLUMN disabled_at TEXT;
  ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
  ALTER TABLE accounts ADD COLUMN last_sign_in_at TEXT;
  UPDATE accounts SET last_sign_in_at =
    (SELECT MAX(at) FROM audit_events WHERE action = 'sign_in' AND audit_events.target = accounts.email);`;

interface AccountRow {
  id: string;
  email: string;
  role: string;
  password_hash: string;
  disabled_at: string | null;
  must_change_password: number;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

// Statements prepared once: the session and its account are read on every staff request.
export class SqliteAccountStore implements AccountStore {
  private readonly insertStatement: Database.Statement<[AccountRow]>;
  private readonly findByIdStatement: Database.Statement<[string], AccountRow>;
  private readonly findByEmailStatement: Database.Statement<[string], AccountRow>;
  private readonly updateStatement: Database.Statement<[AccountRow], AccountRow>;
  private readonly listStatement: Database.Statement<[], AccountRow>;
  private readonly deleteNeverSignedInStatement: Database.Statement<[string]>;
  private readonly insertTransaction: (account: StoredAccount, options: WriteOptions) => void;
  private readonly updateTransaction: (id: string, changes: AccountChanges, options: WriteOptions) => AccountRow | undefined;
  private readonly deleteTransaction: (id: string, options: WriteOptions) => boolean;

  // Each write and the audit entry recording it commit together (the audit store's synchronous `write`).
  constructor(db: Database.Database, audit: SqliteAuditStore) {
    this.insertStatement = db.prepare(
      `INSERT INTO accounts (id, email, role, password_hash, disabled_at, must_change_password, last_sign_in_at, created_at, updated_at)
       VALUES (@id, @email, @role, @password_hash, @disabled_at, @must_change_password, @last_sign_in_at, @created_at, @updated_at)`,
    );
    this.findByIdStatement = db.prepare("SELECT * FROM accounts WHERE id = ?");
    this.findByEmailStatement = db.prepare("SELECT * FROM accounts WHERE email = ?");
    this.updateStatement = db.prepare(
      `UPDATE accounts SET role = @role, password_hash = @password_hash, disabled_at = @disabled_at,
         must_change_password = @must_change_password, last_sign_in_at = @last_sign_in_at, updated_at = @updated_at
       WHERE id = @id RETURNING *`,
    );
    this.listStatement = db.prepare("SELECT * FROM accounts ORDER BY email");
    this.deleteNeverSignedInStatement = db.prepare("DELETE FROM accounts WHERE id = ? AND last_sign_in_at IS NULL");
    // Read and write in one transaction: a change of some fields keeps the others as they are.
    this.insertTransaction = db.transaction((account: StoredAccount, options: WriteOptions) => {
      this.insertStatement.run(toRow(account));
      if (options.audit) audit.write(options.audit);
    });
    this.updateTransaction = db.transaction((id: string, changes: AccountChanges, options: WriteOptions) => {
      const current = this.findByIdStatement.get(id);
      const written = current ? this.updateStatement.get(toRow({ ...fromRow(current), ...changes })) : undefined;
      if (written && options.audit) audit.write(options.audit);
      return written;
    });
    this.deleteTransaction = db.transaction((id: string, options: WriteOptions) => {
      const isDeleted = this.deleteNeverSignedInStatement.run(id).changes === 1;
      if (isDeleted && options.audit) audit.write(options.audit);
      return isDeleted;
    });
  }

  async insert(account: StoredAccount, options: WriteOptions = {}): Promise<void> {
    try {
      this.insertTransaction(account, options);
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith("SQLITE_CONSTRAINT"))
        throw new StoreConflictError(`an account already has the e-mail ${account.email}`);
      throw error;
    }
  }

  async findById(id: string): Promise<StoredAccount | null> {
    const row = this.findByIdStatement.get(id);
    return row ? fromRow(row) : null;
  }

  async findByEmail(email: string): Promise<StoredAccount | null> {
    const row = this.findByEmailStatement.get(email);
    return row ? fromRow(row) : null;
  }

  async update(id: string, changes: AccountChanges, options: WriteOptions = {}): Promise<StoredAccount | null> {
    const row = this.updateTransaction(id, changes, options);
    return row ? fromRow(row) : null;
  }

  async list(): Promise<StoredAccount[]> {
    return this.listStatement.all().map(fromRow);
  }

  async deleteNeverSignedIn(id: string, options: WriteOptions = {}): Promise<boolean> {
    return this.deleteTransaction(id, options);
  }
}

function toRow(account: StoredAccount): AccountRow {
  return {
    id: account.id,
    email: account.email,
    role: account.role,
    password_hash: account.passwordHash,
    disabled_at: account.disabledAt?.toISOString() ?? null,
    must_change_password: account.mustChangePassword ? 1 : 0,
    last_sign_in_at: account.lastSignInAt?.toISOString() ?? null,
    created_at: account.createdAt.toISOString(),
    updated_at: account.updatedAt.toISOString(),
  };
}

function fromRow(row: AccountRow): StoredAccount {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    passwordHash: row.password_hash,
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at),
    mustChangePassword: row.must_change_password === 1,
    lastSignInAt: row.last_sign_in_at === null ? null : new Date(row.last_sign_in_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

interface SessionRow {
  id_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export class SqliteSessionStore implements SessionStore {
  private readonly insertStatement: Database.Statement<[string, string, string, string, string]>;
  private readonly findStatement: Database.Statement<[string, string], SessionRow>;
  private readonly deleteStatement: Database.Statement<[string]>;
  private readonly deleteForAccountStatement: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.insertStatement = db.prepare("INSERT INTO sessions (id_hash, account_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
    this.findStatement = db.prepare("SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?");
    this.deleteStatement = db.prepare("DELETE FROM sessions WHERE id_hash = ?");
    this.deleteForAccountStatement = db.prepare("DELETE FROM sessions WHERE account_id = ? AND id_hash != ?");
  }

  async insert(session: StoredSession): Promise<void> {
    this.insertStatement.run(session.idHash, session.accountId, session.csrfToken, session.createdAt.toISOString(), session.expiresAt.toISOString());
  }

  async find(idHash: string, now: Date): Promise<StoredSession | null> {
    const row = this.findStatement.get(idHash, now.toISOString());
    if (!row) return null;
    return {
      idHash: row.id_hash,
      accountId: row.account_id,
      csrfToken: row.csrf_token,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
    };
  }

  async delete(idHash: string): Promise<void> {
    this.deleteStatement.run(idHash);
  }

  async deleteForAccount(accountId: string, keepIdHash?: string): Promise<void> {
    this.deleteForAccountStatement.run(accountId, keepIdHash ?? "");
  }
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: string;
}

export class SqliteAuditStore implements AuditStore {
  private readonly appendStatement: Database.Statement<[string, string, string, string, string]>;
  private readonly listStatement: Database.Statement<[number, number], AuditRow>;

  constructor(db: Database.Database) {
    this.appendStatement = db.prepare("INSERT INTO audit_events (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)");
    this.listStatement = db.prepare("SELECT * FROM audit_events WHERE id < ? ORDER BY id DESC LIMIT ?");
  }

  async append(event: AuditEvent): Promise<void> {
    this.write(event);
  }

  /** Appends synchronously: for another store's transaction, so a change and its entry commit together. */
  write(event: AuditEvent): void {
    this.appendStatement.run(event.at.toISOString(), event.actor, event.action, event.target, JSON.stringify(event.details));
  }

  async list(options: { limit: number; before?: string }): Promise<StoredAuditEvent[]> {
    const before = options.before === undefined ? Number.MAX_SAFE_INTEGER : Number(options.before);
    const rows = this.listStatement.all(Number.isSafeInteger(before) ? before : 0, options.limit);
    return rows.map((row) => ({
      id: String(row.id),
      at: new Date(row.at),
      actor: row.actor,
      action: row.action,
      target: row.target,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }));
  }
}
