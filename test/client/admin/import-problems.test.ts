import type { ImportProblem, Locale } from "@passerelle/shared";
import { describeImportProblem } from "../../../client/src/features/invitations/import-problems";
import { invitationsMessages } from "../../../client/src/features/invitations/invitations.messages";
import { translatorFor } from "../../../client/src/i18n/feature-messages";

const t = (locale: Locale) => translatorFor(invitationsMessages, locale);
const problem = (column: ImportProblem["column"], code: ImportProblem["code"]): ImportProblem => ({ column, code, message: "English text for logs" });

test.each<[Locale, ImportProblem, string]>([
  ["fr", problem("name", "missing"), "Nom : valeur manquante"],
  ["fr", problem("name", "too_long"), "Nom : texte trop long"],
  ["fr", problem("kind", "unknown_choice"), "Type : valeur inconnue du questionnaire"],
  ["fr", problem("district", "district_outside_governorate"), "Caza : ce caza n'est pas dans le gouvernorat indiqué"],
  ["fr", problem("email", "invalid_email"), "E-mail : adresse e-mail non valable"],
  ["fr", problem("language", "unknown_language"), "Langue : langue inconnue (fr, ar ou en)"],
  ["fr", problem("line", "duplicate_line"), "Cette collectivité figure déjà plus haut dans le fichier."],
  ["en", problem("governorate", "unknown_choice"), "Governorate: value unknown to the questionnaire"],
  ["en", problem("line", "duplicate_line"), "This authority is already on an earlier line of the file."],
  ["ar", problem("email", "invalid_email"), "البريد الإلكتروني: بريد إلكتروني غير صالح"],
])("in %s, %j reads %s", (locale, given, expected) => {
  expect(describeImportProblem(given, t(locale))).toBe(expected);
});

test("a code newer than this client falls back to the server's words, with the column", () => {
  const newer = { column: "email", code: "blocked_domain", message: "domain is blocked" } as unknown as ImportProblem;
  expect(describeImportProblem(newer, t("en"))).toBe("E-mail: domain is blocked");
});
