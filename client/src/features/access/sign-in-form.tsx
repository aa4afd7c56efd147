import { useState, type FormEvent } from "react";
import type { SessionView } from "@passerelle/shared";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useI18n } from "../../i18n/i18n-context";
import { signIn } from "./session-store";

/**
 * E-mail and password, with the server's refusal (wrong password, too many attempts, a
 * disabled account) shown, and what to do when locked out.
 */
export function SignInForm({ onSignedIn }: { onSignedIn?: (session: SessionView) => void }) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsSending(true);
    setProblem(null);
    try {
      const session = await signIn(String(form.get("email")), String(form.get("password")));
      onSignedIn?.(session);
    } catch (error) {
      setProblem(t(errorMessageKey(error)));
    } finally {
      setIsSending(false);
    }
  };

  return (
    <form className="staff-form" onSubmit={(event) => void submit(event)}>
      <label>
        {t("signInEmail")}
        <input name="email" type="email" autoComplete="username" required dir="ltr" />
      </label>
      <label>
        {t("signInPassword")}
        <input name="password" type="password" autoComplete="current-password" required dir="ltr" />
      </label>
      {problem && (
        <Alert tone="error">
          <p>{problem}</p>
        </Alert>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={isSending}>
          {t("signInSubmit")}
        </button>
      </div>
      <p className="muted">{t("signInLockedOut")}</p>
    </form>
  );
}
