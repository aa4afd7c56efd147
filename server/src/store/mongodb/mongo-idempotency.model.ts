import { Schema, type Connection } from "mongoose";
import type { StoredIdempotencyRecord } from "../store.port";

export interface IdempotencyDocument extends StoredIdempotencyRecord {
  /** `<keyHash>:<surveyId>`: the key hash has a fixed length, so the pair cannot be ambiguous. */
  _id: string;
}

const idempotencySchema = new Schema<IdempotencyDocument>(
  {
    _id: { type: String, required: true },
    surveyId: { type: String, required: true },
    keyHash: { type: String, required: true },
    responseId: { type: String, required: true },
    requestFingerprint: { type: String, required: true },
    sealedReply: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, strict: "throw" },
);
// MongoDB's TTL monitor removes expired records within about a minute; reads check `expiresAt`
// themselves, so a record past its time never counts meanwhile.
idempotencySchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export function createIdempotencyModel(connection: Connection) {
  return connection.model("IdempotencyKey", idempotencySchema, "idempotency_keys");
}
export type IdempotencyModel = ReturnType<typeof createIdempotencyModel>;

export function idempotencyId(surveyId: string, keyHash: string): string {
  return `${keyHash}:${surveyId}`;
}

export function toIdempotencyDocument(record: StoredIdempotencyRecord): IdempotencyDocument {
  return { _id: idempotencyId(record.surveyId, record.keyHash), ...record };
}

export function fromIdempotencyDocument({ _id, ...record }: IdempotencyDocument): StoredIdempotencyRecord {
  return record;
}
