import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { canonicalJson, type CreatedResponse } from "@passerelle/shared";
import type { SaveResponseInput } from "./responses.service";

/** How long a key keeps its first reply: a day covers any client's retries after an outage. */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

const HKDF_SALT = "passerelle/idempotency-key/v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The secrets an `Idempotency-Key` yields. The store keeps only what this derives: the key's
 * SHA-256 (to find the record), a MAC of the request body (to refuse the key with another
 * body), and the first reply sealed with AES-256-GCM under a key derived with HKDF from the
 * `Idempotency-Key`. A copy of the database therefore gives neither the key nor the resume
 * token it protects; only the client that chose the key can open its reply again.
 */
export class IdempotencyKey {
  /** SHA-256 of the key, hex. */
  readonly hash: string;
  private readonly replyKey: Buffer;
  private readonly requestKey: Buffer;

  constructor(key: string) {
    this.hash = createHash("sha256").update(key).digest("hex");
    this.replyKey = derive(key, "reply");
    this.requestKey = derive(key, "request");
  }

  /** A MAC of what the request asks for, the same whatever the order of its JSON keys. */
  fingerprint(input: SaveResponseInput): string {
    const { answers, status, locale } = input;
    return createHmac("sha256", this.requestKey).update(canonicalJson({ answers, status, locale })).digest("hex");
  }

  /** Encrypts the reply, bound to the questionnaire so it cannot be replayed under another. */
  seal(reply: CreatedResponse, surveyId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.replyKey, iv);
    cipher.setAAD(this.associatedData(surveyId));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(reply), "utf8"), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
  }

  /** Decrypts a reply sealed by `seal` with the same key; throws if it was tampered with. */
  open(sealedReply: string, surveyId: string): CreatedResponse {
    const bytes = Buffer.from(sealedReply, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", this.replyKey, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(this.associatedData(surveyId));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(plain.toString("utf8")) as CreatedResponse;
  }

  private associatedData(surveyId: string): Buffer {
    return Buffer.from(`${surveyId}:${this.hash}`, "utf8");
  }
}

function derive(key: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", key, HKDF_SALT, purpose, 32));
}
