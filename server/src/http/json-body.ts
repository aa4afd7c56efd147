import express, { type Request, type RequestHandler } from "express";
import { AppError } from "./app-error";

const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/**
 * Accepts JSON bodies only (415 otherwise) up to `limit` (413 beyond), parsed by express's own
 * parser; its failures are translated by the error middleware. A request without a body (a
 * bodiless POST such as revoking an invitation) passes.
 */
export function jsonBody(limit: string): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (METHODS_WITH_BODY.has(req.method) && hasBody(req) && !req.is("application/json")) {
      next(new AppError("unsupported_media_type", "Send the request body as JSON (Content-Type: application/json)."));
      return;
    }
    next();
  };
  return [requireJson, express.json({ limit, strict: true, type: "application/json" })];
}

// Browsers and HTTP clients send `Content-Length: 0` with a bodiless POST.
function hasBody(req: Request): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}
