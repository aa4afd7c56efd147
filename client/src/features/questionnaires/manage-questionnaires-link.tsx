import { Link } from "../../app/navigation";
import { adminQuestionnairesPath } from "../../app/routes";
import { useMessages } from "../../i18n/i18n-context";
import { questionnairesAdminMessages } from "./questionnaires-admin.messages";

/** On `/admin`: the way to the questionnaires' opening, dates and uploads. */
export function ManageQuestionnairesLink() {
  const { t } = useMessages(questionnairesAdminMessages);
  return (
    <p>
      <Link to={adminQuestionnairesPath()}>{t("questionnairesAdminLink")}</Link>
    </p>
  );
}
