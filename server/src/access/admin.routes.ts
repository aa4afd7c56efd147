import { Router } from "express";
import { z } from "zod";
import { CreateAccountSchema, ResetPasswordSchema, UpdateAccountSchema } from "@passerelle/shared";
import { writeCsv } from "../exports/csv-stream";
import { AppError } from "../http/app-error";
import { startAttachment } from "../http/attachment";
import { parseQuery } from "../http/validation-details";
import { withBody } from "../http/with-body";
import { StoreConflictError, type StoredAuditEvent } from "../store/store.port";
import { auditEntry, presentAuditEvent } from "./audit";
import { principalOf } from "./principal";
import { createAccount, presentAccount } from "./accounts";
import { deleteUnusedAccount, disableAccount, enableAccount, setTemporaryPassword } from "./account-lifecycle";
import type { SessionDeps } from "./session.routes";

const AuditPageSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z
    .string()
    .regex(/^[0-9a-f]{1,24}$/)
    .optional(),
});

/** `/api/admin/...`: accounts and the audit trail, for administrators. */
export function adminRoutes(deps: Omit<SessionDeps, "signInLimits">): Router {
  const router = Router();
  router.get("/accounts", async (_req, res) => {
    res.set("Cache-Control", "no-store").json({ accounts: (await deps.store.accounts.list()).map(presentAccount) });
  });
  router.post(
    "/accounts",
    withBody(CreateAccountSchema, async (input, _req, res) => {
      const account = await createAccount(deps, input, { actor: principalOf(res)!.account.email }).catch((error: unknown) => {
        if (error instanceof StoreConflictError) throw new AppError("account_exists", `There is already an account for ${input.email}.`);
        throw error;
      });
      res.status(201).json(presentAccount(account));
    }),
  );
  router.patch(
    "/accounts/:id",
    withBody(UpdateAccountSchema, async ({ role }, req, res) => {
      const admin = principalOf(res)!.account;
      const id = String(req.params.id);
      // An administrator demoting themselves could leave nobody able to manage accounts.
      if (id === admin.id) throw new AppError("forbidden", "You cannot change your own role; ask another administrator.");
      const before = await deps.store.accounts.findById(id);
      if (!before) throw new AppError("route_not_found", "There is no such account.");
      const at = deps.now();
      const audit = auditEntry(at, { actor: admin.email, action: "account_role_changed", target: before.email, details: { from: before.role, to: role } });
      const after = await deps.store.accounts.update(id, { role, updatedAt: at }, { audit });
      if (!after) throw new AppError("route_not_found", "There is no such account.");
      // A new role takes effect at once: the account signs in again.
      if (before.role !== role) await deps.store.sessions.deleteForAccount(id);
      res.json(presentAccount(after));
    }),
  );
  const actor = (res: Parameters<typeof principalOf>[0]) => ({ account: principalOf(res)!.account });
  router.post("/accounts/:id/disable", async (req, res) => {
    res.json(presentAccount(await disableAccount(deps, actor(res), String(req.params.id))));
  });
  router.post("/accounts/:id/enable", async (req, res) => {
    res.json(presentAccount(await enableAccount(deps, actor(res), String(req.params.id))));
  });
  router.delete("/accounts/:id", async (req, res) => {
    await deleteUnusedAccount(deps, actor(res), String(req.params.id));
    res.status(204).end();
  });
  router.post(
    "/accounts/:id/password",
    withBody(ResetPasswordSchema, async ({ temporaryPassword }, req, res) => {
      res.set("Cache-Control", "no-store").json(presentAccount(await setTemporaryPassword(deps, actor(res), String(req.params.id), temporaryPassword)));
    }),
  );
  router.get("/audit", async (req, res) => {
    const { limit, before } = parseQuery(AuditPageSchema, req.query, "The audit page parameters are not valid.");
    const events = await deps.store.audit.list({ limit, ...(before ? { before } : {}) });
    res.set("Cache-Control", "no-store").json({
      events: events.map(presentAuditEvent),
      next: events.length === limit ? (events.at(-1)?.id ?? null) : null,
    });
  });
  router.get("/audit.csv", async (_req, res) => {
    startAttachment(res, "text/csv; charset=utf-8", `audit-${deps.now().toISOString().slice(0, 10)}.csv`);
    await writeCsv(res, auditRows(deps.store.audit), { delimiter: ",", bom: true });
  });
  return router;
}

// The whole trail, newest first, a page at a time.
async function* auditRows(audit: SessionDeps["store"]["audit"]): AsyncIterable<(string | number)[]> {
  yield ["id", "at", "actor", "action", "target", "details"];
  let before: string | undefined;
  for (;;) {
    const page: StoredAuditEvent[] = await audit.list({ limit: 500, ...(before ? { before } : {}) });
    for (const event of page) yield [event.id, event.at.toISOString(), event.actor, event.action, event.target, JSON.stringify(event.details)];
    if (page.length < 500) return;
    before = page.at(-1)?.id;
  }
}
