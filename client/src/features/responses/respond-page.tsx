import { useEffect, useState, type ReactNode } from "react";
import { Link, navigate } from "../../app/navigation";
import { homePath, respondPath, type Route } from "../../app/routes";
import { Alert } from "../../components/alert";
import { PageHeading } from "../../components/page-heading";
import { errorMessageKey } from "../../i18n/error-messages";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/messages";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLoader } from "../../lib/use-loader";
import { forgetCredentials } from "./draft-storage";
import { FormLoading } from "./form-loading";
import { loadSession, minutesToWait, type ResumeFailure } from "./load-session";
import { ResponseForm } from "./response-form";

type RespondRoute = Extract<Route, { name: "respond" | "invitation" }>;

// In this chunk too: it reads the questionnaire with survey-core, as the form does.
export { ReceiptPage } from "./receipt-page";

/**
 * `/surveys/:surveyId` (new or remembered response), `/surveys/:surveyId/responses/:id#token`
 * (resume) and `/surveys/:surveyId/invitation#token` (an authority's invitation). Loaded
 * lazily: it is the only page that needs SurveyJS.
 */
export default function RespondPage({ route }: { route: RespondRoute }) {
  // Bumped by "start a new response" to rebuild everything from a clean slate.
  const [sessionKey, setSessionKey] = useState(0);
  const startNewResponse = () => {
    forgetCredentials(route.surveyId);
    navigate(respondPath(route.surveyId));
    setSessionKey((key) => key + 1);
  };
  return <ResponseSession key={sessionKey} route={route} onStartNew={startNewResponse} />;
}

function ResponseSession({ route, onStartNew }: { route: RespondRoute; onStartNew: () => void }) {
  const { t, setLocale } = useI18n();
  // The address is read once: replacing it with the resume link later must not reload.
  const [request] = useState(() =>
    route.name === "invitation"
      ? { surveyId: route.surveyId, responseId: null, resumeToken: null, invitationToken: route.invitationToken }
      : { surveyId: route.surveyId, responseId: route.responseId, resumeToken: route.resumeToken },
  );
  const [session, reload] = useLoader((signal) => loadSession(request, signal), [request]);
  // An invitation opens in the authority's language; the switch in the header still works.
  const invitationLocale = session.status === "ready" && session.data.kind === "ready" ? session.data.invitation?.session.locale : null;
  useEffect(() => {
    if (invitationLocale) setLocale(invitationLocale);
  }, [invitationLocale, setLocale]);

  if (session.status === "loading") return <FormLoading surveyId={route.surveyId} />;
  if (session.status === "error" || session.data.kind === "survey-failed") {
    const error = session.status === "error" ? session.error : session.data.kind === "survey-failed" ? session.data.error : null;
    return (
      <ProblemPage title={t("formLoadFailedTitle")}>
        <p>{t(errorMessageKey(error))}</p>
        <button type="button" className="button" onClick={reload}>
          {t("retry")}
        </button>
      </ProblemPage>
    );
  }
  const data = session.data;
  if (data.kind === "resume-failed") {
    // Rate-limited: the response exists; starting another would only make a duplicate.
    const isRateLimited = data.reason === "rate-limited";
    return (
      <ProblemPage title={t("resumeFailedTitle")}>
        <p>
          {t(data.reason === "temporary" ? errorMessageKey(data.error) : RESUME_FAILURE_MESSAGE[data.reason], { minutes: String(minutesToWait(data.error)) })}
        </p>
        <p className="actions">
          {(data.reason === "temporary" || isRateLimited) && (
            <button type="button" className="button" onClick={reload}>
              {t("retry")}
            </button>
          )}
          {!isRateLimited && (
            <button type="button" className="button button-secondary" onClick={onStartNew}>
              {t("startNewResponse")}
            </button>
          )}
        </p>
      </ProblemPage>
    );
  }
  return (
    <ResponseForm
      survey={data.survey}
      response={data.response}
      credentials={data.credentials}
      invitation={data.invitation}
      unsent={data.unsent}
      unsentKey={data.unsentKey}
      isOffline={data.isOffline}
      onStartNew={onStartNew}
    />
  );
}

const RESUME_FAILURE_MESSAGE: Record<Exclude<ResumeFailure, "temporary">, MessageKey> = {
  "missing-token": "resumeMissingToken",
  unauthorised: "resumeUnauthorised",
  "invitation-invalid": "errorInvitationInvalid",
  "not-found": "resumeNotFound",
  "rate-limited": "resumeRateLimited",
};

function ProblemPage({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title);
  const { t } = useI18n();
  return (
    <section className="page">
      <PageHeading>{title}</PageHeading>
      <Alert tone="error">{children}</Alert>
      <p>
        <Link to={homePath()}>{t("backHome")}</Link>
      </p>
    </section>
  );
}
