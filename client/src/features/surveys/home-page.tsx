import { Link } from "../../app/navigation";
import { dashboardPath, respondPath } from "../../app/routes";
import { Alert } from "../../components/alert";
import { PageHeading } from "../../components/page-heading";
import { errorMessageKey } from "../../i18n/error-messages";
import { useI18n } from "../../i18n/i18n-context";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLoader } from "../../lib/use-loader";
import { listSurveys } from "./surveys.api";

/** The questionnaires open for answers, in the current language. */
export function HomePage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t("homeTitle"));
  const [surveys, reload] = useLoader(async (signal) => {
    const all = await listSurveys(signal);
    return all.filter((survey) => survey.status === "open");
  }, []);

  return (
    <section className="page">
      <PageHeading>{t("homeTitle")}</PageHeading>
      <p className="lead">{t("homeIntro")}</p>
      {surveys.status === "loading" && (
        <p className="loading" role="status">
          {t("loading")}
        </p>
      )}
      {surveys.status === "error" && (
        <Alert tone="error">
          <p>{t("homeError", { reason: t(errorMessageKey(surveys.error)) })}</p>
          <button type="button" className="button" onClick={reload}>
            {t("retry")}
          </button>
        </Alert>
      )}
      {surveys.status === "ready" && surveys.data.length === 0 && <p role="status">{t("homeEmpty")}</p>}
      {surveys.status === "ready" && surveys.data.length > 0 && (
        <ul className="survey-list">
          {surveys.data.map((survey) => (
            <li key={survey.id} className="survey-card">
              <h2>
                <Link to={respondPath(survey.id)}>{survey.title[locale]}</Link>
              </h2>
              <p>{survey.description[locale]}</p>
              <p className="survey-card-links">
                <Link to={dashboardPath(survey.id)} aria-label={`${t("dashboardLink")} — ${survey.title[locale]}`}>
                  {t("dashboardLink")}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
