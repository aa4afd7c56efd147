import { randomUUID } from "node:crypto";
import type { AccountView } from "@passerelle/shared";
import type { Store, StoredAccount } from "../store/store.port";
import { hashPassword, type PasswordHashing } from "./passwords";

/** Creates an account with a fresh id; StoreConflictError when the e-mail is taken. */
export async function createAccount(
  deps: { store: Store; now: () => Date; passwordHashing: PasswordHashing },
  input: { email: string; role: StoredAccount["role"]; password: string },
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
  await deps.store.accounts.insert(account);
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
