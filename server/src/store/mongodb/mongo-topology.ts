import type { Connection } from "mongoose";
import { StoreSetupError } from "../store.port";

/** What `hello` answers that tells a replica set member or a mongos from a standalone server. */
export interface HelloReply {
  setName?: string;
  msg?: string;
  isWritablePrimary?: boolean;
}

/**
 * The reason a server cannot hold Passerelle's data, or undefined when it can. Every response
 * is written in a multi-document transaction (with its change-sequence point and its audit
 * entry), and MongoDB runs transactions only on a replica set member or through mongos: a
 * standalone server fails every first save with "Transaction numbers are only allowed on a
 * replica set member or mongos".
 */
export function topologyProblem(hello: HelloReply): string | undefined {
  if (typeof hello.setName === "string" && hello.setName.length > 0) return undefined;
  if (hello.msg === "isdbgrid") return undefined;
  return (
    "MONGODB_URI points at a standalone MongoDB server, which cannot run transactions. Passerelle needs a replica set " +
    "(one member is enough: start mongod with --replSet rs0 and run rs.initiate() once) or MongoDB Atlas. " +
    'See docs/operations.md, "MongoDB".'
  );
}

/** Asks the server what it is and refuses to go on with a clear message if it cannot run transactions. */
export async function assertTransactionsSupported(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new StoreSetupError("The MongoDB connection has no database.");
  const hello = (await db.admin().command({ hello: 1 })) as HelloReply;
  const problem = topologyProblem(hello);
  if (problem) throw new StoreSetupError(problem);
}
