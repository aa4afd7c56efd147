import { canonicalJson, type CreatedResponse, type ResponseView, type SaveResponse, type SavedResponse } from "@passerelle/shared";
import { ApiError, NetworkError } from "../../api/http";
import type { ResponseCredentials } from "./draft-storage";

/**
 * Saves a response while it is being filled in, on a slow or intermittent connection:
 * - drafts are debounced (saved a moment after the last change) and can be flushed at once
 *   (page change, tab hidden);
 * - never two requests in flight: while one is out, only the latest waiting save is kept;
 * - the first save creates the response (POST), later ones replace it (PUT with the token);
 * - the creating POST carries an idempotency key, drawn once per new response: retried after a
 *   lost answer, it is sent again with the same key and the same body, so the server creates
 *   one response whatever happened to the first attempt (newer answers follow as a PUT);
 * - every PUT carries the revision last saved or read (`If-Match`): when another tab or device
 *   saved meanwhile, the server refuses it and the saver stops, keeping the local answers,
 *   until the respondent chooses between theirs and the saved version (`resolveConflict`);
 * - a draft that fails for want of a connection (or a 5xx) is retried with backoff, and at
 *   once when the browser reports it is online again;
 * - a submission goes through the same queue and its outcome is returned to the caller (who
 *   shows the server's verdict on the form). Without a connection (or on a 5xx) it stays queued
 *   *as a submission*, retried like a draft: the caller's promise settles only once the server
 *   has answered, `submitted` or a refusal; nothing looks sent before that.
 *
 * Framework-free: the React form wires it to SurveyJS events and renders `SaveState`.
 */

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  /** No connection; the waiting draft will be retried. */
  | { kind: "offline" }
  /** The server refused the draft (`retrying` when the cause looks temporary). */
  | { kind: "failed"; error: unknown; retrying: boolean }
  /** Another tab or device saved this response meanwhile; local answers wait for a decision. */
  | { kind: "conflict" }
  | { kind: "submitting" }
  /** The submission could not reach the server; it is sent by itself when the connection returns. */
  | { kind: "submit-queued" }
  | { kind: "submit-failed"; error: unknown }
  | { kind: "submitted"; at: Date };

export interface ResponseSaverApi {
  create(surveyId: string, body: SaveResponse, idempotencyKey: string): Promise<CreatedResponse>;
  /** Saves only if the response is still at `revision` (`null`: whatever its version). */
  update(responseId: string, resumeToken: string, body: SaveResponse, revision: number | null): Promise<SavedResponse>;
  read(responseId: string, resumeToken: string): Promise<ResponseView>;
}

export interface ResponseSaverOptions {
  surveyId: string;
  /** The response being resumed, or `null` to create one on the first save. */
  credentials: ResponseCredentials | null;
  /** The revision of the response as loaded (with `credentials`). */
  revision: number | null;
  api: ResponseSaverApi;
  /**
   * Whether drafts are saved at all. Off for a response already submitted: saving it as a
   * draft would withdraw it from the analyses until it is sent again.
   */
  autosave: boolean;
  /** Called on every change of state, to render the status line. */
  onStateChange: (state: SaveState) => void;
  /** Called once, when the first save has created the response. */
  onCreated: (credentials: ResponseCredentials) => void;
  /** Called after every write the server confirmed, with what it now holds. */
  onSaved?: (body: SaveResponse, revision: number | null) => void;
  /** Quiet time after the last change before a draft is sent. */
  debounceMs?: number;
  /** Waits between successive retries of a failing draft; the last one repeats. */
  retryDelaysMs?: readonly number[];
  /** Draws an idempotency key for a new response (random by default). */
  newIdempotencyKey?: () => string;
}

interface Job {
  body: SaveResponse;
  /** Present for a submission: its caller awaits the outcome. */
  settle?: { resolve: () => void; reject: (error: unknown) => void };
}

const DEFAULT_DEBOUNCE_MS = 1500;
const DEFAULT_RETRY_DELAYS_MS = [2_000, 5_000, 15_000, 30_000, 60_000] as const;

export class ResponseSaver {
  private credentials: ResponseCredentials | null;
  private revision: number | null;
  /** The creating request while its outcome is unknown: retried with the same key and body. */
  private creation: { key: string; body: SaveResponse } | null = null;
  /** A PUT whose answer never came: a refusal after it may be about our own write. */
  private unconfirmedUpdate: SaveResponse | null = null;
  private isInConflict = false;
  private autosave: boolean;
  private state: SaveState = { kind: "idle" };
  /** Latest draft not yet handed to the queue (debouncing). */
  private pendingDraft: SaveResponse | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  /** The one job waiting for the request in flight (or for a retry) to finish. */
  private waiting: Job | null = null;
  private isSending = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private isDisposed = false;

  constructor(private readonly options: ResponseSaverOptions) {
    this.credentials = options.credentials;
    this.revision = options.revision;
    this.autosave = options.autosave;
  }

