import type { Config } from "../config";
import { openEmbeddedStore } from "./embedded/sqlite.store";
import { openMongoStore } from "./mongodb/mongo.store";
import type { Store } from "./store.port";

export interface OpenStoreOptions {
  /**
   * Run the store's start-up step (MongoDB: collections, indexes, numbering of older
   * responses). The server process does; worker threads opening the same store never do.
   */
  prepare?: boolean;
}

/** MongoDB when `MONGODB_URI` is set, the embedded SQLite file otherwise. */
export async function openStore(
  config: Pick<Config, "dataDir" | "mongodbUri"> & Partial<Pick<Config, "storeTimeoutMs">>,
  options: OpenStoreOptions = {},
): Promise<Store> {
  const timeoutMs = config.storeTimeoutMs;
  if (config.mongodbUri) {
    return openMongoStore({ uri: config.mongodbUri, prepare: options.prepare ?? false, ...(timeoutMs ? { timeoutMs } : {}) });
  }
  return openEmbeddedStore({ dataDir: config.dataDir, ...(timeoutMs ? { busyTimeoutMs: timeoutMs } : {}) });
}
