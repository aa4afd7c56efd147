import { BRIEF_WORDS, fillBriefWords, isRightToLeft, type JsonObject, type Role } from "@passerelle/shared";
import { useCallback, useMemo } from "react";
import { Link, navigate, useLocation } from "../../app/navigation";
import { briefPath, dashboardPath } from "../../app/routes";
import { Alert } from "../../components/alert";
import { PageHeading } from "../../components/page-heading";
import { errorMessageKey } from "../../i18n/error-messages";
import { defineMessages } from "../../i18n/feature-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLoader } from "../../lib/use-loader";
import { RequireStaff } from "../access/require-staff";
import { getDefinition } from "../dashboard/dashboard.api";
import { dashboardMessages } from "../dashboard/dashboard.messages";
import { parseFilters, periodProblem, toQueryString, type DashboardFilters } from "../dashboard/dashboard-filters";
import { readDashboardQuestionnaire, type DashboardQuestionnaire } from "../dashboard/dashboard-questionnaire";
import { FiltersBar } from "../dashboard/filters-bar";
import { numberFormats } from "../dashboard/number-format";
import { briefDocxUrl, getBrief } from "../texts/texts.api";
import { FrontPage, Priorities, ThemeSections, type BriefContext } from "./brief-sections";
import "../dashboard/dashboard.css";
import "./brief.css";

const briefMessages = defineMessages({
  fr: {
    ...BRIEF_WORDS.fr,
    briefPrint: "Imprimer ou enregistrer en PDF",
    briefWord: "Télécharger (Word)",
    briefBack: "Retour au tableau de bord",
    briefLoading: "Préparation de la note…",
  },
  ar: {
    ...BRIEF_WORDS.ar,
    briefPrint: "طباعة أو حفظ بصيغة PDF",
    briefWord: "تنزيل (Word)",
    briefBack: "العودة إلى لوحة المتابعة",
    briefLoading: "جارٍ إعداد المذكرة…",
  },
  en: {
    ...BRIEF_WORDS.en,
    briefPrint: "Print or save as PDF",
    briefWord: "Download (Word)",
    briefBack: "Back to the dashboard",
    briefLoading: "Preparing the brief…",
  },
});

const STAFF_ROLES: readonly Role[] = ["admin", "analyst", "viewer"];

/**
 * `/surveys/:surveyId/brief`: the thematic brief under the dashboard's filters, for every staff
 * role, each reading the figures its role may see. On screen it has its filters and buttons;
 * printed (see brief.css) it is a clean A4 document with the filters and date in each page's header.
 */
export default function BriefPage({ surveyId }: { surveyId: string }) {
  const { t } = useMessages(briefMessages);
  return (
    <RequireStaff roles={STAFF_ROLES} title={t("briefTitle")}>
      {(session) => <BriefLoader surveyId={surveyId} role={session.account.role} />}
    </RequireStaff>
  );
}

function BriefLoader({ surveyId, role }: { surveyId: string; role: Role }) {
  const { t } = useMessages(briefMessages);
  useDocumentTitle(t("briefTitle"));
  const [detail, reload] = useLoader((signal) => getDefinition(surveyId, signal), [surveyId]);
  if (detail.status === "ready") return <Brief surveyId={surveyId} definition={detail.data.definition} role={role} />;
  return (
    <section className="page">
      <PageHeading>{t("briefTitle")}</PageHeading>
      {detail.status === "loading" ? (
        <p role="status">{t("briefLoading")}</p>
      ) : (
        <Alert tone="error">
          <p>{t(errorMessageKey(detail.error))}</p>
          <button type="button" className="button" onClick={reload}>
            {t("retry")}
          </button>
        </Alert>
      )}
    </section>
  );
}

