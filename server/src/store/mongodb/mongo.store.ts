import mongoose, { type Connection } from "mongoose";
import type { Store } from "../store.port";
import { createIdempotencyModel } from "./mongo-idempotency.model";
import { MongoAccountStore, MongoAuditStore, MongoSessionStore, createAccessModels } from "./mongo-access.store";
import { MongoExcerptStore, createExcerptModel } from "./mongo-excerpt.store";
import { MongoInvitationStore, createInvitationModel } from "./mongo-invitation.store";
import { MongoMatchingStore, createMatchingModels } from "./mongo-matching.store";
import { MongoQuestionnaireSettingsStore, createQuestionnaireSettingsModel } from "./mongo-questionnaire-settings.store";
import { MongoQuestionnaireVersionStore, createQuestionnaireVersionModel } from "./mongo-questionnaire-version.store";
import { MongoResponseStore, createResponseModel } from "./mongo-response.store";
import { createSequenceModel } from "./mongo-sequence.model";
import { MongoSummaryCellStore, createSummaryCellModels } from "./mongo-summary-cell.store";
import { assertTransactionsSupported } from "./mongo-topology";
import { prepareMongoStore } from "./mongo-prepare";

/** How long one operation may take when the options do not say (see STORE_TIMEOUT_MS). */
export const DEFAULT_MONGO_TIMEOUT_MS = 5_000;

export interface MongoStoreOptions {
  uri: string;
  /** Database to use instead of the one named in the URI (tests use a throwaway one). */
  dbName?: string;
  /**
   * The bound on every operation: finding a server, a write's majority acknowledgement, a
   * transaction's commit and retries. Past it the request gets a 503, not a hung form.
   */
  timeoutMs?: number;
  /**
   * Create the collections and indexes this version declares, and number responses written
   * before the change sequence existed. The server's start does it; worker threads, which open
   * the store too, never do.
   */
  prepare?: boolean;
}

/**
 * Opens the MongoDB store: the path for large deployments (replica sets, Atlas). A dedicated
 * connection rather than mongoose's global one, so tests can open several side by side.
 * Refuses a server that cannot run transactions, before anything is written.
 */
export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_MONGO_TIMEOUT_MS;
  const connection = mongoose.createConnection(options.uri, {
    serverSelectionTimeoutMS: timeoutMs,
    // A socket silent this long is a server that will not answer: fail the operation.
    socketTimeoutMS: timeoutMs * 6,
    ...(options.dbName ? { dbName: options.dbName } : {}),
    // Acknowledged only once a majority has it on disk: the same promise as the embedded store,
    // bounded so that a set without a majority refuses writes instead of holding them forever.
    writeConcern: { w: "majority", j: true, wtimeoutMS: timeoutMs },
    // Indexes are built by the start-up step below, never as a side effect of defining a model:
    // during a rolling upgrade, two versions must not fight over the indexes.
    autoIndex: false,
    autoCreate: false,
  });
  try {
    await connection.asPromise();
    await assertTransactionsSupported(connection);
    return await storeOn(connection, timeoutMs, options.prepare ?? false);
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}

async function storeOn(connection: Connection, timeoutMs: number, prepare: boolean): Promise<Store> {
  const models = {
    responses: createResponseModel(connection),
    idempotency: createIdempotencyModel(connection),
    invitations: createInvitationModel(connection),
    sequences: createSequenceModel(connection),
    versions: createQuestionnaireVersionModel(connection),
    excerpts: createExcerptModel(connection),
    questionnaireSettings: createQuestionnaireSettingsModel(connection),
    ...createAccessModels(connection),
  };
  const matching = createMatchingModels(connection);
  const summaryCells = createSummaryCellModels(connection);
  if (prepare) {
    await prepareMongoStore({
      models: [...Object.values(models), ...Object.values(matching), ...Object.values(summaryCells)],
      responses: models.responses.collection,
      sequences: models.sequences.collection,
    });
  }
  const audit = new MongoAuditStore(models.audit);
  return {
    kind: "mongodb",
    responses: new MongoResponseStore({ responses: models.responses, idempotency: models.idempotency, sequences: models.sequences, audit, timeoutMs }),
    questionnaireVersions: new MongoQuestionnaireVersionStore(models.versions),
    accounts: new MongoAccountStore(models.accounts, audit, timeoutMs),
    sessions: new MongoSessionStore(models.sessions),
    audit,
    invitations: new MongoInvitationStore(models.invitations, audit, timeoutMs),
    matching: new MongoMatchingStore(matching, audit, timeoutMs),
    summaryCells: new MongoSummaryCellStore(summaryCells, timeoutMs),
    excerpts: new MongoExcerptStore(models.excerpts, audit, timeoutMs),
    questionnaireSettings: new MongoQuestionnaireSettingsStore({ settings: models.questionnaireSettings, versions: models.versions }, audit, timeoutMs),
    async ping() {
      await connection.db?.admin().ping({ maxTimeMS: timeoutMs });
    },
    async close() {
      await connection.close();
    },
  };
}
