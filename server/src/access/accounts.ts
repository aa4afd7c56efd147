import { randomUUID } from "node:crypto";
import type { AccountView } from "@passerelle/shared";
import type { Store, StoredAccount } from "../store/store.port";
import { auditEntry } from "./audit";
import { hashPassword, type PasswordHashing } from "./passwords";

/**
 * Creates an account with a fresh id; StoreConflictError when the e-mail is taken. With
 * `createdBy`, its `account_created` entry is written in the same transaction.
 */
export async function createAccount(
  deps: { store: Store; now: () => Date; passwordHashing: PasswordHashing },
  input: { email: string; role: StoredAccount["role"]; password: string },
  createdBy?: { actor: string; details?: Record<string, unknown> },
): Promise<StoredAccount> {
  const now = deps.now();
  const account: StoredAccount = {
    id: randomUUID(),
    email: input.email,
    role: input.role,
    passwordHash: await hashPassword(input.password, deps.passwordHashing),
    disabledAt: null,
    mustChangePassword: false,
    lastSignInAt: null,
    createdAt: now,
    updatedAt: now,
  };
  const audit =
    createdBy &&
    auditEntry(now, { actor: createdBy.actor, action: "account_created", target: account.email, details: { role: account.role, ...createdBy.details } });
  await deps.store.accounts.insert(account, audit ? { audit } : {});
  return account;
}

export function presentAccount(account: StoredAccount): AccountView {
  return {
    id: account.id,
    email: account.email,
    role: account.role,
    createdAt: account.createdAt.toISOString(),
    isDisabled: account.disabledAt !== null,
    mustChangePassword: account.mustChangePassword,
    lastSignInAt: account.lastSignInAt?.toISOString() ?? null,
  };
}
