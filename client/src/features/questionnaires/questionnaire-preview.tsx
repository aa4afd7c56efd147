import { useMemo, useState } from "react";
import { Survey } from "survey-react-ui";
import "survey-core/survey-core.fontless.css";
import { useMessages } from "../../i18n/i18n-context";
import { createSurveyModel } from "../responses/survey-model";
import { questionnairesAdminMessages } from "./questionnaires-admin.messages";

// Languages written right to left, of those a questionnaire may be written in.
const RIGHT_TO_LEFT = new Set(["ar", "fa", "he", "ur"]);

/**
 * The form as respondents would see it, in one of the questionnaire's languages at a time (its
 * plain texts when it has none), every page at once and nothing answerable: a preview before
 * publishing.
 */
export function QuestionnairePreview({ definition, languages }: { definition: Record<string, unknown>; languages: readonly string[] }) {
  const { t, locale, intlLocale } = useMessages(questionnairesAdminMessages);
  const choices = languages.length > 0 ? languages : [""];
  const [language, setLanguage] = useState(choices.includes(locale) ? locale : (choices[0] ?? ""));
  // One model per language shown: SurveyJS words its own buttons and messages by the model's locale.
  const model = useMemo(() => {
    const built = createSurveyModel(definition, locale);
    built.locale = language === "en" ? "" : language;
    built.mode = "display";
    built.questionsOnPageMode = "singlePage";
    built.showTitle = true;
    return built;
  }, [definition, language]);
  const names = useMemo(() => new Intl.DisplayNames([intlLocale], { type: "language" }), [intlLocale]);
  const nameOf = (code: string) => (code === "" ? t("previewPlain") : (names.of(code) ?? code));

  return (
    <section aria-labelledby="preview-title" className="questionnaire-preview">
      <h3 id="preview-title">{t("previewTitle")}</h3>
      <div role="group" aria-label={t("previewLanguage")} className="row-actions">
        {choices.map((code) => (
          <button
            key={code}
            type="button"
            className={code === language ? "button" : "button button-secondary"}
            aria-pressed={code === language}
            onClick={() => setLanguage(code)}
          >
            {nameOf(code)}
          </button>
        ))}
      </div>
      <div className="preview-frame" lang={language || undefined} dir={RIGHT_TO_LEFT.has(language.split("-")[0] ?? "") ? "rtl" : "ltr"}>
        <Survey model={model} key={language} />
      </div>
    </section>
  );
}
