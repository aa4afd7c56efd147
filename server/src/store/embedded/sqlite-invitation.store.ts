import type Database from "better-sqlite3";
import type { Locale } from "@passerelle/shared";
import { StoreConflictError, type InvitationChanges, type InvitationStore, type StoredInvitation, type WriteOptions } from "../store.port";
import type { SqliteAuditStore } from "./sqlite-access.store";

/**
 * Invitations, and the link from a response to the invitation it answers. The partial indexes
 * cover only invited responses, so public-link responses cost them nothing.
 */
export const INVITATION_MIGRATION = `
  ALTER TABLE responses ADD COLUMN invitation_id TEXT;
  CREATE UNIQUE INDEX responses_invitation ON responses (invitation_id) WHERE invitation_id IS NOT NULL;
  CREATE INDEX responses_survey_invitation ON responses (survey_id, invitation_id) WHERE invitation_id IS NOT NULL;
  CREATE TABLE invitations (
    id              TEXT PRIMARY KEY,
    survey_id       TEXT NOT NULL,
    authority_key   TEXT NOT NULL,
    authority_name  TEXT NOT NULL,
    authority_kind  TEXT NOT NULL,
    governorate     TEXT NOT NULL,
    district        TEXT NOT NULL,
    email           TEXT NOT NULL,
    locale          TEXT,
    token_hash      TEXT NOT NULL,
    revoked_at      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX invitations_token_hash ON invitations (token_hash);
  CREATE UNIQUE INDEX invitations_survey_authority ON invitations (survey_id, authority_key);
  -- Ends with the rowid, so it also serves listing's "ORDER BY created_at, rowid" without a sort.
  CREATE INDEX invitations_survey_created ON invitations (survey_id, created_at);`;

