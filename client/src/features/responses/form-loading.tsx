import { PageHeading } from "../../components/page-heading";
import { useI18n } from "../../i18n/i18n-context";
import { knownSurveyTitle } from "../surveys/surveys.api";

/**
 * What the form page shows while its code (SurveyJS) downloads, which takes seconds on a weak
 * line: the questionnaire's title when the home page listed it, and a progress indicator, in the
 * respondent's language.
 */
export function FormLoading({ surveyId }: { surveyId: string }) {
  const { t, locale } = useI18n();
  const title = knownSurveyTitle(surveyId, locale);
  return (
    <section className="page form-loading">
      {title && <PageHeading>{title}</PageHeading>}
      <p className="loading" role="status">
        {t("formLoading")}
      </p>
      <progress className="form-loading-progress" aria-label={t("formLoading")} />
    </section>
  );
}
