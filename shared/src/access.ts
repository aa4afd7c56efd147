import { z } from "zod";

/**
 * Staff roles, from most to least trusted: administrators manage accounts and read the audit
 * trail; analysts read everything else, raw responses included; viewers (embassy staff) read
 * aggregates and thematic summaries only, never a personal answer.
 */
export const ROLES = ["admin", "analyst", "viewer"] as const;
export const RoleSchema = /* @__PURE__ */ z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Long enough to resist guessing; no composition rules, which push people to predictable patterns. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * A string of `min` to `max` characters. zod runs length checks (and `trim`) on any value with a
 * `length`, even one it has just found is not a string: `{ "length": { "toString": 0 } }` made
 * them throw and the request fail with a 500. Piping checks the type first and alone.
 */
/* @__NO_SIDE_EFFECTS__ */
function stringOfLength(min: number, max: number) {
  return z.string().pipe(z.string().min(min).max(max));
}

const PasswordSchema = stringOfLength(MIN_PASSWORD_LENGTH, 256);
const EmailSchema = /* @__PURE__ */ z
  .string()
  .pipe(z.string().trim().max(254))
  .pipe(z.email())
  .transform((email) => email.toLowerCase());

export const SignInSchema = /* @__PURE__ */ z.strictObject({
  email: EmailSchema,
  password: stringOfLength(1, 256),
});
export type SignIn = z.infer<typeof SignInSchema>;

export const ChangePasswordSchema = /* @__PURE__ */ z.strictObject({
  currentPassword: stringOfLength(1, 256),
  newPassword: PasswordSchema,
});

export const CreateAccountSchema = /* @__PURE__ */ z.strictObject({
  email: EmailSchema,
  role: RoleSchema,
  password: PasswordSchema,
});
export type CreateAccount = z.infer<typeof CreateAccountSchema>;

export const UpdateAccountSchema = /* @__PURE__ */ z.strictObject({
  role: RoleSchema,
});

/** `POST /api/admin/accounts/:id/password`: a temporary password, to be changed at next sign-in. */
export const ResetPasswordSchema = /* @__PURE__ */ z.strictObject({
  temporaryPassword: PasswordSchema,
});
export type ResetPassword = z.infer<typeof ResetPasswordSchema>;

export interface AccountView {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  /** Disabled by an administrator: cannot sign in, signed out everywhere. */
  isDisabled: boolean;
  /** Signed in with a temporary password: must choose a new one before anything else. */
  mustChangePassword: boolean;
  /** Null for an account never used, which an administrator may delete. */
  lastSignInAt: string | null;
}

/** `GET /api/session`: who is signed in, and the token to send back in `X-CSRF-Token`. */
export interface SessionView {
  account: AccountView;
  csrfToken: string;
}

export const CSRF_HEADER = "X-CSRF-Token";

export interface AuditEventView {
  id: string;
  at: string;
  /** The account's e-mail, `respondent` for a resume-token holder, `anonymous` otherwise. */
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
}
