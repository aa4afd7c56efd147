import { AppError } from "../http/app-error";
import type { AuditEvent, StoredAccount } from "../store/store.port";
import { auditEntry, type AuditDeps } from "./audit";
import { hashPassword, type PasswordHashing } from "./passwords";

export interface LifecycleDeps extends AuditDeps {
  passwordHashing: PasswordHashing;
}

/** Who asks: an administrator's account (who may not act on itself), or the command line. */
export type LifecycleActor = { account: StoredAccount } | { system: "cli" };

/**
 * Withdraws an account's access at once: it is signed out everywhere and cannot sign in until
 * enabled again. Nothing is deleted, its audit trail included.
 */
export async function disableAccount(deps: LifecycleDeps, actor: LifecycleActor, id: string): Promise<StoredAccount> {
  const account = await targetOf(deps, actor, id, "disable");
  const now = deps.now();
  const after = account.disabledAt ? account : await update(deps, id, { disabledAt: now, updatedAt: now }, recorded(now, actor, "account_disabled", account));
  await deps.store.sessions.deleteForAccount(id);
  return after;
}

export async function enableAccount(deps: LifecycleDeps, actor: LifecycleActor, id: string): Promise<StoredAccount> {
  const account = await targetOf(deps, actor, id, "enable");
  if (!account.disabledAt) return account;
  const now = deps.now();
  return update(deps, id, { disabledAt: null, updatedAt: now }, recorded(now, actor, "account_enabled", account));
}

/**
 * Deletes an account created by mistake, only while it never signed in: one that did has acts
 * in the audit trail, which must keep naming an account that existed (disable it instead).
 */
export async function deleteUnusedAccount(deps: LifecycleDeps, actor: LifecycleActor, id: string): Promise<void> {
  const account = await targetOf(deps, actor, id, "delete");
  const audit = recorded(deps.now(), actor, "account_deleted", account, { role: account.role });
  if (!(await deps.store.accounts.deleteNeverSignedIn(id, { audit }))) {
    throw new AppError("account_in_use", `${account.email} has signed in before: disable the account instead of deleting it.`);
  }
}

/**
 * Sets a temporary password, for someone who forgot theirs or was locked out: every session ends,
 * and the next sign-in must choose a new password before anything else.
 */
export async function setTemporaryPassword(deps: LifecycleDeps, actor: LifecycleActor, id: string, temporaryPassword: string): Promise<StoredAccount> {
  const account = await targetOf(deps, actor, id, "reset the password of");
  const passwordHash = await hashPassword(temporaryPassword, deps.passwordHashing);
  const now = deps.now();
  const after = await update(deps, id, { passwordHash, mustChangePassword: true, updatedAt: now }, recorded(now, actor, "password_reset", account));
  await deps.store.sessions.deleteForAccount(id);
  return after;
}

async function targetOf(deps: LifecycleDeps, actor: LifecycleActor, id: string, verb: string): Promise<StoredAccount> {
  // An administrator acting on their own account could leave nobody able to manage accounts.
  if ("account" in actor && actor.account.id === id) throw new AppError("forbidden", `You cannot ${verb} your own account; ask another administrator.`);
  const account = await deps.store.accounts.findById(id);
  if (!account) throw new AppError("route_not_found", "There is no such account.");
  return account;
}

// The change and its audit entry are one write: a crash keeps both or neither.
async function update(
  deps: LifecycleDeps,
  id: string,
  changes: Parameters<LifecycleDeps["store"]["accounts"]["update"]>[1],
  audit: AuditEvent,
): Promise<StoredAccount> {
  const after = await deps.store.accounts.update(id, changes, { audit });
  if (!after) throw new AppError("route_not_found", "There is no such account.");
  return after;
}

/** The audit entry of a change to an account, naming the command line as the source when it is. */
function recorded(at: Date, actor: LifecycleActor, action: string, account: StoredAccount, details: Record<string, unknown> = {}): AuditEvent {
  return auditEntry(at, { actor: actorName(actor), action, target: account.email, details: { ...details, ...sourceOf(actor) } });
}

function actorName(actor: LifecycleActor): string {
  return "account" in actor ? actor.account.email : "system";
}

function sourceOf(actor: LifecycleActor): Record<string, unknown> {
  return "system" in actor ? { from: actor.system } : {};
}
