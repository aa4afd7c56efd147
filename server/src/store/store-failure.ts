import { StoreUnavailableError, type StoreFailureReason } from "./store.port";

// SQLite's primary result codes (better-sqlite3 reports extended ones, e.g. SQLITE_IOERR_WRITE).
const SQLITE_REASONS: Record<string, StoreFailureReason> = {
  SQLITE_FULL: "disk_full",
  SQLITE_IOERR: "unreachable",
  SQLITE_CANTOPEN: "unreachable",
  SQLITE_BUSY: "timeout",
  SQLITE_LOCKED: "timeout",
  SQLITE_READONLY: "read_only",
};

// The MongoDB driver's error classes, by name, so that this module needs no driver import.
const MONGO_REASONS: Record<string, StoreFailureReason> = {
  MongoServerSelectionError: "unreachable",
  MongoNetworkError: "unreachable",
  MongoNotConnectedError: "unreachable",
  MongoTopologyClosedError: "unreachable",
  MongoNetworkTimeoutError: "timeout",
  MongoOperationTimeoutError: "timeout",
  MongoWaitQueueTimeoutError: "timeout",
};

// Server error codes: MaxTimeMSExpired, WriteConcernTimeout (and the legacy WriteConcernFailed
// carrying `wtimeout`), NotWritablePrimary, PrimarySteppedDown, OutOfDiskSpace.
const MONGO_CODES: Record<number, StoreFailureReason> = {
  50: "timeout",
  64: "timeout",
  10107: "unreachable",
  189: "unreachable",
  14031: "disk_full",
};

const MESSAGES: Record<StoreFailureReason, string> = {
  unreachable: "the data store cannot be reached",
  timeout: "the data store did not answer in time",
  disk_full: "the data store has no room left on its disk",
  read_only: "the data store is read-only",
};

/**
 * The one place a driver's error becomes a store failure: SQLite's and MongoDB's codes for an
 * outage, a timeout or a full disk are recognised here and nowhere else. Anything else (a bug,
 * a conflict) is not a store failure and is returned as undefined.
 */
export function toStoreFailure(error: unknown): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  const reason = reasonOf(error) ?? reasonOf((error as { cause?: unknown } | null)?.cause);
  return reason ? new StoreUnavailableError(reason, MESSAGES[reason], { cause: error }) : undefined;
}

function reasonOf(error: unknown): StoreFailureReason | undefined {
  if (!error || typeof error !== "object") return undefined;
  const { code, name, errInfo, writeConcernError } = error as {
    code?: unknown;
    name?: unknown;
    errInfo?: { wtimeout?: boolean };
    writeConcernError?: { code?: number };
  };
  if (typeof code === "string") {
    if (code === "ENOSPC") return "disk_full";
    const primary = code.match(/^SQLITE_[A-Z]+/)?.[0];
    if (primary && SQLITE_REASONS[primary]) return SQLITE_REASONS[primary];
  }
  if (typeof name === "string" && MONGO_REASONS[name]) return MONGO_REASONS[name];
  if (typeof code === "number" && MONGO_CODES[code]) return MONGO_CODES[code];
  if (errInfo?.wtimeout) return "timeout";
  if (writeConcernError?.code !== undefined && MONGO_CODES[writeConcernError.code]) return MONGO_CODES[writeConcernError.code];
  return undefined;
}
