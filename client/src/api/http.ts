import { CSRF_HEADER, type ApiErrorBody, type ErrorCode, type ErrorDetail, ERROR_STATUS } from "@passerelle/shared";
import { readErrorBody } from "./error-body";

/**
 * The one HTTP client of the app. Feature api modules call `request`; components never call
 * `fetch`. Every failure becomes one of two errors:
 * - `ApiError`: the server answered with an error status; it carries the shared error body
 *   (`{ error: { code, message, details? } }`) and the status. Logic switches on `code`.
 * - `NetworkError`: no answer at all (offline, DNS, connection reset, timeout). The caller may
 *   retry later; nothing is known about whether the server acted on the request.
 */

/** On a slow connection a request may legitimately take long; past this we call it offline. */
const REQUEST_TIMEOUT_MS = 30_000;

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;
  /** From `Retry-After` (429, 503): seconds to wait before trying again, when the server said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, body: ApiErrorBody, retryAfterSeconds?: number) {
    super(body.error.message);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The shared error code, or `"unknown"` for a code this client does not know yet. */
  get code(): ErrorCode | "unknown" {
    const code = this.body.error.code;
    return code in ERROR_STATUS ? (code as ErrorCode) : "unknown";
  }

  get details(): readonly ErrorDetail[] {
    return this.body.error.details ?? [];
  }
}

export class NetworkError extends Error {
  constructor(cause: unknown) {
    super("The server could not be reached", { cause });
    this.name = "NetworkError";
  }
}

export interface RequestOptions {
  /** Serialised as JSON. */
  body?: unknown;
  /** Sent as it is with its own content type (a CSV file's text), instead of a JSON `body`. */
  text?: { body: string; contentType: string };
  /** Sent as `Authorization: Bearer <token>` (the resume token of a response). */
  bearerToken?: string;
  /** Further request headers (`Idempotency-Key`, `If-Match`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

// The signed-in staff member's CSRF token: sent back on every request that changes something,
// which is how the server knows the request comes from this app and not from another site.
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Sends a request to the API (same origin) and returns the parsed JSON answer. */
export async function request<T>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (method !== "GET" && csrfToken !== undefined) headers[CSRF_HEADER] = csrfToken;
  const outgoing = encodeBody(options);
  if (outgoing) headers["Content-Type"] = outgoing.contentType;
  if (options.bearerToken !== undefined) headers.Authorization = `Bearer ${options.bearerToken}`;

  // One controller for both the caller's signal and the timeout (AbortSignal.any is too recent
  // for the older Android phones some clerks use).
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  const timer = setTimeout(abort, REQUEST_TIMEOUT_MS);
  options.signal?.addEventListener("abort", abort);

  let response: Response;
  let payload: unknown;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: outgoing?.body ?? null,
      signal: controller.signal,
      credentials: "same-origin",
    });
    payload = await readJson(response);
  } catch (error) {
    // A caller's own abort is not a network problem: let it through unchanged.
    if (options.signal?.aborted) throw error;
    throw new NetworkError(error);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", abort);
  }

  if (!response.ok) throw new ApiError(response.status, toErrorBody(response, payload), retryAfterOf(response));
  return payload as T;
}

/** What to send: the raw text with its type, the JSON body, or nothing. */
function encodeBody(options: RequestOptions): { body: string; contentType: string } | null {
  if (options.text !== undefined) return options.text;
  if (options.body !== undefined) return { body: JSON.stringify(options.body), contentType: "application/json" };
  return null;
}

/** The body as JSON, or `undefined` when it is empty or not JSON. A broken connection rejects. */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// Seconds only: the API never sends an HTTP date.
function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get("Retry-After");
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

/** Proxies and crashed servers answer with HTML or nothing: give those a body of the shared shape too. */
function toErrorBody(response: Response, payload: unknown): ApiErrorBody {
  const body = readErrorBody(payload);
  if (body) return body;
  const code = response.status === 503 ? "store_unavailable" : response.status >= 500 ? "internal" : "unknown";
  return { error: { code, message: response.statusText || `HTTP ${response.status}` } };
}
