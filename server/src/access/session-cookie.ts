import type { Request, Response } from "express";
import { parse } from "cookie";

export const SESSION_COOKIE = "passerelle_session";

export function readSessionCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const value = parse(header)[SESSION_COOKIE];
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/**
 * httpOnly (no script can read it), SameSite=Strict (never sent by another site's page: the
 * first guard against cross-site requests), Secure when the request came over HTTPS (directly
 * or through a trusted proxy), and only sent to the API.
 */
export function setSessionCookie(req: Request, res: Response, secret: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: "strict", secure: req.secure, path: "/api", maxAge: maxAgeMs });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "strict", secure: req.secure, path: "/api" });
}
