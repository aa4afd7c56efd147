import { useEffect, useState, type ReactNode } from "react";
import type { Role, SessionView } from "@passerelle/shared";
import { Alert } from "../../components/alert";
import { PageHeading } from "../../components/page-heading";
import { errorMessageKey } from "../../i18n/error-messages";
import { useI18n } from "../../i18n/i18n-context";
import { refreshSession, useSession } from "./session-store";
import { ChangePasswordForm } from "./change-password-form";
import { SignInForm } from "./sign-in-form";

/**
 * A staff page's gate: asks who is signed in, shows the sign-in form in place when nobody is
 * (the address stays the page's, so signing in lands on it), and explains when the role does
 * not give access. The page itself renders with the session.
 */
export function RequireStaff({ roles, title, children }: { roles: readonly Role[]; title: string; children: (session: SessionView) => ReactNode }) {
  const { t } = useI18n();
  const state = useSession();
  const [problem, setProblem] = useState<unknown>(null);
  useEffect(() => {
    if (state.status === "unknown") refreshSession().catch(setProblem);
  }, [state.status]);

  if (problem) {
    return (
      <section className="page">
        <PageHeading>{title}</PageHeading>
        <Alert tone="error">
          <p>{t(errorMessageKey(problem))}</p>
        </Alert>
      </section>
    );
  }
  if (state.status === "unknown") {
    return (
      <p className="loading" role="status">
        {t("loading")}
      </p>
    );
  }
  if (state.status === "signed-out") {
    return (
      <section className="page">
        <PageHeading>{title}</PageHeading>
        <p className="lead">{t("signInToContinue")}</p>
        <SignInForm />
      </section>
    );
  }
  if (state.session.account.mustChangePassword) return <ChangePasswordForm />;
  if (!roles.includes(state.session.account.role)) {
    return (
      <section className="page">
        <PageHeading>{title}</PageHeading>
        <Alert tone="error">
          <p>{t("errorForbiddenRole")}</p>
        </Alert>
      </section>
    );
  }
  return <>{children(state.session)}</>;
}
