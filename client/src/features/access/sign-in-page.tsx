import type { SessionView } from "@passerelle/shared";
import { navigate } from "../../app/navigation";
import { adminPath, homePath } from "../../app/routes";
import { PageHeading } from "../../components/page-heading";
import { useI18n } from "../../i18n/i18n-context";
import { useDocumentTitle } from "../../lib/use-document-title";
import { SignInForm } from "./sign-in-form";

/** `/sign-in`: staff sign in, then land on their role's home. */
export function SignInPage() {
  const { t } = useI18n();
  useDocumentTitle(t("signInTitle"));
  return (
    <section className="page">
      <PageHeading>{t("signInTitle")}</PageHeading>
      <SignInForm onSignedIn={(session) => navigate(roleHome(session))} />
    </section>
  );
}

/** Administrators land on the administration area; analysts and viewers on the questionnaires and their dashboards. */
export function roleHome(session: SessionView): string {
  return session.account.role === "admin" ? adminPath() : homePath();
}
