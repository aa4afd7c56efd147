import type { ErrorRequestHandler } from "express";
import type { ApiErrorBody } from "@passerelle/shared";
import type { Logger } from "../logger";
import { AppError } from "./app-error";

// Errors raised by express's body parser carry a `type`; they are the client's fault.
const BODY_PARSER_ERRORS: Record<string, () => AppError> = {
  "entity.parse.failed": () => new AppError("malformed_json", "The request body is not valid JSON."),
  "entity.too.large": () => new AppError("payload_too_large", "The request body is too large."),
  "encoding.unsupported": () => new AppError("unsupported_media_type", "Send the request body as UTF-8 JSON."),
  "charset.unsupported": () => new AppError("unsupported_media_type", "Send the request body as UTF-8 JSON."),
  "request.aborted": () => new AppError("invalid_request", "The request was aborted by the client."),
};

/** The one place errors become responses: the shared error body, and no internals for a 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      logger.error({ err: error, method: req.method, url: req.originalUrl }, "request failed");
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
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
    return new AppError("invalid_request", "The address is not validly percent-encoded.", [
      { question: "(path)", message: "is not valid percent-encoding" },
    ]);
  }
  // express.static reports a missing file (under /assets) as an error with status 404.
  if (status === 404) return new AppError("route_not_found", "Not found.");
  return new AppError("internal", "Something went wrong on our side. Please try again.");
}
