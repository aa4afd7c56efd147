import type Database from "better-sqlite3";
import type { MatchWeights } from "@passerelle/shared";
import { StoreConflictError, type WriteOptions } from "../store.port";
import type { SqliteAuditStore } from "./sqlite-access.store";
import type { MatchingStore, StoredCapacity, StoredIntroduction, StoredMatchWeights, StoredPairDecision } from "../matching-store.port";

/**
 * Matching's tables. An introduction is one JSON document (its notes and history grow with it)
 * beside the columns it is found and checked by; the unique pair index is the "one introduction
 * per pair" rule.
 */
export const MATCHING_MIGRATION = `
  CREATE TABLE matching_introductions (
    id           TEXT PRIMARY KEY,
    lebanese_id  TEXT NOT NULL,
    french_id    TEXT NOT NULL,
    document     TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    created_at   TEXT NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX matching_introductions_pair ON matching_introductions (lebanese_id, french_id);
  CREATE TABLE matching_decisions (
    lebanese_id  TEXT NOT NULL,
    french_id    TEXT NOT NULL,
    decision     TEXT NOT NULL,
    reason       TEXT,
    by_actor     TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (lebanese_id, french_id)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE matching_capacities (
    lebanese_id  TEXT PRIMARY KEY,
    capacity     INTEGER NOT NULL,
    by_actor     TEXT NOT NULL,
    at           TEXT NOT NULL
  ) STRICT;
  CREATE TABLE matching_weights (
    version   INTEGER PRIMARY KEY,
    weights   TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    saved_by  TEXT NOT NULL
  ) STRICT;`;

type IntroductionDocument = Omit<StoredIntroduction, "lebaneseSeenAt" | "frenchSeenAt" | "createdAt" | "updatedAt"> & {
  lebaneseSeenAt: string;
  frenchSeenAt: string;
  createdAt: string;
  updatedAt: string;
};

interface DecisionRow {
  lebanese_id: string;
  french_id: string;
  decision: string;
  reason: string | null;
  by_actor: string;
  at: string;
}

export class SqliteMatchingStore implements MatchingStore {
  constructor(
    private readonly db: Database.Database,
    private readonly audit: SqliteAuditStore,
  ) {}

  /** Runs `write` and stores its audit entry in one transaction; `write` says whether it wrote. */
  private audited<T>(options: WriteOptions, write: () => T, wrote: (result: T) => boolean = () => true): T {
    return this.db.transaction(() => {
      const result = write();
      if (options.audit && wrote(result)) this.audit.write(options.audit);
      return result;
    })();
  }

