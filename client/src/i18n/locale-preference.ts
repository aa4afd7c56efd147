import { DEFAULT_LOCALE, isLocale, type Locale } from "@passerelle/shared";

const STORAGE_KEY = "passerelle.locale";

/**
 * The first of our languages in the browser's preference list (`ar-LB` counts as `ar`), or
 * French. Pure, so the choice rule can be tested without a browser.
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split("-")[0];
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}

/** The language chosen earlier on this device, else the browser's preference. */
export function initialLocale(): Locale {
  const stored = readStored();
  if (stored) return stored;
  return pickLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage may be disabled (private browsing): the choice then lasts for this visit only.
  }
}

function readStored(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}
