import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { CreateAccountSchema } from "@passerelle/shared";
import { DEFAULT_PASSWORD_HASHING } from "../access/passwords";
import { createAccount } from "../access/accounts";
import { loadConfig } from "../config";
import { openStore } from "../store/open-store";
import { StoreConflictError } from "../store/store.port";

const USAGE = `Usage:
  npm run admin -- create --email <e-mail> [--role admin|analyst|viewer]
      The password is read from PASSERELLE_PASSWORD or, when unset, from the terminal.
  npm run admin -- list`;

/** Account administration from the command line, on the store the server is configured for. */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, role: { type: "string", default: "admin" } },
  });
  const store = await openStore(loadConfig(), { prepare: true });
  try {
    if (positionals[0] === "list") {
      for (const account of await store.accounts.list()) console.log(`${account.email}\t${account.role}\t${account.createdAt.toISOString()}`);
      return 0;
    }
    if (positionals[0] !== "create") {
      console.error(USAGE);
      return 2;
    }
    const password = process.env.PASSERELLE_PASSWORD ?? (await ask("Password (at least 12 characters): "));
    const parsed = CreateAccountSchema.safeParse({ email: values.email, role: values.role, password });
    if (!parsed.success) {
      console.error(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
      return 2;
    }
    const account = await createAccount({ store, now: () => new Date(), passwordHashing: DEFAULT_PASSWORD_HASHING }, parsed.data);
    await store.audit.append({ at: new Date(), actor: "system", action: "account_created", target: account.email, details: { role: account.role, from: "cli" } });
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

async function ask(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
