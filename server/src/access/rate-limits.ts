import type { Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import { AppError } from "../http/app-error";

/** Attempts allowed per window; 0 turns a limit off (a gateway in front may do the limiting). */
export interface RateLimits {
  /** Failed sign-ins per 15 minutes, per address and per e-mail. */
  signInFailures: number;
  /** Failed uses of a resume token (wrong or unknown) per 15 minutes, per address. */
  tokenFailures: number;
  /** Responses created per minute, per address. A municipality's office shares one address. */
  responseCreations: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { signInFailures: 10, tokenFailures: 30, responseCreations: 60 };

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const ONE_MINUTE = 60 * 1000;

/**
 * The limiters, in memory per server instance (several instances each count their own share).
 * A refused request is a 429 with `Retry-After`, in the API's error body.
 */
export function rateLimiters(limits: RateLimits): { signIn: RequestHandler[]; tokenUse: RequestHandler; responseCreation: RequestHandler } {
  return {
    signIn: [
      limiter({ windowMs: FIFTEEN_MINUTES, limit: limits.signInFailures, counted: "failures" }),
      // Also per account, against guessing from many addresses.
      limiter({ windowMs: FIFTEEN_MINUTES, limit: limits.signInFailures, counted: "failures", key: (req) => `email:${emailOf(req)}` }),
    ],
    // Only refusals of the token count: a clerk fixing a rejected submission is not guessing.
    tokenUse: limiter({ windowMs: FIFTEEN_MINUTES, limit: limits.tokenFailures, counted: [401, 403, 404] }),
    responseCreation: limiter({ windowMs: ONE_MINUTE, limit: limits.responseCreations, counted: "all" }),
  };
}

function limiter(options: {
  windowMs: number;
  limit: number;
  /** Which requests count: every one, the failed ones (4xx, 5xx), or those answered with these statuses. */
  counted: "all" | "failures" | readonly number[];
  key?: (req: Request) => string;
}): RequestHandler {
  if (options.limit === 0) return (_req, _res, next) => next();
  const { counted } = options;
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    skipSuccessfulRequests: counted !== "all",
    standardHeaders: "draft-8",
    legacyHeaders: false,
    ...(options.key ? { keyGenerator: options.key } : {}),
    ...(typeof counted === "object" ? { requestWasSuccessful: (_req: Request, res: Response) => !counted.includes(res.statusCode) } : {}),
    handler: (_req, _res, next) => {
      next(new AppError("too_many_requests", "Too many attempts. Wait a little before trying again (see Retry-After)."));
    },
  });
}

function emailOf(req: Request): string {
  const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? email.trim().toLowerCase() : "";
}
