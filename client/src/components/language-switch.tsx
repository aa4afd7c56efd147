import { LOCALES } from "@passerelle/shared";
import { useI18n } from "../i18n/i18n-context";
import { LOCALE_NAMES } from "../i18n/messages";

/** Français · العربية · English, each written in its own language and script. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t("languageSwitchLabel")}>
      {LOCALES.map((candidate) => (
        <button
          key={candidate}
          type="button"
          lang={candidate}
          dir={candidate === "ar" ? "rtl" : "ltr"}
          aria-pressed={candidate === locale}
          onClick={() => setLocale(candidate)}
        >
          {LOCALE_NAMES[candidate]}
        </button>
      ))}
    </div>
  );
}
