import { Router, type RequestHandler } from "express";
import { ChangePasswordSchema, SignInSchema, type SessionView } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import { withBody } from "../http/with-body";
import type { StoredAccount, StoredSession } from "../store/store.port";
import { auditEntry, recordAudit, type AuditDeps } from "./audit";
import { presentAccount } from "./accounts";
import { hashPassword, verifyAgainstDecoy, verifyPassword, type PasswordHashing } from "./passwords";
import { principalOf } from "./principal";
import { newSecretToken } from "./secret-token";
import { clearSessionCookie, setSessionCookie } from "./session-cookie";

export interface SessionDeps extends AuditDeps {
  passwordHashing: PasswordHashing;
  sessionHours: number;
  signInLimits: RequestHandler[];
}

/** `/api/session`: sign in, who am I, sign out, change my password. */
export function sessionRoutes(deps: SessionDeps): Router {
  const router = Router();
  router.post(
    "/",
    ...deps.signInLimits,
    withBody(SignInSchema, async ({ email, password }, req, res) => {
      const account = await deps.store.accounts.findByEmail(email);
      const isValid = account ? await verifyPassword(account.passwordHash, password) : await verifyAgainstDecoy(password, deps.passwordHashing);
      if (!account || !isValid) {
        await recordAudit(deps, { actor: "anonymous", action: "sign_in_failed", target: email, details: { ip: req.ip } });
        throw new AppError("invalid_credentials", "The e-mail or the password is not right.");
      }
      // Said only to whoever knows the password: a guesser learns nothing from it.
      if (account.disabledAt) {
        await recordAudit(deps, { actor: account.email, action: "sign_in_refused", target: account.email, details: { ip: req.ip, reason: "disabled" } });
        throw new AppError("account_disabled", "This account is disabled: ask an administrator to enable it again.");
      }
      const { token: secret, hash: idHash } = newSecretToken();
      const now = deps.now();
      const session: StoredSession = {
        idHash,
        accountId: account.id,
        csrfToken: newSecretToken().token,
        createdAt: now,
        expiresAt: new Date(now.getTime() + deps.sessionHours * 3600_000),
      };
      await deps.store.sessions.insert(session);
      const audit = auditEntry(now, { actor: account.email, action: "sign_in", target: account.email, details: { ip: req.ip } });
      const signedIn = (await deps.store.accounts.update(account.id, { lastSignInAt: now, updatedAt: now }, { audit })) ?? account;
      setSessionCookie(req, res, secret, deps.sessionHours * 3600_000);
      res.set("Cache-Control", "no-store").json(presentSession(signedIn, session));
    }),
  );
  router.get("/", (_req, res) => {
    const principal = principalOf(res)!;
    res.set("Cache-Control", "no-store").json(presentSession(principal.account, principal.session));
  });
  router.delete("/", async (req, res) => {
    const principal = principalOf(res)!;
    await deps.store.sessions.delete(principal.session.idHash);
    clearSessionCookie(req, res);
    await recordAudit(deps, { actor: principal.account.email, action: "sign_out", target: principal.account.email });
    res.status(204).end();
  });
  router.put(
    "/password",
    withBody(ChangePasswordSchema, async ({ currentPassword, newPassword }, _req, res) => {
      const { account, session } = principalOf(res)!;
      if (!(await verifyPassword(account.passwordHash, currentPassword))) {
        throw new AppError("invalid_credentials", "The current password is not right.");
      }
      const passwordHash = await hashPassword(newPassword, deps.passwordHashing);
      const now = deps.now();
      const audit = auditEntry(now, { actor: account.email, action: "password_changed", target: account.email });
      await deps.store.accounts.update(account.id, { passwordHash, mustChangePassword: false, updatedAt: now }, { audit });
      // Anyone who had the old password and signed in elsewhere is signed out.
      await deps.store.sessions.deleteForAccount(account.id, session.idHash);
      res.status(204).end();
    }),
  );
  return router;
}

function presentSession(account: StoredAccount, session: StoredSession): SessionView {
  return { account: presentAccount(account), csrfToken: session.csrfToken };
}
