import { LOCALES, type Locale } from "@passerelle/shared";
import { adminMessages } from "../../../client/src/features/access/admin.messages";
import { dashboardMessages } from "../../../client/src/features/dashboard/dashboard.messages";
import { invitationsMessages } from "../../../client/src/features/invitations/invitations.messages";
import { defineMessages, translatorFor, type FeatureMessages } from "../../../client/src/i18n/feature-messages";
import { fillPlaceholders, MESSAGES, translate } from "../../../client/src/i18n/messages";

const sample = defineMessages({
  fr: { greeting: "Bonjour {name}, {name} !", plain: "Sans valeur" },
  ar: { greeting: "مرحبا {name}", plain: "بلا قيمة" },
  en: { greeting: "Hello {name}, {name}!", plain: "No value" },
});

describe("a feature's translator", () => {
  test.each<[Locale, string]>([
    ["fr", "Bonjour Zahlé, Zahlé !"],
    ["ar", "مرحبا Zahlé"],
    ["en", "Hello Zahlé, Zahlé!"],
  ])("in %s, reads the feature's own words with every placeholder filled: %s", (locale, expected) => {
    expect(translatorFor(sample, locale)("greeting", { name: "Zahlé" })).toBe(expected);
  });

  test("reads the shared words too, filled as translate fills them", () => {
    const t = translatorFor(sample, "fr");
    expect(t("homeError", { reason: "hors ligne" })).toBe(translate("fr", "homeError", { reason: "hors ligne" }));
    expect(t("retry")).toBe("Réessayer");
  });

  test("leaves a placeholder without a value as it is, and ignores values it does not use", () => {
    const t = translatorFor(sample, "en");
    expect(t("greeting")).toBe("Hello {name}, {name}!");
    expect(t("plain", { name: "unused" })).toBe("No value");
  });

  test("accepts only its own keys and the shared ones (checked by the compiler, never run)", () => {
    const t = translatorFor(sample, "en");
    const misuses = [
      // @ts-expect-error: a key in neither dictionary.
      () => t("greting"),
      // @ts-expect-error: a feature's key means nothing to the shared translator.
      () => translate("en", "greeting"),
    ];
    expect(misuses).toHaveLength(2);
  });
});

describe("fillPlaceholders", () => {
  test.each([
    ["{label} : {value}", { label: "Caza", value: "Zahlé" }, "Caza : Zahlé"],
    ["{count} sur {count}", { count: "3" }, "3 sur 3"],
    ["{missing} reste", {}, "{missing} reste"],
    ["pas de {accolade", { accolade: "x" }, "pas de {accolade"],
    ["{a}{b}", { a: "{b}", b: "B" }, "{b}B"],
  ])("%s with %j reads %s", (template, values, expected) => {
    expect(fillPlaceholders(template, values)).toBe(expected);
  });
});

describe("defineMessages", () => {
  test("refuses, at compile time, languages whose keys differ from the French ones", () => {
    const checks = [
      defineMessages({
        fr: { a: "A", b: "B" },
        // @ts-expect-error: Arabic lacks `b`.
        ar: { a: "أ" },
        en: { a: "A", b: "B" },
      }),
      defineMessages({
        fr: { a: "A" },
        ar: { a: "أ" },
        // @ts-expect-error: English has a key French does not define.
        en: { a: "A", extra: "Extra" },
      }),
    ];
    expect(checks).toHaveLength(2);
  });

  test("refuses, at compile time, a key that hides a shared one", () => {
    const fr = { retry: "Encore" };
    // @ts-expect-error: `retry` is a shared key; the feature would silently change its words.
    const hiding = defineMessages({ fr, ar: { retry: "مجددا" }, en: { retry: "Again" } });
    expect(hiding.fr.retry).toBe("Encore");
  });
});

// The type checker sees keys, not the placeholders inside the words: a translation that drops or
// misspells `{name}` would show the raw placeholder or lose the value. Checked here for every dictionary.
const DICTIONARIES: [string, FeatureMessages<string>][] = [
  ["shared", MESSAGES],
  ["dashboard", dashboardMessages],
  ["invitations", invitationsMessages],
  ["administration", adminMessages],
];

test.each(DICTIONARIES)("the %s words have the French placeholders in every language", (_name, messages) => {
  const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
  for (const locale of LOCALES) {
    for (const [key, french] of Object.entries(messages.fr)) {
      expect({ key, locale, placeholders: placeholders(messages[locale][key] ?? "") }).toEqual({ key, locale, placeholders: placeholders(french) });
    }
  }
});