  get currentState(): SaveState {
    return this.state;
  }

  get responseCredentials(): ResponseCredentials | null {
    return this.credentials;
  }

  /** The revision last saved or read, which the next save must match. */
  get currentRevision(): number | null {
    return this.revision;
  }

  /** True while some change has not reached the server yet (to warn before leaving). */
  get hasUnsavedChanges(): boolean {
    return this.pendingDraft !== null || this.waiting !== null || this.isSending;
  }

  /** True while changes newer than the request in flight wait to be sent. */
  get hasWaitingChanges(): boolean {
    return this.pendingDraft !== null || this.waiting !== null;
  }

  /** True while a submission waits for the connection (or for the request in flight). */
  get isSubmissionQueued(): boolean {
    return this.waiting?.settle !== undefined;
  }

  /**
   * Replaces the answers of the submission waiting for the connection (the clerk corrected an
   * answer after tapping Submit): the newest answers are sent, with the same outcome awaited.
   */
  updateQueuedSubmission(body: SaveResponse): void {
    if (!this.waiting?.settle) return;
    this.waiting = { ...this.waiting, body: { ...body, status: "submitted" } };
  }

  /** Records the latest answers; they are sent once changes pause for the debounce delay. */
  scheduleDraft(body: SaveResponse): void {
    if (!this.autosave || this.isDisposed) return;
    this.pendingDraft = body;
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => this.flush(), this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  }

  /** Sends the debounced draft now, if there is one. */
  flush(): void {
    this.clearDebounce();
    const draft = this.pendingDraft;
    this.pendingDraft = null;
    if (draft === null) return;
    // A submission waiting in the queue already carries newer answers than any draft.
    if (this.waiting?.settle) return;
    this.waiting = { body: draft };
    void this.drain();
  }

