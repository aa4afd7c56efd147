import { useState, type ChangeEvent } from "react";
import type { ErrorDetail, QuestionnaireUploadCheck } from "@passerelle/shared";
import { ApiError } from "../../api/http";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { QuestionnairePreview } from "./questionnaire-preview";
import { checkUpload, publishUpload } from "./questionnaires-admin.api";
import { questionnairesAdminMessages } from "./questionnaires-admin.messages";

type UploadState =
  | { step: "idle" }
  | { step: "checking"; fileName: string }
  | { step: "refused"; fileName: string; message: string; details: readonly ErrorDetail[] }
  | { step: "checked"; file: { name: string; text: string }; check: QuestionnaireUploadCheck }
  | { step: "publishing"; file: { name: string; text: string }; check: QuestionnaireUploadCheck }
  | { step: "published"; message: string };

/**
 * Upload of a questionnaire file: checked by the server first (problems listed with their path
 * inside the file), then previewed in each of its languages, then published on confirmation.
 */
export function QuestionnaireUploadSection({ onPublished }: { onPublished: () => void }) {
  const { t, locale } = useMessages(questionnairesAdminMessages);
  const [state, setState] = useState<UploadState>({ step: "idle" });

  const handleFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.currentTarget.files?.[0];
    if (!chosen) return;
    const file = { name: chosen.name, text: await chosen.text() };
    setState({ step: "checking", fileName: file.name });
    try {
      setState({ step: "checked", file, check: await checkUpload(file) });
    } catch (error) {
      setState({ step: "refused", fileName: file.name, message: t(errorMessageKey(error)), details: error instanceof ApiError ? error.details : [] });
    }
  };
  const handlePublish = async (file: { name: string; text: string }, check: QuestionnaireUploadCheck) => {
    setState({ step: "publishing", file, check });
    try {
      const published = await publishUpload(file);
      setState({ step: "published", message: t("published", { version: published.questionnaire.version, title: published.questionnaire.title[locale] }) });
      onPublished();
    } catch (error) {
      setState({ step: "refused", fileName: file.name, message: t(errorMessageKey(error)), details: error instanceof ApiError ? error.details : [] });
    }
  };

  return (
    <section aria-labelledby="upload-title" className="admin-section">
      <h2 id="upload-title">{t("uploadTitle")}</h2>
      <p>{t("uploadHint")}</p>
      <label className="upload-field">
        {t("uploadChoose")}
        <input
          type="file"
          accept=".json,application/json"
          onChange={(event) => void handleFile(event)}
          disabled={state.step === "checking" || state.step === "publishing"}
        />
      </label>
      {state.step === "checking" && (
        <p className="loading" role="status">
          {t("uploadChecking")}
        </p>
      )}
      {state.step === "refused" && (
        <Alert tone="error">
          <p>{state.details.length > 0 ? t("uploadProblems", { file: state.fileName }) : state.message}</p>
          {state.details.length > 0 && (
            <ul className="upload-problems">
              {state.details.map((detail, index) => (
                <li key={index} dir="ltr">
                  <code>{detail.question}</code>: {detail.message}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {state.step === "published" && (
        <Alert tone="info">
          <p>{state.message}</p>
        </Alert>
      )}
      {(state.step === "checked" || state.step === "publishing") && (
        <CheckedUpload
          check={state.check}
          isPublishing={state.step === "publishing"}
          onPublish={() => void handlePublish(state.file, state.check)}
          onCancel={() => setState({ step: "idle" })}
        />
      )}
    </section>
  );
}

function CheckedUpload({
  check,
  isPublishing,
  onPublish,
  onCancel,
}: {
  check: QuestionnaireUploadCheck;
  isPublishing: boolean;
  onPublish: () => void;
  onCancel: () => void;
}) {
  const { t, locale } = useMessages(questionnairesAdminMessages);
  const title = check.title[locale];
  return (
    <div className="checked-upload">
      <p>
        {check.isNew
          ? t("uploadNew", { title, id: check.id })
          : check.isUnchanged
            ? t("uploadUnchanged")
            : t("uploadNewVersion", { title, previous: check.previousVersion ?? "" })}
      </p>
      {check.warnings.length > 0 && (
        <>
          <p>{t("uploadWarnings")}</p>
          <ul dir="ltr">
            {check.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </>
      )}
      <QuestionnairePreview definition={check.definition} languages={check.languages} />
      <div className="row-actions">
        <button type="button" className="button" disabled={isPublishing || check.isUnchanged} onClick={onPublish}>
          {isPublishing ? t("publishing") : t("publish")}
        </button>
        <button type="button" className="button button-secondary" disabled={isPublishing} onClick={onCancel}>
          {t("uploadCancel")}
        </button>
      </div>
    </div>
  );
}
