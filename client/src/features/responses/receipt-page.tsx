import type { Locale } from "@passerelle/shared";
import { useMemo } from "react";
import { Link } from "../../app/navigation";
import { homePath, type Route } from "../../app/routes";
import { Alert } from "../../components/alert";
import { PageHeading } from "../../components/page-heading";
import { errorMessageKey } from "../../i18n/error-messages";
import { useI18n } from "../../i18n/i18n-context";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLoader } from "../../lib/use-loader";
import { getSurvey } from "../surveys/surveys.api";
import { loadCredentials } from "./draft-storage";
import { receiptSections } from "./receipt";
import { getInvitation, getResponse } from "./responses.api";
import { localisedText } from "./survey-model";

type ReceiptRoute = Extract<Route, { name: "receipt" }>;

/**
 * The respondent's copy of their response (`/surveys/:id/responses/:responseId/receipt#token`):
 * the questionnaire's title, the authority (for an invitation), the date, a short reference and
 * every answer with its question, in their language (right to left in Arabic), to print (A4
 * stylesheet) or download as a file with the same content. Read with the resume token, so only
 * the respondent sees it, personal fields included.
 */
export function ReceiptPage({ route }: { route: ReceiptRoute }) {
  const { t, locale, intlLocale } = useI18n();
  const token = route.resumeToken ?? rememberedToken(route);
  const [loaded, reload] = useLoader(
    async (signal) => {
      if (!token) throw new Error("no token");
      const remembered = loadCredentials(route.surveyId);
      const isInvitation = remembered?.isInvitation === true && remembered.resumeToken === token;
      const [survey, response, invitation] = await Promise.all([
        getSurvey(route.surveyId, signal),
        getResponse(route.responseId, token, signal),
        isInvitation ? getInvitation(token, signal).catch(() => null) : Promise.resolve(null),
      ]);
      return { survey, response, authority: invitation?.authorityName ?? null };
    },
    [route.surveyId, route.responseId, token],
  );
  const data = loaded.status === "ready" ? loaded.data : null;
  const title = data ? localisedText(data.survey.definition.title, locale) || data.survey.id : t("receiptTitle");
  useDocumentTitle(title);
  const sections = useMemo(() => (data ? receiptSections(data.survey.definition, data.response.answers, locale as Locale) : []), [data, locale]);

  if (loaded.status === "loading") {
    return (
      <p className="loading" role="status">
        {t("loading")}
      </p>
    );
  }
  if (loaded.status === "error" || !data) {
    return (
      <section className="page">
        <PageHeading>{t("receiptTitle")}</PageHeading>
        <Alert tone="error">
          <p>{token ? t(errorMessageKey(loaded.status === "error" ? loaded.error : null)) : t("resumeMissingToken")}</p>
          {token && (
            <button type="button" className="button" onClick={reload}>
              {t("retry")}
            </button>
          )}
        </Alert>
      </section>
    );
  }
  const { response, authority } = data;
  const date = response.submittedAt ?? response.updatedAt;
  const when = new Intl.DateTimeFormat(intlLocale, { dateStyle: "long", timeStyle: "short" }).format(new Date(date));
  const reference = shortReference(response.id);

  const download = () => {
    const copy = document.querySelector(".receipt-copy");
    if (!copy) return;
    const html = receiptDocument(copy.outerHTML, title, document.documentElement.lang, document.documentElement.dir);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
    link.download = `${route.surveyId}-${reference}.html`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <section className="page receipt">
      <div className="receipt-copy">
        <PageHeading>{title}</PageHeading>
        <p className="receipt-kind">{t("receiptTitle")}</p>
        <dl className="receipt-facts">
          {authority && (
            <>
              <dt>{t("receiptAuthority")}</dt>
              <dd>{authority}</dd>
            </>
          )}
          <dt>{response.status === "submitted" ? t("receiptSubmittedAt") : t("receiptSavedAt")}</dt>
          <dd>{when}</dd>
          <dt>{t("receiptReference")}</dt>
          <dd>
            <span dir="ltr">{reference}</span>{" "}
            <span className="receipt-id" dir="ltr">
              ({response.id})
            </span>
          </dd>
        </dl>
        {response.status !== "submitted" && <p className="receipt-draft">{t("receiptNotSubmitted")}</p>}
        {sections.map((section, index) => (
          <section key={index} className="receipt-section">
            {section.title && <h2>{section.title}</h2>}
            <dl>
              {section.answers.map((answer) => (
                <div key={answer.question} className="receipt-answer">
                  <dt>{answer.question}</dt>
                  <dd>
                    {answer.lines.map((line, index) => (
                      <span key={index} className="receipt-line">
                        {line}
                      </span>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="actions receipt-actions">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("receiptPrint")}
        </button>
        <button type="button" className="button button-secondary" onClick={download}>
          {t("receiptDownload")}
        </button>
        <Link to={homePath()}>{t("backHome")}</Link>
      </p>
    </section>
  );
}

function rememberedToken(route: ReceiptRoute): string | null {
  const remembered = loadCredentials(route.surveyId);
  return remembered?.responseId === route.responseId ? remembered.resumeToken : null;
}

/** The first eight characters of the id, in two groups: easy to read out on the phone. */
export function shortReference(responseId: string): string {
  const compact = responseId
    .replace(/[^0-9a-z]/gi, "")
    .slice(0, 8)
    .toUpperCase();
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/** The receipt as a file of its own: the same content, with the print styles inside. */
function receiptDocument(body: string, title: string, lang: string, dir: string): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return `<!doctype html>
<html lang="${escape(lang)}" dir="${escape(dir)}">
<head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body { font-family: system-ui, "Noto Sans", "Noto Sans Arabic", Tahoma, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1c1c1c; line-height: 1.5; }
dt { font-weight: 600; } dd { margin: 0 0 0.75rem; } .receipt-line { display: block; } .receipt-id { color: #4a4a4a; font-size: 0.875em; }
h2 { font-size: 1.1rem; border-block-end: 1px solid #c9ced3; } @page { size: A4; margin: 15mm; }
</style></head>
<body>${body}</body>
</html>
`;
}
