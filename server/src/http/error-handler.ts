import type { ErrorRequestHandler } from "express";
import type { ApiErrorBody } from "@passerelle/shared";
import type { Logger } from "../logger";
import { toStoreFailure } from "../store/store-failure";
import type { StoreFailureReason } from "../store/store.port";
import { AppError } from "./app-error";
import type { StoreHealth } from "./store-health";

// What a user is told of a store failure; the reason goes into the details for the client.
const STORE_FAILURE_MESSAGES: Record<StoreFailureReason, string> = {
  unreachable: "The data store is not answering right now; nothing was changed. Try again in a moment.",
  timeout: "The data store did not answer in time; nothing was changed. Try again in a moment.",
  disk_full: "The server has no room left to store data; nothing was saved. Try again later.",
  read_only: "The data store is read-only right now; nothing was saved. Try again later.",
};

// Seconds a client should wait before retrying after a store failure.
const STORE_RETRY_AFTER_S = 30;

// Errors raised by express's body parser carry a `type`; they are the client's fault.
const BODY_PARSER_ERRORS: Record<string, () => AppError> = {
  "entity.parse.failed": () => new AppError("malformed_json", "The request body is not valid JSON."),
  "entity.too.large": () => new AppError("payload_too_large", "The request body is too large."),
  "encoding.unsupported": () => new AppError("unsupported_media_type", "Send the request body as UTF-8 JSON."),
  "charset.unsupported": () => new AppError("unsupported_media_type", "Send the request body as UTF-8 JSON."),
  "request.aborted": () => new AppError("invalid_request", "The request was aborted by the client."),
};

/**
 * The one place errors become responses: the shared error body, and no internals for a 500.
 * Store failures (an outage, a timeout, a full disk) become a 503 `store_unavailable` with
 * `Retry-After`, and are remembered for the health check.
 */
export function errorHandler(logger: Logger, health?: StoreHealth): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const storeFailure = error instanceof AppError ? undefined : toStoreFailure(error);
    if (storeFailure) health?.record(storeFailure);
    const appError = storeFailure
      ? new AppError("store_unavailable", STORE_FAILURE_MESSAGES[storeFailure.reason], [{ question: "(store)", message: storeFailure.reason }])
      : toAppError(error);
    if (storeFailure) {
      // Expected in an outage and already named: one line without a stack, not one per frame.
      logger.warn(
        { reason: storeFailure.reason, cause: String((error as Error)?.message ?? error), method: req.method, url: req.originalUrl },
        "store unavailable",
      );
    } else if (appError.status >= 500) {
      logger.error({ err: error, method: req.method, url: req.originalUrl }, "request failed");
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (storeFailure) res.set("Retry-After", String(STORE_RETRY_AFTER_S));
    const body: ApiErrorBody = {
      error: { code: appError.code, message: appError.message, ...(appError.details ? { details: appError.details } : {}) },
    };
    res.status(appError.status).json(body);
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const { type, status, errno } = (error ?? {}) as { type?: unknown; status?: unknown; errno?: unknown };
  const fromParser = typeof type === "string" ? BODY_PARSER_ERRORS[type] : undefined;
  if (fromParser) return fromParser();
  // A body sent compressed that does not decompress: the parser passes zlib's error on as a 400.
  if (status === 400 && typeof errno === "number") {
    return new AppError("malformed_json", "The request body could not be decompressed.");
  }
  // The router cannot decode a path parameter such as `%zz`: the address is the client's fault.
  if (status === 400 && error instanceof URIError) {
    return new AppError("invalid_request", "The address is not validly percent-encoded.", [{ question: "(path)", message: "is not valid percent-encoding" }]);
  }
  // express.static reports a missing file (under /assets) as an error with status 404, a path it
  // cannot decode or holding a NUL as a 400, and a path climbing out of its folder as a 403:
  // to the client, that file does not exist.
  const { expose } = (error ?? {}) as { expose?: unknown };
  if (status === 404 || (status === 403 && expose === true)) return new AppError("route_not_found", "Not found.");
  if (status === 400 && expose === true) {
    return new AppError("invalid_request", "The address is not valid.", [{ question: "(path)", message: "is not a valid file path" }]);
  }
  return new AppError("internal", "Something went wrong on our side. Please try again.");
}
