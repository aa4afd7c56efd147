import { useEffect } from "react";
import { PageHeading } from "../../components/page-heading";
import { useI18n } from "../../i18n/i18n-context";
import { knownSurveyTitle, prefetchSurvey } from "../surveys/surveys.api";

/**
 * What the form page shows while its code (SurveyJS) downloads, which takes seconds on a weak
 * line: the questionnaire's title when the home page listed it, and a progress indicator, in the
 * respondent's language. Meanwhile it starts what the form will ask for once its code runs (the
 * questionnaire, the device store's module), so those downloads overlap the code's.
 */
export function FormLoading({ surveyId }: { surveyId: string }) {
  const { t, locale } = useI18n();
  useEffect(() => {
    prefetchSurvey(surveyId);
    // The device store (`device-store.ts`) loads `idb` on first use; fetched now, it is there
    // when the form opens instead of one more round trip later.
    void import("idb").catch(() => undefined);
  }, [surveyId]);
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
