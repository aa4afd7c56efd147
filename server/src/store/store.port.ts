import type { Answers, EncodedDelta, Locale, ResponseStatus, Role } from "@passerelle/shared";
import type { ExcerptStore } from "./excerpt-store.port";
import type { MatchingStore } from "./matching-store.port";
import type { SummaryCellStore } from "./summary-cell-store.port";
import type { QuestionnaireSettingsStore } from "./questionnaire-settings.port";

/** A response as the store keeps it. Plain data: no driver type ever leaves an adapter. */
export interface StoredResponse {
  id: string;
  surveyId: string;
  /** Content hash of the questionnaire version the answers were given against. */
  version: string;
  status: ResponseStatus;
  locale: Locale;
  answers: Answers;
  /** Values of the questionnaire's breakdown fields (e.g. governorate), indexed for filtering. */
  breakdown: Record<string, string>;
  /**
   * SHA-256 of the resume token; the token itself is never stored. A response started from an
   * invitation is opened with the invitation's token instead (see `invitationId`).
   */
  tokenHash: string;
  /** The invitation it answers, if any: one response per invitation. Absent for a public link. */
  invitationId?: string;
  /** Incremented on every write; lets a writer detect that someone else wrote in between. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  /**
   * What the answers add to the figures of the response's groups, encoded so that a fold from
   * scratch need not parse them (`encodeDelta`). A store writes it only with the answers it was
   * encoded from and the version it was encoded for (`isEncodingOf`; otherwise none is
   * written, so an encoding carried over from an earlier read never outlives its answers) and
   * reads it back without the hash binding it to them. Absent for responses saved before encodings were kept.
   */
  foldDelta?: EncodedDelta;
}

/**
 * What a fold reads of a response: its version and either its answers or, when it was encoded
 * under one of the stamps the fold asked for, the encoded delta of its answers instead.
 */
export type AnswersOfVersion = { version: string; answers: Answers; delta?: undefined } | { version: string; delta: Uint8Array; answers?: undefined };

/** An encoding for a response already stored, as `writeFoldDeltas` takes it. */
export interface FoldDeltaWrite {
  id: string;
  /** The revision it was read at: a response changed since is left alone. */
  revision: number;
  foldDelta: EncodedDelta;
}

/** What `stream` may take besides the filter. */
export interface StreamOptions {
  /** Each response's `foldDelta` too (a cube being built folds them). */
  withFoldDeltas?: boolean;
}

/** What `streamAnswerPages` may take besides the filter. */
export interface AnswerPageOptions {
  /**
   * For each questionnaire version, the encoding the fold can read (`deltaStampOf`): a response
   * of that version encoded under that stamp comes as its delta instead of its answers.
   */
  deltaStamps?: ReadonlyMap<string, string>;
}

export type ResponseChanges = Pick<StoredResponse, "version" | "status" | "locale" | "answers" | "breakdown" | "updatedAt" | "submittedAt" | "foldDelta">;

export interface ResponseFilter {
  surveyId: string;
  status?: ResponseStatus;
  /** Breakdown values the response must have, e.g. `{ governorate: "north" }`. */
  breakdown?: Record<string, string>;
  /** Submitted at or after this instant. */
  submittedFrom?: Date;
  /** Submitted strictly before this instant. */
  submittedBefore?: Date;
  /**
   * Bounds on the store's change sequence (see `ResponseStore.changeSequence`): a view as of one
   * reading of it, or what changed since a summary was folded. Never the clock, which can step
   * back or give two writes the same millisecond.
   */
  changes?: ChangeBounds;
  /**
   * Only one of disjoint slices of roughly equal size, so that several workers can each read a
   * part of the responses (see `ResponseStore.planSlices`).
   */
  slice?: ResponseSlice;
  /** Only the responses with these ids (a summary cell's members), read through the primary key. */
  ids?: readonly string[];
}

/**
 * The `index`-th of `count` disjoint slices that together hold every response. Slices planned
 * by `ResponseStore.planSlices` may carry the store's own bounds (the embedded store's: ranges
 * of its rows, which a slice then reads alone); without them a store splits as it can.
 */
export interface ResponseSlice {
  index: number;
  count: number;
  /** The store's own: where the slice starts (absent for the first) and where the next one does (absent for the last). */
  from?: number;
  before?: number;
}

