import type { ManagedQuestionnaireView, QuestionnaireSettings } from "@passerelle/shared";

/** The settings an administrator has set now (those whose source is "administrator"). */
export function currentSettings(view: ManagedQuestionnaireView): QuestionnaireSettings {
  const { status, opensAt, closesAt } = view.settings;
  return {
    ...(status.source === "administrator" ? { status: status.value } : {}),
    ...(opensAt.source === "administrator" ? { opensAt: opensAt.value } : {}),
    ...(closesAt.source === "administrator" ? { closesAt: closesAt.value } : {}),
  };
}

export function closeSettings(view: ManagedQuestionnaireView): QuestionnaireSettings {
  return { ...currentSettings(view), status: "closed" };
}

/**
 * Opens the questionnaire now: status open, and a date that would keep it shut (an opening date
 * still to come, a closing date already past) removed, since "open" means answers from now on.
 */
export function openSettings(view: ManagedQuestionnaireView, now: Date): QuestionnaireSettings {
  const { opensAt, closesAt } = view.settings;
  return {
    ...currentSettings(view),
    status: "open",
    ...(opensAt.value && new Date(opensAt.value) > now ? { opensAt: null } : {}),
    ...(closesAt.value && new Date(closesAt.value) <= now ? { closesAt: null } : {}),
  };
}

/** New dates (null: none), keeping the status as it is set. */
export function datesSettings(view: ManagedQuestionnaireView, dates: { opensAt: string | null; closesAt: string | null }): QuestionnaireSettings {
  return { ...currentSettings(view), ...dates };
}

/** `2026-06-30T21:00:00.000Z` as a `datetime-local` input shows it: the device's local time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A `datetime-local` value (the device's local time) as an instant; empty means no date. */
export function fromLocalInput(value: string): string | null {
  return value === "" ? null : new Date(value).toISOString();
}
