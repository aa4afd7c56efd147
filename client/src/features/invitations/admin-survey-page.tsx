import { useMemo } from "react";
import type { SurveySummary } from "@passerelle/shared";
import { Link } from "../../app/navigation";
import { adminPath } from "../../app/routes";
import { Alert } from "../../components/alert";
import { PageHeading } from "../../components/page-heading";
import { errorMessageKey } from "../../i18n/error-messages";
import { useI18n, useMessages } from "../../i18n/i18n-context";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLoader } from "../../lib/use-loader";
import { RequireStaff } from "../access/require-staff";
import { useRefreshingLoader } from "../dashboard/use-refreshing-loader";
import { getSurvey, listSurveys } from "../surveys/surveys.api";
import { ImportSection } from "./import-section";
import { NO_CHOICE_LABELS, readChoiceLabels, type ChoiceLabels } from "./invitation-labels";
import { InvitationsSection } from "./invitations-section";
import { getProgress } from "./invitations.api";
import { invitationsMessages } from "./invitations.messages";
import { ProgressSection } from "./progress-section";
import { useInvitationList } from "./use-invitation-list";
import "../access/access.css";
import "./invitations.css";

/** `/admin/surveys/:surveyId`: a questionnaire's progress, the import of invitations and the invitations. Administrators only. */
export default function AdminSurveyPage({ surveyId }: { surveyId: string }) {
  const { t } = useMessages(invitationsMessages);
  useDocumentTitle(t("adminSurveyTitle"));
  return (
    <RequireStaff roles={["admin"]} title={t("adminSurveyTitle")}>
      {() => <SurveyAdministration surveyId={surveyId} />}
    </RequireStaff>
  );
}

function SurveyAdministration({ surveyId }: { surveyId: string }) {
  const { t, locale } = useMessages(invitationsMessages);
  // Everything loads at once; the sections show when the questionnaire is known to exist.
  const [survey, reloadSurvey] = useLoader((signal) => findSurvey(surveyId, signal), [surveyId]);
  const labels = useChoiceLabels(surveyId);
  const progress = useRefreshingLoader((signal) => getProgress(surveyId, signal), [surveyId]);
  const list = useInvitationList(surveyId);
  const found = survey.status === "ready" ? survey.data : null;

  return (
    <section className="page">
      <p>
        <Link to={adminPath()}>{t("backToAdmin")}</Link>
      </p>
      <PageHeading>{found ? t("adminSurveyHeading", { title: found.title[locale] }) : t("adminSurveyTitle")}</PageHeading>
      {survey.status === "loading" && (
        <p className="loading" role="status">
          {t("loading")}
        </p>
      )}
      {survey.status === "error" && (
        <Alert tone="error">
          <p>{t(errorMessageKey(survey.error))}</p>
          <button type="button" className="button" onClick={reloadSurvey}>
            {t("retry")}
          </button>
        </Alert>
      )}
      {survey.status === "ready" && !found && (
        <Alert tone="error">
          <p>{t("errorSurveyNotFound")}</p>
        </Alert>
      )}
      {found && (
        <>
          {found.access === "public" && <p className="lead">{t("adminSurveyPublicNote")}</p>}
          <ProgressSection surveyId={surveyId} progress={progress} />
          <ImportSection
            surveyId={surveyId}
            onImported={() => {
              list.reload();
              progress.reload();
            }}
          />
          <InvitationsSection surveyId={surveyId} list={list} labels={labels} onChanged={progress.reload} />
        </>
      )}
    </section>
  );
}

/** The questionnaire's summary from the list every page uses (titles in every language), or null when there is none. */
async function findSurvey(surveyId: string, signal: AbortSignal): Promise<SurveySummary | null> {
  const surveys = await listSurveys(signal);
  return surveys.find((survey) => survey.id === surveyId) ?? null;
}

/**
 * Labels of kinds, governorates and districts from the questionnaire itself. They only dress
 * the table: while they load, or if they cannot, the table shows the values.
 */
function useChoiceLabels(surveyId: string): ChoiceLabels {
  const { locale } = useI18n();
  const [detail] = useLoader((signal) => getSurvey(surveyId, signal), [surveyId]);
  const definition = detail.status === "ready" ? detail.data.definition : null;
  return useMemo(() => (definition ? readChoiceLabels(definition, locale) : NO_CHOICE_LABELS), [definition, locale]);
}
