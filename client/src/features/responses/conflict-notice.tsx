import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useI18n } from "../../i18n/i18n-context";
import type { ConflictChoice } from "./use-response-form";

/**
 * Shown when another tab or device saved the response meanwhile. The respondent's answers stay
 * on screen, unsaved, until they choose: nothing they typed is dropped behind their back.
 */
export function ConflictNotice({ conflict }: { conflict: ConflictChoice }) {
  const { t } = useI18n();
  const isWorking = conflict.progress.kind === "working";
  return (
    <Alert tone="error">
      <p>{t("conflictNotice")}</p>
      <div className="conflict-choices">
        <p>
          <button type="button" className="button" onClick={conflict.loadSaved} disabled={isWorking}>
            {t("conflictReload")}
          </button>{" "}
          <span className="conflict-note">{t("conflictReloadNote")}</span>
        </p>
        <p>
          <button type="button" className="button button-secondary" onClick={conflict.keepMine} disabled={isWorking}>
            {t("conflictKeepMine")}
          </button>{" "}
          <span className="conflict-note">{t("conflictKeepMineNote")}</span>
        </p>
      </div>
      {isWorking && <p role="status">{t("conflictWorking")}</p>}
      {conflict.progress.kind === "failed" && <p>{t("conflictFailed", { reason: t(errorMessageKey(conflict.progress.error)) })}</p>}
    </Alert>
  );
}
