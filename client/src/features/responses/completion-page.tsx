import { Link } from "../../app/navigation";
import { homePath, receiptPath, type Route } from "../../app/routes";
import { PageHeading } from "../../components/page-heading";
import { useI18n } from "../../i18n/i18n-context";
import { useDocumentTitle } from "../../lib/use-document-title";
import { loadCredentials, type ResponseCredentials } from "./draft-storage";
import { responseAddress } from "./response-address";
import { ResumeLink } from "./resume-link";

type DoneRoute = Extract<Route, { name: "done" }>;

/**
 * Shown once the server accepted a submission: the confirmation, the response reference, and
 * the link to correct the answers until the questionnaire closes.
 */
export function CompletionPage({ route }: { route: DoneRoute }) {
  const { t } = useI18n();
  useDocumentTitle(t("doneTitle"));
  const credentials = findCredentials(route);

  return (
    <section className="page completion-page">
      <PageHeading>{t("doneTitle")}</PageHeading>
      <p className="lead">{t("doneBody")}</p>
      <dl className="reference">
        <dt>{t("doneReference")}</dt>
        <dd dir="ltr">{route.responseId}</dd>
      </dl>
      {credentials ? (
        <>
          <ResumeLink surveyId={route.surveyId} credentials={credentials} intro={t("doneCorrect")} />
          <p>
            <Link to={receiptPath(route.surveyId, credentials.responseId, credentials.resumeToken)}>{t("receiptKeep")}</Link>
          </p>
          <p>
            <Link to={responseAddress(route.surveyId, credentials)}>{t("openResponse")}</Link>
          </p>
        </>
      ) : (
        <p>{t("doneNoLink")}</p>
      )}
      <p>
        <Link to={homePath()}>{t("backHome")}</Link>
      </p>
    </section>
  );
}

// What this device remembers first: it knows whether the token is an invitation's.
function findCredentials(route: DoneRoute): ResponseCredentials | null {
  const remembered = loadCredentials(route.surveyId);
  if (remembered?.responseId === route.responseId && (!route.resumeToken || remembered.resumeToken === route.resumeToken)) return remembered;
  return route.resumeToken ? { responseId: route.responseId, resumeToken: route.resumeToken } : null;
}
