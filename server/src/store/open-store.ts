import type { Config } from "../config";
import { openEmbeddedStore } from "./embedded/sqlite.store";
import { openMongoStore } from "./mongodb/mongo.store";
import type { Store } from "./store.port";

/** MongoDB when `MONGODB_URI` is set, the embedded SQLite file otherwise. */
export async function openStore(config: Pick<Config, "dataDir" | "mongodbUri">): Promise<Store> {
  if (config.mongodbUri) return openMongoStore({ uri: config.mongodbUri });
  return openEmbeddedStore({ dataDir: config.dataDir });
}
