import mongoose from "mongoose";
import type { Store } from "../store.port";
import { createIdempotencyModel } from "./mongo-idempotency.model";
import { MongoAccountStore, MongoAuditStore, MongoSessionStore, createAccessModels } from "./mongo-access.store";
import { MongoInvitationStore, createInvitationModel } from "./mongo-invitation.store";
import { MongoMatchingStore, createMatchingModels } from "./mongo-matching.store";
import { MongoQuestionnaireVersionStore, createQuestionnaireVersionModel } from "./mongo-questionnaire-version.store";
import { MongoResponseStore, createResponseModel } from "./mongo-response.store";

export interface MongoStoreOptions {
  uri: string;
  /** Database to use instead of the one named in the URI (tests use a throwaway one). */
  dbName?: string;
  /** How long to wait for a reachable server before giving up at start. */
  serverSelectionTimeoutMS?: number;
}

/**
 * Opens the MongoDB store: the path for large deployments (replica sets, Atlas). A dedicated
 * connection rather than mongoose's global one, so tests can open several side by side.
 */
export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const connection = mongoose.createConnection(options.uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    ...(options.dbName ? { dbName: options.dbName } : {}),
    // Acknowledged only once a majority has it on disk: the same promise as the embedded store.
    writeConcern: { w: "majority", j: true },
  });
  await connection.asPromise();
  const responses = createResponseModel(connection);
  const idempotency = createIdempotencyModel(connection);
  const invitations = createInvitationModel(connection);
  // Also creates the collections, which a transaction cannot do on older servers.
  await responses.syncIndexes();
  await idempotency.syncIndexes();
  await invitations.syncIndexes();
  const access = createAccessModels(connection);
  await Promise.all([access.accounts.syncIndexes(), access.sessions.syncIndexes()]);
  const matching = createMatchingModels(connection);
  await matching.introductions.syncIndexes();
  return {
    kind: "mongodb",
    responses: new MongoResponseStore(responses, idempotency),
    questionnaireVersions: new MongoQuestionnaireVersionStore(createQuestionnaireVersionModel(connection)),
    accounts: new MongoAccountStore(access.accounts),
    sessions: new MongoSessionStore(access.sessions),
    audit: new MongoAuditStore(access.audit),
    invitations: new MongoInvitationStore(invitations),
    matching: new MongoMatchingStore(matching),
    async ping() {
      await connection.db?.admin().ping();
    },
    async close() {
      await connection.close();
    },
  };
}