interface InvitationRow {
  id: string;
  survey_id: string;
  authority_key: string;
  authority_name: string;
  authority_kind: string;
  governorate: string;
  district: string;
  email: string;
  locale: string | null;
  token_hash: string;
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS =
  "id, survey_id, authority_key, authority_name, authority_kind, governorate, district, email, locale, token_hash, revoked_at, created_at, updated_at";

// Statements prepared once: an invitation is looked up by its token on every invited request.
export class SqliteInvitationStore implements InvitationStore {
  private readonly insertStatement: Database.Statement<[InvitationRow]>;
  private readonly findByIdStatement: Database.Statement<[string], InvitationRow>;
  private readonly findByTokenHashStatement: Database.Statement<[string], InvitationRow>;
  private readonly listStatement: Database.Statement<[string], InvitationRow>;
  private readonly updateStatement: Database.Statement<[InvitationRow]>;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: SqliteAuditStore,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO invitations (${COLUMNS})
       VALUES (@id, @survey_id, @authority_key, @authority_name, @authority_kind, @governorate, @district, @email, @locale,
               @token_hash, @revoked_at, @created_at, @updated_at)`,
    );
    this.findByIdStatement = db.prepare(`SELECT ${COLUMNS} FROM invitations WHERE id = ?`);
    this.findByTokenHashStatement = db.prepare(`SELECT ${COLUMNS} FROM invitations WHERE token_hash = ?`);
    // The rowid breaks ties: an import's invitations share one instant and keep the file's order.
    this.listStatement = db.prepare(`SELECT ${COLUMNS} FROM invitations WHERE survey_id = ? ORDER BY created_at, rowid`);
    this.updateStatement = db.prepare(
      `UPDATE invitations
          SET authority_name = @authority_name, authority_kind = @authority_kind, governorate = @governorate,
              district = @district, email = @email, locale = @locale, token_hash = @token_hash,
              revoked_at = @revoked_at, updated_at = @updated_at
        WHERE id = @id`,
    );
  }

  async saveImport(
    created: readonly StoredInvitation[],
    updated: readonly { id: string; changes: InvitationChanges }[],
    options: WriteOptions = {},
  ): Promise<void> {
    const saveAll = this.db.transaction(() => {
      for (const invitation of created) this.insertStatement.run(toRow(invitation));
      // An id that is not there changes nothing: invitations are never deleted, so the import
      // read it from this store and it can only be missing if the caller made it up.
      for (const { id, changes } of updated) this.applyChanges(id, changes);
      if (options.audit) this.audit.write(options.audit);
    });
    // IMMEDIATE: the updates read before they write, and must read what they then overwrite.
    translateConflict(() => saveAll.immediate());
  }

  async findById(id: string): Promise<StoredInvitation | null> {
    const row = this.findByIdStatement.get(id);
    return row ? fromRow(row) : null;
  }

  async findByTokenHash(tokenHash: string): Promise<StoredInvitation | null> {
    const row = this.findByTokenHashStatement.get(tokenHash);
    return row ? fromRow(row) : null;
  }

  async listForSurvey(surveyId: string): Promise<StoredInvitation[]> {
    return this.listStatement.all(surveyId).map(fromRow);
  }

  async update(id: string, changes: InvitationChanges, options: WriteOptions = {}): Promise<StoredInvitation | null> {
    const updateOne = this.db.transaction(() => {
      const written = this.applyChanges(id, changes);
      if (written && options.audit) this.audit.write(options.audit);
      return written;
    });
    return translateConflict(() => updateOne.immediate());
  }

  // Read, merge, write: `locale` and `revokedAt` may be set to null, which a COALESCE in SQL
  // could not tell apart from "unchanged". Runs inside the caller's transaction.
  private applyChanges(id: string, changes: InvitationChanges): StoredInvitation | null {
    const row = this.findByIdStatement.get(id);
    if (!row) return null;
    const written = withChanges(fromRow(row), changes);
    this.updateStatement.run(toRow(written));
    return written;
  }
}

/**
 * The invitation with the changes given, field by field: a change left undefined keeps the
 * current value, and nothing outside InvitationChanges (id, questionnaire, authority key, creation
 * date) can be changed, whatever else the object passed in carries.
 */
function withChanges(invitation: StoredInvitation, changes: InvitationChanges): StoredInvitation {
  return {
    ...invitation,
    authorityName: changes.authorityName ?? invitation.authorityName,
    authorityKind: changes.authorityKind ?? invitation.authorityKind,
    governorate: changes.governorate ?? invitation.governorate,
    district: changes.district ?? invitation.district,
    email: changes.email ?? invitation.email,
    locale: changes.locale === undefined ? invitation.locale : changes.locale,
    tokenHash: changes.tokenHash ?? invitation.tokenHash,
    revokedAt: changes.revokedAt === undefined ? invitation.revokedAt : changes.revokedAt,
    updatedAt: changes.updatedAt,
  };
}

function translateConflict<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    // Uniqueness only: a NOT NULL violation is a bug to surface, not a conflict to report.
    const { code } = error as { code?: string };
    if (code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE") {
      throw new StoreConflictError("an invitation with this id, token or authority already exists");
    }
    throw error;
  }
}

function toRow(invitation: StoredInvitation): InvitationRow {
  return {
    id: invitation.id,
    survey_id: invitation.surveyId,
    authority_key: invitation.authorityKey,
    authority_name: invitation.authorityName,
    authority_kind: invitation.authorityKind,
    governorate: invitation.governorate,
    district: invitation.district,
    email: invitation.email,
    locale: invitation.locale,
    token_hash: invitation.tokenHash,
    revoked_at: invitation.revokedAt?.toISOString() ?? null,
    created_at: invitation.createdAt.toISOString(),
    updated_at: invitation.updatedAt.toISOString(),
  };
}

function fromRow(row: InvitationRow): StoredInvitation {
  return {
    id: row.id,
    surveyId: row.survey_id,
    authorityKey: row.authority_key,
    authorityName: row.authority_name,
    authorityKind: row.authority_kind,
    governorate: row.governorate,
    district: row.district,
    email: row.email,
    locale: row.locale as Locale | null,
    tokenHash: row.token_hash,
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
