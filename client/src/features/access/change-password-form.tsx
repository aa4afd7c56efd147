import { useState, type FormEvent } from "react";
import { MIN_PASSWORD_LENGTH } from "@passerelle/shared";
import { Alert } from "../../components/alert";
import { PageHeading } from "../../components/page-heading";
import { errorMessageKey } from "../../i18n/error-messages";
import { useI18n } from "../../i18n/i18n-context";
import { changePassword } from "./session.api";
import { refreshSession } from "./session-store";

/**
 * Shown in place of any staff page while the session was opened with a temporary password: the
 * server refuses everything else until a new password is chosen.
 */
export function ChangePasswordForm() {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsSending(true);
    setProblem(null);
    try {
      await changePassword(String(form.get("currentPassword")), String(form.get("newPassword")));
      await refreshSession();
    } catch (error) {
      setProblem(t(errorMessageKey(error)));
    } finally {
      setIsSending(false);
    }
  };
  return (
    <section className="page">
      <PageHeading>{t("changePasswordTitle")}</PageHeading>
      <p className="lead">{t("changePasswordIntro")}</p>
      <form className="staff-form" onSubmit={(event) => void handleSubmit(event)}>
        <label>
          {t("changePasswordCurrent")}
          <input name="currentPassword" type="password" autoComplete="current-password" required dir="ltr" />
        </label>
        <label>
          {t("changePasswordNew")}
          <input name="newPassword" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} dir="ltr" />
        </label>
        {problem && (
          <Alert tone="error">
            <p>{problem}</p>
          </Alert>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={isSending}>
            {t("changePasswordSubmit")}
          </button>
        </div>
      </form>
    </section>
  );
}
