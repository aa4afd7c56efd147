import { PageHeading } from "../../components/page-heading";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLoader } from "../../lib/use-loader";
import { RequireStaff } from "../access/require-staff";
import { ManagedQuestionnaireCard } from "./managed-questionnaire-card";
import { QuestionnaireUploadSection } from "./questionnaire-upload-section";
import { listManagedQuestionnaires } from "./questionnaires-admin.api";
import { questionnairesAdminMessages } from "./questionnaires-admin.messages";
import "../access/access.css";
import "./questionnaires-admin.css";

/** `/admin/questionnaires`: open, close and date each questionnaire; upload new ones or new versions. Administrators only. */
export default function QuestionnairesAdminPage() {
  const { t } = useMessages(questionnairesAdminMessages);
  useDocumentTitle(t("questionnairesAdminTitle"));
  return (
    <RequireStaff roles={["admin"]} title={t("questionnairesAdminTitle")}>
      {() => <QuestionnairesAdministration />}
    </RequireStaff>
  );
}

function QuestionnairesAdministration() {
  const { t } = useMessages(questionnairesAdminMessages);
  const [loaded, reload] = useLoader((signal) => listManagedQuestionnaires(signal), []);
  return (
    <section className="page">
      <PageHeading>{t("questionnairesAdminTitle")}</PageHeading>
      <p>{t("questionnairesAdminIntro")}</p>
      {loaded.status === "loading" && (
        <p className="loading" role="status">
          {t("loading")}
        </p>
      )}
      {loaded.status === "error" && (
        <p>
          {t(errorMessageKey(loaded.error))}{" "}
          <button type="button" className="button-link" onClick={reload}>
            {t("retry")}
          </button>
        </p>
      )}
      {loaded.status === "ready" &&
        loaded.data.questionnaires.map((questionnaire) => (
          <ManagedQuestionnaireCard key={`${questionnaire.id}-${questionnaire.version}`} questionnaire={questionnaire} />
        ))}
      <QuestionnaireUploadSection onPublished={reload} />
    </section>
  );
}