  /** Retries a failed draft immediately (the browser says the connection is back). */
  retryNow(): void {
    if (this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.drain();
  }

  /**
   * Sends the answers with status "submitted" once the request in flight (if any) is done.
   * Resolves when the server accepted them; rejects with the `ApiError` of a refusal. Without a
   * connection it stays pending (the submission queued) until the server answers.
   */
  submit(body: SaveResponse): Promise<void> {
    this.clearDebounce();
    this.pendingDraft = null;
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    return new Promise<void>((resolve, reject) => {
      // A submission still waiting (double tap) shares the outcome of this newer one.
      const earlier = this.waiting?.settle;
      const settle = earlier
        ? {
            resolve: () => (earlier.resolve(), resolve()),
            reject: (error: unknown) => (earlier.reject(error), reject(error)),
          }
        : { resolve, reject };
      this.waiting = { body: { ...body, status: "submitted" }, settle };
      void this.drain();
    });
  }

  /**
   * Ends a conflict once the respondent chose: `keepLocal` saves their answers over the version
   * saved elsewhere, else their unsaved answers are dropped (the form shows the saved version).
   * `revision` is that of the saved version, as just read.
   */
  resolveConflict(revision: number, { keepLocal }: { keepLocal: boolean }): void {
    this.revision = revision;
    this.isInConflict = false;
    this.unconfirmedUpdate = null;
    if (!keepLocal) {
      this.clearDebounce();
      this.pendingDraft = null;
      if (this.waiting && !this.waiting.settle) this.waiting = null;
      this.setState({ kind: "saved", at: new Date() });
      return;
    }
    this.flush();
    void this.drain();
  }

  /** Stops saving drafts (after a successful submission, or when the questionnaire closed). */
  stopAutosave(): void {
    this.autosave = false;
    this.clearDebounce();
    this.pendingDraft = null;
  }

  /** Sends what is pending one last time and stops timers; later calls are ignored. */
  dispose(): void {
    this.flush();
    this.isDisposed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async drain(): Promise<void> {
    if (this.isSending || this.retryTimer !== null) return;
    this.isSending = true;
    try {
      while (this.waiting !== null) {
        // In a conflict only a submission goes out (its refusal is shown on the form); drafts wait.
        if (this.isInConflict && !this.waiting.settle) break;
        const job = this.waiting;
        this.waiting = null;
        const shouldContinue = await this.send(job);
        if (!shouldContinue) break;
      }
    } finally {
      this.isSending = false;
    }
  }

  /** Sends one job; returns whether the queue should go on with the next one now. */
  private async send(job: Job): Promise<boolean> {
    this.setState(job.settle ? { kind: "submitting" } : { kind: "saving" });
    try {
      await this.write(job.body);
      this.failures = 0;
      this.options.onSaved?.(job.body, this.revision);
      if (job.settle) {
        this.stopAutosave();
        // A draft typed while the submission was on its way would withdraw it: drop it.
        if (this.waiting && !this.waiting.settle) this.waiting = null;
        this.setState({ kind: "submitted", at: new Date() });
        job.settle.resolve();
      } else if (this.waiting === null) {
        this.setState({ kind: "saved", at: new Date() });
      }
      return true;
    } catch (error) {
      if (isResponseChanged(error)) return this.handleConflict(job, error);
      return job.settle ? this.handleSubmitFailure(job, error) : this.handleDraftFailure(job, error);
    }
  }

  private async write(body: SaveResponse): Promise<void> {
    if (this.credentials) {
      await this.update(this.credentials, body);
      return;
    }
    this.creation ??= { key: (this.options.newIdempotencyKey ?? randomIdempotencyKey)(), body };
    const creation = this.creation;
    let created: CreatedResponse;
    try {
      created = await this.options.api.create(this.options.surveyId, creation.body, creation.key);
    } catch (error) {
      // The server answered and created nothing: the next attempt may carry other answers.
      if (error instanceof ApiError && error.status < 500) this.creation = null;
      throw error;
    }
    this.creation = null;
    this.credentials = { responseId: created.id, resumeToken: created.resumeToken };
    this.revision = created.revision;
    this.options.onCreated(this.credentials);
    // A retried creation carries its first answers; newer ones follow.
    if (creation.body !== body) await this.update(this.credentials, body);
  }

  private async update(credentials: ResponseCredentials, body: SaveResponse): Promise<void> {
    const { api } = this.options;
    try {
      const saved = await api.update(credentials.responseId, credentials.resumeToken, body, this.revision);
      this.revision = saved.revision;
      this.unconfirmedUpdate = null;
    } catch (error) {
      if (error instanceof NetworkError) this.unconfirmedUpdate = body;
      if (!isResponseChanged(error) || this.unconfirmedUpdate === null) throw error;
      // Our previous save may have landed with its answer lost: if the saved version is what we
      // sent then, the change "elsewhere" was ours; carry on from it.
      const latest = await api.read(credentials.responseId, credentials.resumeToken);
      const wasOurs = isSameSave(latest, this.unconfirmedUpdate);
      this.unconfirmedUpdate = null;
      if (!wasOurs) throw error;
      this.revision = latest.revision;
      await this.update(credentials, body);
    }
  }

  private handleConflict(job: Job, error: unknown): boolean {
    this.isInConflict = true;
    if (job.settle) {
      job.settle.reject(error);
    } else if (this.waiting === null) {
      // Kept, not sent: these answers go out only if the respondent chooses to keep them.
      this.waiting = job;
    }
    this.setState({ kind: "conflict" });
    return false;
  }

  private handleSubmitFailure(job: Job, error: unknown): boolean {
    if (isTemporaryFailure(error) && !this.isDisposed) {
      // Still a submission: the caller's promise waits for the server's answer. A newer
      // submission waiting meanwhile already shares this one's outcome and carries newer answers.
      if (!this.waiting?.settle) this.waiting = job;
      this.setState({ kind: "submit-queued" });
      this.scheduleRetry();
      return false;
    }
    this.setState({ kind: "submit-failed", error });
    job.settle?.reject(error);
    return true;
  }

  private handleDraftFailure(job: Job, error: unknown): boolean {
    // A newer job (draft or submission) may have arrived meanwhile: it supersedes this one.
    if (this.waiting === null) this.waiting = job;
    if (this.waiting.settle) return true;
    const isTemporary = isTemporaryFailure(error);
    if (error instanceof NetworkError) this.setState({ kind: "offline" });
    else this.setState({ kind: "failed", error, retrying: isTemporary });
    if (isTemporary) {
      this.scheduleRetry();
      return false;
    }
    // Refused for good (4xx): drop it; the next change will try again with new answers.
    if (this.waiting === job) this.waiting = null;
    return this.waiting !== null;
  }

  private scheduleRetry(): void {
    if (this.isDisposed) return;
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const delay = delays[Math.min(this.failures, delays.length - 1)] ?? DEFAULT_RETRY_DELAYS_MS[0];
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.drain();
    }, delay);
  }

  private clearDebounce(): void {
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
  }

  private setState(state: SaveState): void {
    this.state = state;
    this.options.onStateChange(state);
  }
}

function isResponseChanged(error: unknown): boolean {
  return error instanceof ApiError && error.code === "response_changed";
}

function isSameSave(saved: ResponseView, sent: SaveResponse): boolean {
  return saved.status === sent.status && canonicalJson(saved.answers) === canonicalJson(sent.answers);
}

/** 128 random bits, base64url: a key no other respondent will draw. */
export function randomIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/**
 * No connection, the server (or a proxy) failing, or two writes crossing (`edit_conflict`: the
 * server compares revisions within one request, so trying again simply applies ours last):
 * worth trying again later.
 */
function isTemporaryFailure(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (!(error instanceof ApiError)) return false;
  return error.status >= 500 || error.status === 429 || error.status === 408 || error.code === "edit_conflict";
}
