import type { Logger } from "../logger";
import { StoreConflictError, type Store } from "../store/store.port";
import { DEFAULT_PASSWORD_HASHING } from "./passwords";
import { createAccount } from "./accounts";

/**
 * Creates the administrator named by ADMIN_EMAIL / ADMIN_PASSWORD unless an account already has
 * that e-mail: an existing account's password and role are never changed from the environment.
 */
export async function ensureFirstAdmin(store: Store, admin: { email: string; password: string } | undefined, logger: Logger): Promise<void> {
  if (!admin) return;
  if (await store.accounts.findByEmail(admin.email)) return;
  const now = () => new Date();
  try {
    await createAccount(
      { store, now, passwordHashing: DEFAULT_PASSWORD_HASHING },
      { email: admin.email, role: "admin", password: admin.password },
      { actor: "system", details: { from: "ADMIN_EMAIL" } },
    );
    logger.info({ email: admin.email }, "administrator account created");
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if (!(error instanceof StoreConflictError)) throw error;
  }
}