function Brief({ surveyId, definition, role }: { surveyId: string; definition: JsonObject; role: Role }) {
  const { t, locale, intlLocale } = useMessages(briefMessages);
  const { t: dt } = useMessages(dashboardMessages);
  const questionnaire: DashboardQuestionnaire = useMemo(
    () =>
      readDashboardQuestionnaire(
        definition,
        locale,
        { yes: dt("answerYes"), no: dt("answerNo"), other: dt("answerOther"), none: dt("answerNone"), computed: dt("computedValues") },
        role !== "viewer",
      ),
    // `dt` changes with `locale`.
    [definition, locale, role],
  );
  const fields = questionnaire.breakdownFields;
  const location = useLocation();
  const filters = useMemo(() => parseFilters(location.search, fields), [location.search, fields]);
  const query = toQueryString(filters, fields);
  const problem = periodProblem(filters);
  const [loaded, reload] = useLoader((signal) => getBrief(surveyId, query, signal), [surveyId, query]);
  const handleFiltersChange = useCallback(
    (next: DashboardFilters) => navigate(briefPath(surveyId, toQueryString(next, fields)), { replace: true }),
    [surveyId, fields],
  );
  const formats = numberFormats(intlLocale);
  const word = useCallback((key: Parameters<typeof fillBriefWords>[1], values?: Record<string, string>) => fillBriefWords(locale, key, values), [locale]);
  const filtersLine = describeFilters(filters, questionnaire, word, formats.date);
  const date = loaded.status === "ready" ? formats.date(loaded.data.generatedAt.slice(0, 10)) : "";
  const ctx: BriefContext | null = loaded.status === "ready" ? { brief: loaded.data, questionnaire, formats, word } : null;

  return (
    <article className="page brief" lang={locale} dir={isRightToLeft(locale) ? "rtl" : "ltr"}>
      <PageStyle header={`${t("briefTitle")} · ${questionnaire.title} · ${filtersLine} · ${date}`} pageWord={t("briefPage")} />
      <div className="brief-toolbar">
        <Link to={dashboardPath(surveyId, query)} className="button button-secondary">
          {t("briefBack")}
        </Link>
        <button type="button" className="button" onClick={() => window.print()}>
          {t("briefPrint")}
        </button>
        <a className="button button-secondary" href={briefDocxUrl(surveyId, query, locale)} download>
          {t("briefWord")}
        </a>
        <FiltersBar fields={fields} filters={filters} onChange={handleFiltersChange} isOneAtATime={role === "viewer"} />
      </div>
      <header className="brief-cover">
        <PageHeading>{t("briefTitle")}</PageHeading>
        <p className="brief-subtitle">{word("briefSubtitle", { title: questionnaire.title })}</p>
        <p>{filtersLine}</p>
        {date && <p>{word("briefGenerated", { date })}</p>}
      </header>
      {problem === "inverted" && <Alert tone="error">{dt("filterPeriodInverted")}</Alert>}
      {loaded.status === "loading" && <p role="status">{t("briefLoading")}</p>}
      {loaded.status === "error" && (
        <Alert tone="error">
          <p>{t(errorMessageKey(loaded.error))}</p>
          <button type="button" className="button" onClick={reload}>
            {t("retry")}
          </button>
        </Alert>
      )}
      {ctx && (
        <>
          <FrontPage ctx={ctx} />
          {ctx.brief.overview.respondents ? (
            <>
              <Priorities ctx={ctx} />
              <ThemeSections ctx={ctx} />
            </>
          ) : (
            <Alert tone="info">{word("briefNoRespondents")}</Alert>
          )}
        </>
      )}
    </article>
  );
}

/**
 * The printed page's margins: the brief, its filters and date at the top of every page, the page
 * number at the bottom. CSS margin boxes take strings only, so this one rule is written here,
 * with the reader's words, while brief.css holds the rest.
 */
function PageStyle({ header, pageWord }: { header: string; pageWord: string }) {
  const css = `@page { @top-center { content: ${cssString(header)}; } @bottom-center { content: ${cssString(`${pageWord} `)} counter(page) " / " counter(pages); } }`;
  return <style>{css}</style>;
}

function cssString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ")}"`;
}

function describeFilters(filters: DashboardFilters, questionnaire: DashboardQuestionnaire, word: BriefContext["word"], date: (iso: string) => string): string {
  const entries = Object.entries(filters).filter(([, value]) => value);
  if (entries.length === 0) return word("briefFilters", { filters: word("briefNoFilter") });
  const described = entries.map(([key, value]) => {
    if (key === "from" || key === "to") return `${key === "from" ? "≥" : "≤"} ${date(value)}`;
    const field = questionnaire.questions.get(key);
    return `${field?.title ?? key} : ${field?.choices.find((choice) => choice.value === value)?.label ?? value}`;
  });
  return word("briefFilters", { filters: described.join(" · ") });
}
