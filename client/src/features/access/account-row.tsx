import { useState, type FormEvent } from "react";
import { ROLES, type AccountView, type Role } from "@passerelle/shared";
import { useMessages } from "../../i18n/i18n-context";
import { adminMessages, type AdminKey } from "./admin.messages";
import { changeRole, deleteAccount, disableAccount, enableAccount, setTemporaryPassword } from "./admin.api";

export const ROLE_LABELS: Record<Role, AdminKey> = { admin: "roleAdmin", analyst: "roleAnalyst", viewer: "roleViewer" };

interface AccountRowProps {
  account: AccountView;
  isSelf: boolean;
  /** Runs an action, then tells what was done (or what went wrong) and reloads the list. */
  act: (action: () => Promise<unknown>, done: string) => Promise<void>;
}

type Pending = { kind: "role"; role: Role } | { kind: "delete" } | { kind: "password" } | null;

/**
 * One account: its role (a change asks for confirmation: it signs the person out), its state,
 * and what an administrator can do with it. Nothing is done to one's own account here.
 */
export function AccountRow({ account, isSelf, act }: AccountRowProps) {
  const { t } = useMessages(adminMessages);
  const [pending, setPending] = useState<Pending>(null);
  const run = (action: () => Promise<unknown>, done: string) => void act(action, done).then(() => setPending(null));
  const handlePassword = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const temporaryPassword = String(new FormData(event.currentTarget).get("temporaryPassword"));
    run(() => setTemporaryPassword(account.id, temporaryPassword), t("passwordResetDone", { email: account.email }));
  };
  const state = account.isDisabled ? t("accountDisabled") : account.mustChangePassword ? t("accountTemporary") : t("accountActive");
  const lastSignIn = account.lastSignInAt ? t("accountLastSignIn", { at: account.lastSignInAt.replace("T", " ").slice(0, 16) }) : t("accountNeverUsed");

  return (
    <tr data-account={account.email}>
      <td dir="ltr">{account.email}</td>
      <td>
        <select
          aria-label={`${t("accountRole")} — ${account.email}`}
          value={pending?.kind === "role" ? pending.role : account.role}
          disabled={isSelf}
          onChange={(event) => setPending({ kind: "role", role: event.target.value as Role })}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(ROLE_LABELS[role])}
            </option>
          ))}
        </select>
      </td>
      <td>
        {state}
        <br />
        <small className="muted">{lastSignIn}</small>
      </td>
      <td>
        {pending === null && !isSelf && (
          <div className="row-actions">
            {account.isDisabled ? (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => run(() => enableAccount(account.id), t("accountEnabledDone", { email: account.email }))}
              >
                {t("enableAccount")}
              </button>
            ) : (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => run(() => disableAccount(account.id), t("accountDisabledDone", { email: account.email }))}
              >
                {t("disableAccount")}
              </button>
            )}
            <button type="button" className="button button-secondary" onClick={() => setPending({ kind: "password" })}>
              {t("resetPassword")}
            </button>
            {account.lastSignInAt === null && (
              <button type="button" className="button button-secondary" onClick={() => setPending({ kind: "delete" })}>
                {t("deleteAccount")}
              </button>
            )}
          </div>
        )}
        {pending?.kind === "role" && (
          <Confirmation
            question={t("confirmRole", { email: account.email, from: t(ROLE_LABELS[account.role]), to: t(ROLE_LABELS[pending.role]) })}
            onConfirm={() => run(() => changeRole(account.id, pending.role), t("roleChanged", { email: account.email }))}
            onCancel={() => setPending(null)}
          />
        )}
        {pending?.kind === "delete" && (
          <Confirmation
            question={t("confirmDelete", { email: account.email })}
            onConfirm={() => run(() => deleteAccount(account.id), t("accountDeletedDone", { email: account.email }))}
            onCancel={() => setPending(null)}
          />
        )}
        {pending?.kind === "password" && (
          <form className="staff-form" onSubmit={handlePassword}>
            <label>
              {t("temporaryPassword")}
              <input name="temporaryPassword" type="password" required minLength={12} autoComplete="new-password" dir="ltr" />
            </label>
            <div className="actions">
              <button type="submit" className="button">
                {t("setTemporaryPassword")}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setPending(null)}>
                {t("cancel")}
              </button>
            </div>
          </form>
        )}
      </td>
    </tr>
  );
}

function Confirmation({ question, onConfirm, onCancel }: { question: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useMessages(adminMessages);
  return (
    <div role="group" aria-label={question}>
      <p>{question}</p>
      <div className="actions">
        <button type="button" className="button" onClick={onConfirm}>
          {t("confirm")}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </div>
  );
}
