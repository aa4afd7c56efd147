import { Writable } from "node:stream";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { CreateAccountSchema, ResetPasswordSchema } from "@passerelle/shared";
import { disableAccount, enableAccount, setTemporaryPassword, type LifecycleDeps } from "../access/account-lifecycle";
import { DEFAULT_PASSWORD_HASHING } from "../access/passwords";
import { createAccount } from "../access/accounts";
import { loadConfig } from "../config";
import { AppError } from "../http/app-error";
import { createLogger } from "../logger";
import { openStore } from "../store/open-store";
import { StoreConflictError, type Store } from "../store/store.port";

const USAGE = `Usage:
  npm run admin -- create --email <e-mail> [--role admin|analyst|viewer]
  npm run admin -- list
  npm run admin -- disable --email <e-mail>
  npm run admin -- enable --email <e-mail>
  npm run admin -- reset-password --email <e-mail>
      Passwords are read from PASSERELLE_PASSWORD or, when unset, typed without being shown;
      a reset password is temporary: it must be changed at the next sign-in.`;

const LIFECYCLE_COMMANDS = new Set(["disable", "enable", "reset-password"]);

/** Account administration from the command line, on the store the server is configured for. */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, role: { type: "string", default: "admin" } },
  });
  const store = await openStore(loadConfig(), { prepare: true });
  try {
    if (positionals[0] === "list") {
      for (const account of await store.accounts.list()) {
        const state = account.disabledAt ? "disabled" : account.mustChangePassword ? "temporary password" : "active";
        console.log(`${account.email}\t${account.role}\t${state}\t${account.createdAt.toISOString()}`);
      }
      return 0;
    }
    if (LIFECYCLE_COMMANDS.has(positionals[0] ?? "")) return await changeAccount(store, positionals[0] as string, values.email);
    if (positionals[0] !== "create") {
      console.error(USAGE);
      return 2;
    }
    const password = process.env.PASSERELLE_PASSWORD ?? (await askHidden("Password (at least 12 characters): "));
    const parsed = CreateAccountSchema.safeParse({ email: values.email, role: values.role, password });
    if (!parsed.success) {
      console.error(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
      return 2;
    }
    const account = await createAccount({ store, now: () => new Date(), passwordHashing: DEFAULT_PASSWORD_HASHING }, parsed.data, {
      actor: "system",
      details: { from: "cli" },
    });
    console.log(`Created ${account.role} ${account.email}.`);
    return 0;
  } catch (error) {
    if (error instanceof StoreConflictError) {
      console.error(`There is already an account for ${values.email}.`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

// Disable, enable or reset the password of an account, audited as done from the command line.
async function changeAccount(store: Store, command: string, email: string | undefined): Promise<number> {
  const account = email ? await store.accounts.findByEmail(email.trim().toLowerCase()) : null;
  if (!account) {
    console.error(email ? `There is no account for ${email}.` : USAGE);
    return email ? 1 : 2;
  }
  const deps: LifecycleDeps = { store, logger: createLogger("warn"), now: () => new Date(), passwordHashing: DEFAULT_PASSWORD_HASHING };
  const actor = { system: "cli" } as const;
  try {
    if (command === "disable") {
      await disableAccount(deps, actor, account.id);
      console.log(`Disabled ${account.email}: signed out everywhere, cannot sign in.`);
    } else if (command === "enable") {
      await enableAccount(deps, actor, account.id);
      console.log(`Enabled ${account.email}.`);
    } else {
      const temporaryPassword = process.env.PASSERELLE_PASSWORD ?? (await askHidden("Temporary password (at least 12 characters): "));
      const parsed = ResetPasswordSchema.safeParse({ temporaryPassword });
      if (!parsed.success) {
        console.error("The temporary password must be at least 12 characters long.");
        return 2;
      }
      await setTemporaryPassword(deps, actor, account.id, parsed.data.temporaryPassword);
      console.log(`Set a temporary password for ${account.email}: it must be changed at the next sign-in.`);
    }
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

// Reads a line from the terminal without showing what is typed: a password never appears on
// screen, in a scrollback or in a screen recording.
async function askHidden(question: string): Promise<string> {
  process.stdout.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const terminal = createInterface({ input: process.stdin, output: silent, terminal: process.stdin.isTTY === true });
  try {
    return await terminal.question("");
  } finally {
    terminal.close();
    process.stdout.write("\n");
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
