import { useEffect, useId, useRef } from "react";
import type { ImportOutcome, InvitationImportReport } from "@passerelle/shared";
import { useMessages } from "../../i18n/i18n-context";
import { numberFormats } from "../dashboard/number-format";
import { describeImportProblem, OUTCOME_LABELS } from "./import-problems";
import { invitationsMessages } from "./invitations.messages";
import { saveMailMerge } from "./mail-merge-file";

const OUTCOMES: readonly ImportOutcome[] = ["created", "updated", "unchanged", "rejected"];

interface ImportReportProps {
  surveyId: string;
  fileName: string;
  report: InvitationImportReport;
  /** The links of the invitations created exist only here and have not been downloaded yet. */
  hasUnsavedLinks: boolean;
  onSaved: () => void;
}

/** What an import did: counts per outcome, the rejected lines and why, and the links of the invitations created. */
export function ImportReport({ surveyId, fileName, report, hasUnsavedLinks, onSaved }: ImportReportProps) {
  const { t, intlLocale } = useMessages(invitationsMessages);
  const headingId = useId();
  const captionId = useId();
  const formats = numberFormats(intlLocale);
  const rejected = report.lines.filter((line) => line.outcome === "rejected");
  const headingRef = useRef<HTMLHeadingElement>(null);
  // A new report takes the focus, so that keyboard and screen reader users land on the outcome.
  useEffect(() => headingRef.current?.focus(), []);
  useWarnBeforeLeaving(hasUnsavedLinks);

  const handleDownload = () => {
    if (report.mailMergeCsv === null) return;
    saveMailMerge(surveyId, report.mailMergeCsv);
    onSaved();
  };

  return (
    <section aria-labelledby={headingId} className="import-report">
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("importReportTitle", { file: fileName })}
      </h3>
      <ul className="import-counts">
        {OUTCOMES.map((outcome) => (
          <li key={outcome}>{t("labelValue", { label: t(OUTCOME_LABELS[outcome]), value: formats.integer(report.counts[outcome]) })}</li>
        ))}
      </ul>
      {report.mailMergeCsv === null ? (
        <p>{t("importNoLinks")}</p>
      ) : (
        <div className="alert alert-warning">
          <p>{t("importLinksWarning")}</p>
          <button type="button" className="button" onClick={handleDownload}>
            {t("downloadInvitationLinks")}
          </button>
        </div>
      )}
      {rejected.length > 0 && (
        <div className="admin-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="admin-table">
            <caption id={captionId}>{t("importRejectedCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("importColLine")}</th>
                <th scope="col">{t("invitationColName")}</th>
                <th scope="col">{t("importColProblems")}</th>
              </tr>
            </thead>
            <tbody>
              {rejected.map((line) => (
                <tr key={line.line}>
                  <td>{line.line}</td>
                  <td>{line.authorityName || "—"}</td>
                  <td>
                    <ul className="import-problems">
                      {line.problems.map((problem, index) => (
                        <li key={index}>{describeImportProblem(problem, t)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** While links exist only in this page, closing or reloading it asks first (the browser words the question). */
function useWarnBeforeLeaving(isActive: boolean): void {
  useEffect(() => {
    if (!isActive) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [isActive]);
}