  async insertIntroduction(introduction: StoredIntroduction, options: WriteOptions = {}): Promise<void> {
    try {
      this.audited(options, () =>
        this.db
          .prepare("INSERT INTO matching_introductions (id, lebanese_id, french_id, document, revision, created_at) VALUES (?, ?, ?, ?, ?, ?)")
          .run(
            introduction.id,
            introduction.lebaneseId,
            introduction.frenchId,
            toDocument(introduction),
            introduction.revision,
            introduction.createdAt.toISOString(),
          ),
      );
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith("SQLITE_CONSTRAINT")) throw new StoreConflictError("this pair already has an introduction");
      throw error;
    }
  }

  async findIntroduction(id: string): Promise<StoredIntroduction | null> {
    const row = this.db.prepare<[string], { document: string }>("SELECT document FROM matching_introductions WHERE id = ?").get(id);
    return row ? fromDocument(row.document) : null;
  }

  async listIntroductions(): Promise<StoredIntroduction[]> {
    return this.db
      .prepare<[], { document: string }>("SELECT document FROM matching_introductions ORDER BY created_at, rowid")
      .all()
      .map((row) => fromDocument(row.document));
  }

  async replaceIntroduction(next: StoredIntroduction, expectedRevision: number, options: WriteOptions = {}): Promise<StoredIntroduction | null> {
    const result = this.audited(
      options,
      () =>
        this.db
          .prepare("UPDATE matching_introductions SET document = ?, revision = ? WHERE id = ? AND revision = ?")
          .run(toDocument(next), next.revision, next.id, expectedRevision),
      (written) => written.changes === 1,
    );
    return result.changes === 1 ? next : null;
  }

  async setDecision(decision: StoredPairDecision, options: WriteOptions = {}): Promise<void> {
    this.audited(options, () =>
      this.db
        .prepare(
          `INSERT INTO matching_decisions (lebanese_id, french_id, decision, reason, by_actor, at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (lebanese_id, french_id) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, by_actor = excluded.by_actor, at = excluded.at`,
        )
        .run(decision.lebaneseId, decision.frenchId, decision.decision, decision.reason, decision.by, decision.at.toISOString()),
    );
  }

  async clearDecision(lebaneseId: string, frenchId: string, options: WriteOptions = {}): Promise<void> {
    this.audited(options, () => this.db.prepare("DELETE FROM matching_decisions WHERE lebanese_id = ? AND french_id = ?").run(lebaneseId, frenchId));
  }

  async listDecisions(): Promise<StoredPairDecision[]> {
    return this.db
      .prepare<[], DecisionRow>("SELECT * FROM matching_decisions ORDER BY at")
      .all()
      .map((row) => ({
        lebaneseId: row.lebanese_id,
        frenchId: row.french_id,
        decision: row.decision as StoredPairDecision["decision"],
        reason: row.reason,
        by: row.by_actor,
        at: new Date(row.at),
      }));
  }

  async setCapacity(capacity: StoredCapacity, options: WriteOptions = {}): Promise<void> {
    this.audited(options, () =>
      this.db
        .prepare(
          `INSERT INTO matching_capacities (lebanese_id, capacity, by_actor, at) VALUES (?, ?, ?, ?)
           ON CONFLICT (lebanese_id) DO UPDATE SET capacity = excluded.capacity, by_actor = excluded.by_actor, at = excluded.at`,
        )
        .run(capacity.lebaneseId, capacity.capacity, capacity.by, capacity.at.toISOString()),
    );
  }

  async clearCapacity(lebaneseId: string, options: WriteOptions = {}): Promise<void> {
    this.audited(options, () => this.db.prepare("DELETE FROM matching_capacities WHERE lebanese_id = ?").run(lebaneseId));
  }

  async listCapacities(): Promise<StoredCapacity[]> {
    return this.db
      .prepare<[], { lebanese_id: string; capacity: number; by_actor: string; at: string }>("SELECT * FROM matching_capacities")
      .all()
      .map((row) => ({ lebaneseId: row.lebanese_id, capacity: row.capacity, by: row.by_actor, at: new Date(row.at) }));
  }

  async saveWeights(weights: StoredMatchWeights, options: WriteOptions = {}): Promise<void> {
    try {
      this.audited(options, () =>
        this.db
          .prepare("INSERT INTO matching_weights (version, weights, saved_at, saved_by) VALUES (?, ?, ?, ?)")
          .run(weights.version, JSON.stringify(weights.weights), weights.savedAt.toISOString(), weights.savedBy),
      );
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith("SQLITE_CONSTRAINT")) throw new StoreConflictError("this version of the weights exists");
      throw error;
    }
  }

  async latestWeights(): Promise<StoredMatchWeights | null> {
    const row = this.db
      .prepare<[], { version: number; weights: string; saved_at: string; saved_by: string }>("SELECT * FROM matching_weights ORDER BY version DESC LIMIT 1")
      .get();
    return row ? { version: row.version, weights: JSON.parse(row.weights) as MatchWeights, savedAt: new Date(row.saved_at), savedBy: row.saved_by } : null;
  }
}

function toDocument(introduction: StoredIntroduction): string {
  const document: IntroductionDocument = {
    ...introduction,
    lebaneseSeenAt: introduction.lebaneseSeenAt.toISOString(),
    frenchSeenAt: introduction.frenchSeenAt.toISOString(),
    createdAt: introduction.createdAt.toISOString(),
    updatedAt: introduction.updatedAt.toISOString(),
  };
  return JSON.stringify(document);
}

function fromDocument(json: string): StoredIntroduction {
  const document = JSON.parse(json) as IntroductionDocument;
  return {
    ...document,
    lebaneseSeenAt: new Date(document.lebaneseSeenAt),
    frenchSeenAt: new Date(document.frenchSeenAt),
    createdAt: new Date(document.createdAt),
    updatedAt: new Date(document.updatedAt),
  };
}
