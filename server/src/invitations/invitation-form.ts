import { Model, type Question } from "survey-core";
import {
  INVITATION_FIELDS,
  forEachElement,
  isQuestionElement,
  registerCustomProperties,
  toLocaleRecord,
  type InvitationField,
  type JsonObject,
  type JsonPath,
  type Locale,
} from "@passerelle/shared";
import type { StoredInvitation } from "../store/store.port";

export interface InvitationChoice {
  value: string;
  label: Record<Locale, string>;
}

/** A question an invitation fills in. */
export interface InvitationQuestion {
  name: string;
  /** The values it accepts, when it is a choice question. */
  choices?: readonly InvitationChoice[];
}

/**
 * How a questionnaire takes in an invitation: which of its questions each invitation field
 * fills in (the `invitationField` property), and, when districts are shown per governorate, which
 * governorates each district belongs to.
 */
export interface InvitationForm {
  questions: Partial<Record<InvitationField, InvitationQuestion>>;
  /** District value → the governorates under which the district question offers it. */
  districtGovernorates: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Reads the invitation form of a definition, reporting a field mapped twice or an unknown field.
 * The district's governorates come from survey-core itself: for each governorate, the district
 * choices it shows (their `visibleIf`) are those of that governorate.
 */
export function readInvitationForm(definition: JsonObject, report: (path: JsonPath, message: string) => void): InvitationForm {
  const questions: Partial<Record<InvitationField, InvitationQuestion>> = {};
  forEachElement(definition, (element, path) => {
    const field = element.invitationField;
    if (field === undefined || !isQuestionElement(element, path)) return;
    if (!isInvitationField(field)) {
      report([...path, "invitationField"], `must be one of ${INVITATION_FIELDS.join(", ")}`);
      return;
    }
    if (questions[field]) {
      report([...path, "invitationField"], `"${field}" is already filled in by the question "${questions[field].name}"`);
      return;
    }
    const choices = Array.isArray(element.choices) ? element.choices.map(readChoice) : undefined;
    questions[field] = { name: element.name as string, ...(choices ? { choices } : {}) };
  });
  return { questions, districtGovernorates: districtGovernorates(definition, questions) };
}

function isInvitationField(value: unknown): value is InvitationField {
  return typeof value === "string" && (INVITATION_FIELDS as readonly string[]).includes(value);
}

function readChoice(item: unknown): InvitationChoice {
  const record = typeof item === "object" && item !== null ? (item as JsonObject) : { value: item };
  const value = String(record.value);
  return { value, label: toLocaleRecord(record.text ?? value, value) };
}

function districtGovernorates(definition: JsonObject, questions: Partial<Record<InvitationField, InvitationQuestion>>): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const { governorate, district } = questions;
  if (!governorate?.choices || !district?.choices) return map;
  registerCustomProperties();
  const model = new Model(definition);
  try {
    const districtQuestion = model.getQuestionByName(district.name) as (Question & { visibleChoices?: { value: unknown }[] }) | null;
    if (!districtQuestion?.visibleChoices) return map;
    for (const { value } of governorate.choices) {
      model.setValue(governorate.name, value);
      for (const choice of districtQuestion.visibleChoices) {
        const key = String(choice.value);
        if (!map.has(key)) map.set(key, new Set());
        map.get(key)!.add(value);
      }
    }
  } finally {
    model.dispose();
  }
  // A district offered under every governorate is not tied to any: no check is possible.
  for (const [key, governorates] of map) if (governorates.size === governorate.choices.length) map.delete(key);
  return map;
}

/** The label of a choice value of a field's question in a locale; the value itself otherwise. */
export function choiceLabel(form: InvitationForm, field: InvitationField, value: string, locale: Locale): string {
  return form.questions[field]?.choices?.find((choice) => choice.value === value)?.label[locale] ?? value;
}

/** The authority as a file shows it: name, kind, governorate, district (worded in `locale`), e-mail, language. */
export function authorityCells(form: InvitationForm, invitation: StoredInvitation, locale: Locale): string[] {
  return [
    invitation.authorityName,
    choiceLabel(form, "kind", invitation.authorityKind, locale),
    choiceLabel(form, "governorate", invitation.governorate, locale),
    choiceLabel(form, "district", invitation.district, locale),
    invitation.email,
    invitation.locale ?? "",
  ];
}
