import { isRightToLeft, type Locale } from "@passerelle/shared";
import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { translatorFor, type FeatureMessages } from "./feature-messages";
import { initialLocale, storeLocale } from "./locale-preference";
import { translate, type MessageKey, type Translate } from "./messages";

/** The reader's language and its words; `K` is the keys `t` reads (the shared ones by default). */
export interface I18n<K extends string = MessageKey> {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate<K>;
  /** BCP 47 tag for `Intl` formatting (dates, times). */
  intlLocale: string;
}

const I18nContext = createContext<I18n | null>(null);

/** Intl tags matching the audience: Lebanese Arabic, French of France, English. */
const INTL_LOCALE: Record<Locale, string> = { fr: "fr-FR", ar: "ar-LB", en: "en-GB" };

/**
 * Holds the current language, persists the choice and mirrors it on `<html lang dir>`, so the
 * whole layout (not only the form) turns right-to-left in Arabic.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  // Before the first paint, so an Arabic page never flashes left-to-right.
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    root.dir = isRightToLeft(locale) ? "rtl" : "ltr";
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, values) => translate(locale, key, values),
      intlLocale: INTL_LOCALE[locale],
    }),
    [locale, setLocale],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}

/**
 * `useI18n()` for a lazily loaded feature: its `t` also reads the feature's own words (see
 * `defineMessages`), and a key in neither dictionary fails the type check.
 */
export function useMessages<K extends string>(messages: FeatureMessages<K>): I18n<K | MessageKey> {
  const i18n = useI18n();
  const { locale } = i18n;
  const t = useMemo(() => translatorFor(messages, locale), [messages, locale]);
  return useMemo(() => ({ ...i18n, t }), [i18n, t]);
}
