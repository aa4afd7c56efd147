import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import { openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import { openMongoStore } from "../../server/src/store/mongodb/mongo.store";
import type { Store } from "../../server/src/store/store.port";

/** The store adapters a contract suite runs against: embedded always, MongoDB when a server is given. */
export interface Adapter {
  name: string;
  open(): Promise<Store>;
  /** Removes what `open` created. */
  cleanUp(): Promise<void>;
}

export const embedded = (): Adapter => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-store-"));
  return {
    name: "embedded",
    open: async () => openEmbeddedStore({ dataDir }),
    cleanUp: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
};

export const mongodb = (uri: string): Adapter => {
  const dbName = `passerelle_contract_${process.pid}_${Date.now()}`;
  return {
    name: "mongodb",
    open: () => openMongoStore({ uri, dbName, timeoutMs: 5000, prepare: true }),
    cleanUp: async () => {
      const connection = await mongoose.createConnection(uri, { dbName }).asPromise();
      await connection.dropDatabase();
      await connection.close();
    },
  };
};

export const MONGODB_URI = process.env.MONGODB_URI;
if (!MONGODB_URI) {
  // Printed so a reader of the test output knows half of the contract did not run, and why.
  console.warn("Store contract on MongoDB skipped: MONGODB_URI is not set (no MongoDB server on this machine).");
}