/** Points of the change sequence: each bound is optional, all given must hold. */
export interface ChangeBounds {
  /** Latest change strictly after this point. */
  after?: number;
  /** Latest change at or before this point. */
  upTo?: number;
  /** Submitted in a change strictly after this point. */
  submittedAfter?: number;
  /** Submitted in a change at or before this point (a draft never matches). */
  submittedUpTo?: number;
}

/** A write that would break a uniqueness rule (a second record with the same id). */
export class StoreConflictError extends Error {}

/** The store cannot be used as configured (e.g. a MongoDB server without transactions): the start stops. */
export class StoreSetupError extends Error {}

/** Why the store cannot serve a request right now; nothing was written. */
export type StoreFailureReason = "unreachable" | "timeout" | "disk_full" | "read_only";

/**
 * The store failed for a reason of its own, not the request's: it cannot be reached, did not
 * answer in time, or has no room left. Requests get a 503, the health check says `degraded`.
 */
export class StoreUnavailableError extends Error {
  constructor(
    readonly reason: StoreFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * What the server remembers of a response created with an `Idempotency-Key`, so that a retry
 * gets the first reply back instead of creating a second response. It holds nothing usable
 * without the key itself: the key only as a hash, the reply (with its resume token) encrypted
 * under a key derived from it.
 */
export interface StoredIdempotencyRecord {
  /** The questionnaire the key was used for: keys are scoped to it. */
  surveyId: string;
  /** SHA-256 of the `Idempotency-Key` (hex); unique per questionnaire. */
  keyHash: string;
  /** The response the first request created. */
  responseId: string;
  /** MAC of the first request's body: a retry must send the same body. */
  requestFingerprint: string;
  /** The first reply, encrypted (AES-256-GCM) under a key derived from the `Idempotency-Key`. */
  sealedReply: string;
  createdAt: Date;
  /** After this instant the record no longer counts and the key may be used afresh. */
  expiresAt: Date;
}

/** The outcome of `insertIdempotent`: written, or a live record already held the key. */
export type IdempotentInsertResult = { kind: "created" } | { kind: "existing"; record: StoredIdempotencyRecord };

/** Where the response to an invitation stands, for following progress. */
export interface InvitedResponseState {
  invitationId: string;
  responseId: string;
  status: ResponseStatus;
  updatedAt: Date;
}

/** What a write may carry besides its data. */
export interface WriteOptions {
  /**
   * The audit entry recording this write, stored in the same transaction: a crash never leaves
   * a change without its entry, nor an entry for a change that did not happen.
   */
  audit?: AuditEvent;
}

export interface ResponseStore {
  /**
   * Writes a new response; the write is durable when the promise resolves. Throws
   * StoreConflictError when the id is taken or its invitation already has a response.
   */
  insert(response: StoredResponse, options?: WriteOptions): Promise<void>;
  /**
   * Writes a new response and its idempotency record in one atomic step, unless a record for
   * the same questionnaire and key hash is still live at `record.createdAt`: then writes
   * nothing and returns that record. Two concurrent calls with the same key write one response.
   * An expired record with the same key is replaced.
   */
  insertIdempotent(response: StoredResponse, record: StoredIdempotencyRecord, options?: WriteOptions): Promise<IdempotentInsertResult>;
  /** The record for this questionnaire and key hash if it is still live at `now`. */
  findIdempotencyRecord(surveyId: string, keyHash: string, now: Date): Promise<StoredIdempotencyRecord | null>;
  /** Writes many responses at once, all or none (imports, benchmarks). */
  insertMany(responses: readonly StoredResponse[]): Promise<void>;
  findById(id: string): Promise<StoredResponse | null>;
  /** The response to an invitation, if one was started. */
  findByInvitation(invitationId: string): Promise<StoredResponse | null>;
  /** The state of every response to an invitation of the questionnaire, in no particular order. */
  invitedResponseStates(surveyId: string): Promise<InvitedResponseState[]>;
  /**
   * Replaces the mutable fields of a response if its revision is still `expectedRevision`.
   * Returns the response as written, or null when it does not exist or was written meanwhile.
   */
  update(id: string, expectedRevision: number, changes: ResponseChanges, options?: WriteOptions): Promise<StoredResponse | null>;
  /**
   * Streams the matching responses in creation order, without holding them all in memory;
   * with their encoded deltas only when `options.withFoldDeltas` asks (bytes handed over per
   * row cost a reader that does not fold them).
   */
  stream(filter: ResponseFilter, options?: StreamOptions): AsyncIterable<StoredResponse>;
  /**
   * The part of the matching responses a fold reads (version and answers, or the encoded delta
   * of the answers when `options.deltaStamps` names its stamp for its version), in creation order, a page at a
   * time: a fold from scratch pays for neither the rest of each row nor a wait per response.
   */
  streamAnswerPages(filter: ResponseFilter, options?: AnswerPageOptions): AsyncIterable<AnswersOfVersion[]>;
  /**
   * Writes the encoded deltas of responses already stored (after an upgrade left them with
   * none the fold reads), each only if its response is still at `revision` and the encoding
   * was made for its version and answers (`isEncodingOf`). Changes nothing else: neither the
   * revision nor the change sequence move, since the answers are the same. Returns how many
   * were written.
   */
  writeFoldDeltas(encodings: readonly FoldDeltaWrite[]): Promise<number>;
  /**
   * Splits the responses a filter picks into `count` disjoint slices of roughly equal size,
   * which together hold every response, whatever is written meanwhile: each worker then reads
   * one (`ResponseFilter.slice`), and as few of the others' rows as the store can manage.
   */
  planSlices(filter: ResponseFilter, count: number): Promise<ResponseSlice[]>;
  count(filter: ResponseFilter): Promise<number>;
  /**
   * The questionnaire's change sequence: a counter the store increments, in the write's own
   * transaction, on every creation or change of one of its responses (0 before any). Cached
   * statistics are valid while it stays the same, and `ResponseFilter.changes` reads what
   * changed since. It only grows, whatever the clocks of the servers writing.
   */
  changeSequence(surveyId: string): Promise<number>;
}

/** One version of a questionnaire's definition, kept so old responses can be read against it. */
export interface StoredQuestionnaireVersion {
  version: string;
  surveyId: string;
  definition: Record<string, unknown>;
  firstSeenAt: Date;
}

export interface QuestionnaireVersionStore {
  /** Records a version; recording a version already known changes nothing. */
  save(version: StoredQuestionnaireVersion): Promise<void>;
  find(version: string): Promise<StoredQuestionnaireVersion | null>;
  /** Every version of a questionnaire, oldest first. */
  listForSurvey(surveyId: string): Promise<StoredQuestionnaireVersion[]>;
}

/** A staff account. The e-mail is stored lower-cased and is unique. */
export interface StoredAccount {
  id: string;
  email: string;
  role: Role;
  /** argon2id, in the PHC string format (parameters and salt included). */
  passwordHash: string;
  /** When an administrator disabled it; null while it may sign in. */
  disabledAt: Date | null;
  /** A temporary password was set: it must be changed before anything else. */
  mustChangePassword: boolean;
  /** The last successful sign-in; null for an account never used (which may be deleted). */
  lastSignInAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type AccountChanges = Partial<Pick<StoredAccount, "role" | "passwordHash" | "disabledAt" | "mustChangePassword" | "lastSignInAt">> &
  Pick<StoredAccount, "updatedAt">;

export interface AccountStore {
  /**
   * Throws StoreConflictError when the e-mail is taken. With `options.audit`, the entry is
   * written in the same transaction: both or neither.
   */
  insert(account: StoredAccount, options?: WriteOptions): Promise<void>;
  findById(id: string): Promise<StoredAccount | null>;
  findByEmail(email: string): Promise<StoredAccount | null>;
  /** Returns the account as written, or null when it does not exist (and then writes no audit entry). */
  update(id: string, changes: AccountChanges, options?: WriteOptions): Promise<StoredAccount | null>;
  /** Every account, by e-mail. */
  list(): Promise<StoredAccount[]>;
  /** Deletes the account if it never signed in; false when it did (or does not exist), and then writes no audit entry. */
  deleteNeverSignedIn(id: string, options?: WriteOptions): Promise<boolean>;
}

/**
 * A signed-in session, kept in the store so that several server instances share it. Only the
 * SHA-256 of the session cookie's value is stored.
 */
export interface StoredSession {
  idHash: string;
  accountId: string;
  /** Sent back by the client in a header on every state-changing request (CSRF protection). */
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface SessionStore {
  insert(session: StoredSession): Promise<void>;
  /** The session if it exists and has not expired at `now`. */
  find(idHash: string, now: Date): Promise<StoredSession | null>;
  delete(idHash: string): Promise<void>;
  /** Signs an account out everywhere (password change), except the session kept, if any. */
  deleteForAccount(accountId: string, keepIdHash?: string): Promise<void>;
}

/** One entry of the audit trail: who did what to what, when. */
export interface AuditEvent {
  at: Date;
  /** The account's e-mail, `respondent`, or `anonymous`. */
  actor: string;
  /** `sign_in`, `sign_in_failed`, `export`, `response_submitted`, `account_role_changed`… */
  action: string;
  /** What it was done to: a response id, an account's e-mail, an export's file. */
  target: string;
  details: Record<string, unknown>;
}

export interface StoredAuditEvent extends AuditEvent {
  /** Increasing with time: the order of the trail and the cursor of its pages. */
  id: string;
}

export interface AuditStore {
  /** Appends an event; the trail is never updated or deleted through the store. */
  append(event: AuditEvent): Promise<void>;
  /** The most recent events first, `limit` of them, older than the event `before` when given. */
  list(options: { limit: number; before?: string }): Promise<StoredAuditEvent[]>;
}

/**
 * An invitation to answer a questionnaire, sent to one authority. Only the SHA-256 of its token
 * is stored: the link is shown once, when the invitation is created or re-issued.
 */
export interface StoredInvitation {
  id: string;
  surveyId: string;
  /**
   * Who the invitation is for, normalised (kind, district and name, case and accents folded):
   * unique per questionnaire, so importing the same list twice updates instead of duplicating.
   */
  authorityKey: string;
  authorityName: string;
  authorityKind: string;
  governorate: string;
  district: string;
  email: string;
  locale: Locale | null;
  /** SHA-256 of the token (hex); unique. */
  tokenHash: string;
  /** Set when revoked: the token no longer opens anything. Re-issuing clears it. */
  revokedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type InvitationChanges = Partial<
  Pick<StoredInvitation, "authorityName" | "authorityKind" | "governorate" | "district" | "email" | "locale" | "tokenHash" | "revokedAt">
> &
  Pick<StoredInvitation, "updatedAt">;

export interface InvitationStore {
  /**
   * Writes the invitations an import creates and the changes it makes to existing ones, all or
   * none. Throws StoreConflictError when a new invitation's id, token hash or authority key
   * (within its questionnaire) is taken, e.g. by an import running at the same time.
   */
  saveImport(created: readonly StoredInvitation[], updated: readonly { id: string; changes: InvitationChanges }[], options?: WriteOptions): Promise<void>;
  findById(id: string): Promise<StoredInvitation | null>;
  findByTokenHash(tokenHash: string): Promise<StoredInvitation | null>;
  /** Every invitation of a questionnaire, oldest first. */
  listForSurvey(surveyId: string): Promise<StoredInvitation[]>;
  /** Returns the invitation as written, or null when it does not exist (and then writes no audit entry). */
  update(id: string, changes: InvitationChanges, options?: WriteOptions): Promise<StoredInvitation | null>;
}

export type StoreKind = "embedded" | "mongodb";

/** The storage port: services depend on this and nothing else. */
export interface Store {
  readonly kind: StoreKind;
  readonly responses: ResponseStore;
  readonly questionnaireVersions: QuestionnaireVersionStore;
  readonly accounts: AccountStore;
  readonly sessions: SessionStore;
  readonly audit: AuditStore;
  readonly invitations: InvitationStore;
  readonly matching: MatchingStore;
  readonly summaryCells: SummaryCellStore;
  readonly excerpts: ExcerptStore;
  /** Questionnaires managed at run time: status and dates set by administrators, uploaded versions. */
  readonly questionnaireSettings: QuestionnaireSettingsStore;
  /** Checks the store can be reached (for the health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
