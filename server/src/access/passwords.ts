import argon2 from "argon2";

/** argon2id cost: OWASP's recommended minimum by default; tests lower it to stay fast. */
export interface PasswordHashing {
  memoryCost: number;
  timeCost: number;
}

export const DEFAULT_PASSWORD_HASHING: PasswordHashing = { memoryCost: 19 * 1024, timeCost: 2 };

export function hashPassword(password: string, cost: PasswordHashing = DEFAULT_PASSWORD_HASHING): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
}

/** False for a wrong password or a hash that cannot be read: never throws on bad input. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// Checked when the e-mail is unknown, so that a failed sign-in takes as long either way and
// does not tell whether an account exists.
let decoyHash: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string, cost: PasswordHashing): Promise<false> {
  decoyHash ??= hashPassword("decoy password never used", cost);
  await verifyPassword(await decoyHash, password);
  return false;
}
