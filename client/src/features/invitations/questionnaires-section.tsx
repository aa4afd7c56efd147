import type { QuestionnaireAccess, QuestionnaireStatus } from "@passerelle/shared";
import { Link } from "../../app/navigation";
import { adminSurveyPath } from "../../app/routes";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useLoader } from "../../lib/use-loader";
import { numberFormats } from "../dashboard/number-format";
import { listSurveys } from "../surveys/surveys.api";
import { invitationsMessages, type InvitationsKey } from "./invitations.messages";

const STATUS_LABELS: Record<QuestionnaireStatus, InvitationsKey> = {
  draft: "surveyStatusDraft",
  open: "surveyStatusOpen",
  closed: "surveyStatusClosed",
};

const ACCESS_LABELS: Record<QuestionnaireAccess, InvitationsKey> = {
  public: "surveyAccessPublic",
  invitation: "surveyAccessInvitation",
};

/** The administrator's list of every questionnaire (drafts and closed ones too), each leading to its invitations. */
export function QuestionnairesSection() {
  const { t, locale, intlLocale } = useMessages(invitationsMessages);
  const formats = numberFormats(intlLocale);
  const [surveys, reload] = useLoader((signal) => listSurveys(signal), []);
  const when = (instant: string | undefined) => (instant ? formats.dateTime(instant) : "—");

  return (
    <section aria-labelledby="surveys-title" className="admin-section">
      <h2 id="surveys-title">{t("adminSurveysTitle")}</h2>
      {surveys.status === "loading" && (
        <p className="loading" role="status">
          {t("loading")}
        </p>
      )}
      {surveys.status === "error" && (
        <p>
          {t(errorMessageKey(surveys.error))}{" "}
          <button type="button" className="button-link" onClick={reload}>
            {t("retry")}
          </button>
        </p>
      )}
      {surveys.status === "ready" && surveys.data.length === 0 && <p>{t("adminSurveysEmpty")}</p>}
      {surveys.status === "ready" && surveys.data.length > 0 && (
        <table className="admin-table" aria-labelledby="surveys-title">
          <thead>
            <tr>
              <th scope="col">{t("adminColSurvey")}</th>
              <th scope="col">{t("adminColStatus")}</th>
              <th scope="col">{t("adminColAccess")}</th>
              <th scope="col">{t("adminColOpensAt")}</th>
              <th scope="col">{t("adminColClosesAt")}</th>
            </tr>
          </thead>
          <tbody>
            {surveys.data.map((survey) => (
              <tr key={survey.id}>
                <th scope="row">
                  {survey.title[locale]}
                  <br />
                  <Link to={adminSurveyPath(survey.id)} aria-label={`${t("adminSurveyLink")} — ${survey.title[locale]}`}>
                    {t("adminSurveyLink")}
                  </Link>
                </th>
                <td>{t(STATUS_LABELS[survey.status])}</td>
                <td>{t(ACCESS_LABELS[survey.access])}</td>
                <td>{when(survey.opensAt)}</td>
                <td>{when(survey.closesAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
