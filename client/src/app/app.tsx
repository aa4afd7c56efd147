import { lazy, Suspense, useEffect } from "react";
import { Alert } from "../components/alert";
import { LanguageSwitch } from "../components/language-switch";
import { LoadErrorBoundary } from "../components/load-error-boundary";
import { AccountMenu } from "../features/access/account-menu";
import { SignInPage } from "../features/access/sign-in-page";
import { CompletionPage } from "../features/responses/completion-page";
import { FormLoading } from "../features/responses/form-loading";
import { HomePage } from "../features/surveys/home-page";
import { I18nProvider, useI18n } from "../i18n/i18n-context";
import { Link, useLocation } from "./navigation";
import { NotFoundPage } from "./not-found-page";
import { homePath, parseRoute } from "./routes";

// The form page carries SurveyJS (most of the download): it is fetched only when a
// questionnaire is opened, so the list of questionnaires appears quickly on a slow line.
let markFormCodeLoaded: () => void = () => undefined;
const formCodeLoaded = new Promise<void>((resolve) => (markFormCodeLoaded = resolve));
const loadRespondPage = () =>
  import("../features/responses/respond-page").then((module) => {
    markFormCodeLoaded();
    return module;
  });
const RespondPage = lazy(loadRespondPage);
const ReceiptPage = lazy(() => loadRespondPage().then((module) => ({ default: module.ReceiptPage })));
// The dashboard carries chart.js: its own chunk, never downloaded by respondents.
const DashboardPage = lazy(() => import("../features/dashboard/dashboard-page"));
// The printable brief carries chart.js and the maps too: a chunk of its own.
const BriefPage = lazy(() => import("../features/brief/brief-page"));
const AdminPage = lazy(() => import("../features/access/admin-page"));
const AdminSurveyPage = lazy(() => import("../features/invitations/admin-survey-page"));
const QuestionnairesAdminPage = lazy(() => import("../features/questionnaires/questionnaires-admin-page"));
// Matchmaking: staff only, its own chunk and its own words.
const MatchingPage = lazy(() => import("../features/matching/matching-page"));

/**
 * Settles once the page opened has downloaded what it shows: the document's own files, and on the
 * respondent's pages (the list, which fetches the form's code, and the form) the form's code.
 * Whatever is not needed for that (the service worker and the copies it keeps) waits for it, so
 * on a weak line it does not share the bandwidth the first question needs.
 */
export function firstScreenLoaded(): Promise<void> {
  const documentLoaded = new Promise<void>((resolve) => {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", () => resolve(), { once: true });
  });
  const { name } = parseRoute(window.location.pathname, window.location.hash);
  const usesForm = name === "home" || name === "respond" || name === "invitation" || name === "receipt";
  return usesForm ? Promise.all([documentLoaded, formCodeLoaded]).then(() => undefined) : documentLoaded;
}

export function App() {
  return (
    <I18nProvider>
      <Layout />
    </I18nProvider>
  );
}

function Layout() {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to={homePath()} className="app-name">
            {t("appName")}
          </Link>
          <span className="app-tagline">{t("tagline")}</span>
          <AccountMenu />
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="app-main">
        <CurrentPage />
      </main>
    </>
  );
}

function CurrentPage() {
  const { t } = useI18n();
  const location = useLocation();
  const route = parseRoute(location.pathname, location.hash);
  const isHome = route.name === "home";
  // From the list of questionnaires the next step is a form: fetch its code while the
  // respondent reads, so it opens at once (and is kept for offline use).
  useEffect(() => {
    if (!isHome) return;
    const timer = setTimeout(() => void loadRespondPage().catch(() => undefined), 1_000);
    return () => clearTimeout(timer);
  }, [isHome]);
  switch (route.name) {
    case "home":
      return <HomePage />;
    case "respond":
    case "invitation":
      return (
        <LoadErrorBoundary fallback={(retry) => <PageLoadFailed onRetry={retry} />}>
          <Suspense fallback={<FormLoading surveyId={route.surveyId} />}>
            {/* Keyed by questionnaire only: replacing the URL with the resume link after the
                first save must not rebuild the form. */}
            <RespondPage key={route.surveyId} route={route} />
          </Suspense>
        </LoadErrorBoundary>
      );
    case "done":
      return <CompletionPage route={route} />;
    case "receipt":
      return (
        <LoadErrorBoundary fallback={(retry) => <PageLoadFailed onRetry={retry} />}>
          <Suspense fallback={<p className="loading">{t("loading")}</p>}>
            <ReceiptPage route={route} />
          </Suspense>
        </LoadErrorBoundary>
      );
    case "dashboard":
      return (
        <LoadErrorBoundary fallback={(retry) => <PageLoadFailed onRetry={retry} />}>
          <Suspense fallback={<p className="loading">{t("dashboardLoading")}</p>}>
            <DashboardPage key={route.surveyId} surveyId={route.surveyId} />
          </Suspense>
        </LoadErrorBoundary>
      );
    case "brief":
      return (
        <LoadErrorBoundary fallback={(retry) => <PageLoadFailed onRetry={retry} />}>
          <Suspense fallback={<p className="loading">{t("loading")}</p>}>
            <BriefPage key={route.surveyId} surveyId={route.surveyId} />
          </Suspense>
        </LoadErrorBoundary>
      );
    case "sign-in":
      return <SignInPage />;
    case "admin":
      return (
        <LoadErrorBoundary fallback={(retry) => <PageLoadFailed onRetry={retry} />}>
          <Suspense fallback={<p className="loading">{t("loading")}</p>}>
            <AdminPage />
          </Suspense>
        </LoadErrorBoundary>
      );
    case "admin-survey":
      return (
        <LoadErrorBoundary fallback={(retry) => <PageLoadFailed onRetry={retry} />}>
          <Suspense fallback={<p className="loading">{t("loading")}</p>}>
            <AdminSurveyPage key={route.surveyId} surveyId={route.surveyId} />
          </Suspense>
        </LoadErrorBoundary>
      );
    case "admin-questionnaires":
      return (
        <LoadErrorBoundary fallback={(retry) => <PageLoadFailed onRetry={retry} />}>
          <Suspense fallback={<p className="loading">{t("loading")}</p>}>
            <QuestionnairesAdminPage />
          </Suspense>
        </LoadErrorBoundary>
      );
    case "matching":
      return (
        <LoadErrorBoundary fallback={(retry) => <PageLoadFailed onRetry={retry} />}>
          <Suspense fallback={<p className="loading">{t("loading")}</p>}>
            <MatchingPage />
          </Suspense>
        </LoadErrorBoundary>
      );
    case "not-found":
      return <NotFoundPage />;
  }
}

/** A lazily loaded page whose code could not be downloaded (the connection dropped just then). */
function PageLoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <Alert tone="error">
      <p>{t("errorNetwork")}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t("retry")}
      </button>
    </Alert>
  );
}
