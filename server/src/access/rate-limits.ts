import type { Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import { AppError } from "../http/app-error";
import { FailureCounter } from "./failure-counter";

/** Attempts allowed per window; 0 turns a limit off (a gateway in front may do the limiting). */
export interface RateLimits {
  /**
   * Failed sign-ins per 15 minutes: from one address for one account before that pair is
   * refused; five times as many from one address, whatever the accounts; and for one account
   * from anywhere before its sign-ins are slowed down (never refused).
   */
  signInFailures: number;
  /**
   * Refused tokens (resume, invitation) per 15 minutes from one address before its requests are
   * slowed down; ten times as many before they are refused.
   */
  tokenFailures: number;
  /** Responses created per minute, per address. A municipality's office shares one address. */
  responseCreations: number;
  /** The first slow-down's delay, doubled with each further failure up to 16 times it (default 500 ms). */
  slowDownMs?: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { signInFailures: 10, tokenFailures: 30, responseCreations: 60 };

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const ONE_MINUTE = 60 * 1000;
const DEFAULT_SLOW_DOWN_MS = 500;
// An address failing for many accounts is guessing, not mistyping.
const ADDRESS_FACTOR = 5;
const TOKEN_REFUSAL_FACTOR = 10;

/**
 * The limiters, in memory per server instance (several instances each count their own share).
 * Following OWASP's authentication guidance, failures are counted per address and per
 * (address, account): whoever fails is refused, never the account's holder signing in from
 * elsewhere. An account failing from many addresses is slowed down instead of locked, so that
 * nobody can keep a colleague out by guessing wrong on purpose. A refusal is a 429 with
 * `Retry-After`, in the API's error body.
 */
export function rateLimiters(limits: RateLimits): { signIn: RequestHandler[]; tokenUse: RequestHandler; responseCreation: RequestHandler } {
  const slowDownMs = limits.slowDownMs ?? DEFAULT_SLOW_DOWN_MS;
  return {
    signIn: limits.signInFailures === 0 ? [] : [signInGuard(limits.signInFailures, slowDownMs)],
    tokenUse: limits.tokenFailures === 0 ? passThrough : tokenGuard(limits.tokenFailures, slowDownMs),
    responseCreation:
      limits.responseCreations === 0
        ? passThrough
        : rateLimit({
            windowMs: ONE_MINUTE,
            limit: limits.responseCreations,
            standardHeaders: "draft-8",
            legacyHeaders: false,
            handler: (_req, _res, next) => next(tooManyRequests()),
          }),
  };
}

const passThrough: RequestHandler = (_req, _res, next) => next();

function signInGuard(limit: number, slowDownMs: number): RequestHandler {
  const byAddress = new FailureCounter(FIFTEEN_MINUTES);
  const byPair = new FailureCounter(FIFTEEN_MINUTES);
  const byAccount = new FailureCounter(FIFTEEN_MINUTES);
  return async (req, res, next) => {
    const address = `ip:${req.ip ?? ""}`;
    const account = `email:${emailOf(req)}`;
    const pair = `${address}|${account}`;
    if (byPair.count(pair) >= limit) return refuse(res, next, byPair.secondsUntilOneExpires(pair));
    if (byAddress.count(address) >= limit * ADDRESS_FACTOR) return refuse(res, next, byAddress.secondsUntilOneExpires(address));
    await pause(slowDown(byAccount.count(account) - limit, slowDownMs));
    res.on("finish", () => {
      if (res.statusCode === 401) {
        byAddress.record(address);
        byPair.record(pair);
        byAccount.record(account);
      } else if (res.statusCode < 400) byPair.clear(pair);
    });
    next();
  };
}

// Only refusals of a token count: a clerk fixing a rejected submission is not guessing. A route
// may add a refusal of its own that no clerk's mistake explains (see `countAsRefusal`).
const TOKEN_REFUSALS = new Set([401, 403, 404]);
const COUNTS_AS_REFUSAL = "countsAsTokenRefusal";

/**
 * Counts this request's refusal towards the address's token limit, as a refused token would be:
 * for bodies that only a script sends (answers made of masses of unknown keys), so that their
 * cheap refusals cannot be repeated without end.
 */
export function countAsRefusal(res: Response): void {
  res.locals[COUNTS_AS_REFUSAL] = true;
}

function tokenGuard(limit: number, slowDownMs: number): RequestHandler {
  const byAddress = new FailureCounter(FIFTEEN_MINUTES);
  return async (req, res, next) => {
    const address = `ip:${req.ip ?? ""}`;
    const refusals = byAddress.count(address);
    if (refusals >= limit * TOKEN_REFUSAL_FACTOR) return refuse(res, next, byAddress.secondsUntilOneExpires(address));
    // Slowed, not refused: colleagues behind one address keep opening their own responses.
    await pause(slowDown(refusals - limit, slowDownMs));
    res.on("finish", () => {
      if (TOKEN_REFUSALS.has(res.statusCode) || res.locals[COUNTS_AS_REFUSAL] === true) byAddress.record(address);
    });
    next();
  };
}

/** The delay after `excess` failures beyond the limit: none below it, then doubling, capped. */
export function slowDown(excess: number, baseMs: number): number {
  if (excess < 0) return 0;
  return baseMs * 2 ** Math.min(excess, 4);
}

function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function refuse(res: Response, next: (error: unknown) => void, retryAfterSeconds: number): void {
  res.set("Retry-After", String(retryAfterSeconds));
  next(tooManyRequests());
}

function tooManyRequests(): AppError {
  return new AppError("too_many_requests", "Too many attempts. Wait a little before trying again (see Retry-After).");
}

function emailOf(req: Request): string {
  const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? email.trim().toLowerCase() : "";
}
