import { forEachElement, isJsonObject, toLocaleRecord, type InvitationField, type JsonObject, type Locale } from "@passerelle/shared";

/** The invitation fields whose values are choices of the questionnaire. */
export type ChoiceField = Extract<InvitationField, "kind" | "governorate" | "district">;

/** For each choice field, its values' labels in one language. */
export type ChoiceLabels = Record<ChoiceField, ReadonlyMap<string, string>>;

const CHOICE_FIELDS: readonly ChoiceField[] = ["kind", "governorate", "district"];

/**
 * The labels of the questions that invitations fill in (`invitationField`), so the table shows
 * "Municipalité" rather than `municipality`. A field no question declares has no labels; its
 * values are then shown as they are.
 */
export function readChoiceLabels(definition: JsonObject, locale: Locale): ChoiceLabels {
  const labels: Record<ChoiceField, Map<string, string>> = { kind: new Map(), governorate: new Map(), district: new Map() };
  forEachElement(definition, (element) => {
    const field = CHOICE_FIELDS.find((candidate) => candidate === element.invitationField);
    if (!field || !Array.isArray(element.choices)) return;
    for (const choice of element.choices) {
      const value = String(isJsonObject(choice) ? choice.value : choice);
      const text = isJsonObject(choice) ? choice.text : undefined;
      labels[field].set(value, toLocaleRecord(text, value)[locale]);
    }
  });
  return labels;
}

export const NO_CHOICE_LABELS: ChoiceLabels = { kind: new Map(), governorate: new Map(), district: new Map() };

/** The label of `value`, or the value itself when the questionnaire gives none. */
export function choiceLabel(labels: ChoiceLabels, field: ChoiceField, value: string): string {
  return labels[field].get(value) ?? value;
}
