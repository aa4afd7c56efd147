import { timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { CSRF_HEADER } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import type { Store } from "../store/store.port";
import { allows, ruleFor } from "./access-rules";
import { setPrincipal, type StaffPrincipal } from "./principal";
import { hashSecretToken } from "./secret-token";
import { readSessionCookie } from "./session-cookie";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const OPEN_WITH_TEMPORARY_PASSWORD = new Set(["GET /session", "DELETE /session", "PUT /session/password"]);

/**
 * Mounted on `/api` before every route: finds who is signed in from the session cookie, then
 * applies the access table. An endpoint reserved to staff and called to change something must
 * also carry the session's CSRF token in a header, which another site's page cannot read.
 */
export function enforceAccess(deps: { store: Store; now: () => Date }): RequestHandler {
  return async (req, res, next) => {
    const principal = await findPrincipal(deps, readSessionCookie(req));
    if (principal) setPrincipal(res, principal);
    const rule = ruleFor(req.method, req.path);
    // Default deny: an endpoint someone forgot to put in the table is not reachable.
    if (!rule) throw new AppError("route_not_found", "There is no such API endpoint.");
    if (rule.allow === "everyone") return next();
    if (!principal) throw new AppError("unauthenticated", "Sign in to use this page.");
    if (!allows(rule.allow, principal.account.role)) throw new AppError("forbidden", "Your role does not give access to this.");
    // A temporary password opens the session and the password change, nothing else.
    if (principal.account.mustChangePassword && !OPEN_WITH_TEMPORARY_PASSWORD.has(`${req.method} ${req.path.replace(/\/$/, "")}`)) {
      throw new AppError("password_change_required", "Choose a new password first: the one you signed in with was temporary.");
    }
    if (STATE_CHANGING.has(req.method) && !sameSecret(req.get(CSRF_HEADER), principal.session.csrfToken)) {
      throw new AppError("csrf_rejected", `Send the session's CSRF token in the ${CSRF_HEADER} header.`);
    }
    next();
  };
}

async function findPrincipal(deps: { store: Store; now: () => Date }, secret: string | undefined): Promise<StaffPrincipal | undefined> {
  if (!secret) return undefined;
  const session = await deps.store.sessions.find(hashSecretToken(secret), deps.now());
  if (!session) return undefined;
  const account = await deps.store.accounts.findById(session.accountId);
  // A disabled account's sessions are deleted; this also holds for one written meanwhile.
  return account && !account.disabledAt ? { account, session } : undefined;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
