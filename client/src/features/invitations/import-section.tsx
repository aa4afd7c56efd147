import { useId, useState, type FormEvent } from "react";
import type { InvitationImportReport } from "@passerelle/shared";
import { ApiError } from "../../api/http";
import { Alert } from "../../components/alert";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { ImportReport } from "./import-report";
import { decodeUtf8 } from "./import-file";
import { importInvitations } from "./invitations.api";
import { invitationsMessages, type InvitationsKey } from "./invitations.messages";

interface ImportProblemNotice {
  message: InvitationsKey;
  /** The server's own account of a whole-file problem: it names the column at fault. */
  detail?: string;
}

/**
 * The import of the list of authorities: the expected columns, the file input, then the report of
 * the last import. The report (and its links, shown only once) stays here until the next import,
 * whatever else reloads on the page.
 */
export function ImportSection({ surveyId, onImported }: { surveyId: string; onImported: () => void }) {
  const { t } = useMessages(invitationsMessages);
  const headingId = useId();
  const fileInputId = useId();
  const [isSending, setIsSending] = useState(false);
  const [problem, setProblem] = useState<ImportProblemNotice | null>(null);
  // `sequence` makes each import's report a new one; `isSaved`: its links were downloaded.
  const [last, setLast] = useState<{ fileName: string; report: InvitationImportReport; sequence: number; isSaved: boolean } | null>(null);
  const hasUnsavedLinks = last !== null && last.report.mailMergeCsv !== null && !last.isSaved;

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const file = new FormData(form).get("file");
    if (!(file instanceof File) || file.name === "") return;
    if (hasUnsavedLinks && !window.confirm(t("importReplaceUnsaved"))) return;
    setProblem(null);
    setIsSending(true);
    try {
      const text = decodeUtf8(await file.arrayBuffer());
      if (text === null) {
        setProblem({ message: "importNotUtf8" });
        return;
      }
      const report = await importInvitations(surveyId, text);
      setLast((previous) => ({ fileName: file.name, report, sequence: (previous?.sequence ?? 0) + 1, isSaved: false }));
      form.reset();
      onImported();
    } catch (error) {
      const detail = error instanceof ApiError && error.code === "invalid_import" ? error.message : undefined;
      setProblem({ message: errorMessageKey(error), ...(detail ? { detail } : {}) });
    } finally {
      setIsSending(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="admin-section">
      <h2 id={headingId}>{t("importTitle")}</h2>
      <p>{t("importIntro")}</p>
      <p>{t("importColumns")}</p>
      <p>{t("importValues")}</p>
      <p>{t("importExampleTitle")}</p>
      <pre className="import-example" dir="ltr">
        {t("importExample")}
      </pre>
      <form className="import-form" onSubmit={(event) => void handleSubmit(event)}>
        <label htmlFor={fileInputId}>{t("importFileLabel")}</label>
        <input id={fileInputId} name="file" type="file" accept=".csv,text/csv" required />
        <button type="submit" className="button" disabled={isSending}>
          {t(isSending ? "importSending" : "importSubmit")}
        </button>
      </form>
      {isSending && (
        <p className="loading" role="status">
          {t("importSending")}
        </p>
      )}
      {problem && (
        <Alert tone="error">
          <p>{t(problem.message)}</p>
          {problem.detail && (
            <p>
              {t("importServerDetail")} <bdi>{problem.detail}</bdi>
            </p>
          )}
        </Alert>
      )}
      {last && (
        <ImportReport
          key={last.sequence}
          surveyId={surveyId}
          fileName={last.fileName}
          report={last.report}
          hasUnsavedLinks={hasUnsavedLinks}
          onSaved={() => setLast({ ...last, isSaved: true })}
        />
      )}
    </section>
  );
}
