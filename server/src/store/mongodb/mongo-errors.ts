import { StoreUnavailableError } from "../store.port";

// MongoDB's code for a write that breaks a unique index, whichever index it is.
const DUPLICATE_KEY = 11000;

/**
 * Whether a write was refused by a unique index: the error of a single write, or of a bulk
 * write one of whose operations met a duplicate. The one place the code is matched.
 */
export function isDuplicateKey(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, writeErrors } = error as { code?: unknown; writeErrors?: { code?: unknown }[] };
  if (code === DUPLICATE_KEY) return true;
  return Array.isArray(writeErrors) && writeErrors.some((writeError) => writeError?.code === DUPLICATE_KEY);
}

export function hasErrorLabel(error: unknown, label: string): boolean {
  const hasLabel = (error as { hasErrorLabel?: (label: string) => boolean } | null)?.hasErrorLabel;
  return typeof hasLabel === "function" && hasLabel.call(error, label);
}

/** A transaction that kept conflicting or could not commit before its deadline. */
export function transactionTimedOut(cause: unknown): StoreUnavailableError {
  return new StoreUnavailableError("timeout", "the data store did not commit the write in time", { cause });
}
