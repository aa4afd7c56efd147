import type { Request } from "express";
import { AppError } from "./app-error";

/** The token of an `Authorization: Bearer <token>` header, or a 401 saying it is missing. */
export function bearerToken(req: Request): string {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(req.get("authorization") ?? "");
  if (!match?.[1]) {
    throw new AppError("unauthenticated", "This request needs the token of the resume or invitation link (Authorization: Bearer <token>).");
  }
  return match[1];
}

/** Like `bearerToken`, for requests that may come without one: undefined when there is no header. */
export function optionalBearerToken(req: Request): string | undefined {
  return req.get("authorization") === undefined ? undefined : bearerToken(req);
}
