import type { Choice, StatQuestion } from "./dashboard-questionnaire";

/**
 * The dashboard's filters: one value per breakdown field (a choice value of that question) and
 * a period `from`–`to` (YYYY-MM-DD, inclusive). They live in the address's query string, in the
 * very form the analytics API takes them, so a copied address shows a colleague the same view
 * and the same string is sent to every endpoint.
 */
export type DashboardFilters = Readonly<Record<string, string>>;

export const PERIOD_KEYS = ["from", "to"] as const;
export type PeriodKey = (typeof PERIOD_KEYS)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters of a query string, keeping only what the questionnaire offers: a parameter that is
 * not a breakdown field, a value that is not one of its choices (or not offered given the other
 * filters, such as a district of another governorate) and a malformed date are dropped, so a
 * hand-edited address shows a view rather than an error.
 */
export function parseFilters(search: string, fields: readonly StatQuestion[]): DashboardFilters {
  const params = new URLSearchParams(search);
  let filters: Record<string, string> = {};
  for (const field of fields) {
    const value = params.get(field.name);
    if (value !== null && field.choices.some((choice) => choice.value === value)) filters[field.name] = value;
  }
  for (const key of PERIOD_KEYS) {
    const value = params.get(key);
    if (value !== null && isCalendarDate(value)) filters[key] = value;
  }
  // A district must belong to the chosen governorate: drop what the other filters rule out.
  for (const field of fields) {
    const value = filters[field.name];
    const choice = field.choices.find((candidate) => candidate.value === value);
    if (choice && !isOffered(choice, filters)) filters = without(filters, field.name);
  }
  return filters;
}

/** The query string (without `?`) of `filters`, in a stable order: breakdown fields, then the period. */
export function toQueryString(filters: DashboardFilters, fields: readonly StatQuestion[]): string {
  const params = new URLSearchParams();
  for (const key of [...fields.map((field) => field.name), ...PERIOD_KEYS]) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/**
 * `filters` with `key` set to `value` (or cleared when `value` is empty). Filters whose value is
 * no longer offered are cleared too: choosing another governorate clears the district.
 */
export function withFilter(filters: DashboardFilters, key: string, value: string, fields: readonly StatQuestion[]): DashboardFilters {
  let next: Record<string, string> = value ? { ...filters, [key]: value } : without(filters, key);
  for (const field of fields) {
    const current = next[field.name];
    const choice = field.choices.find((candidate) => candidate.value === current);
    if (current && (!choice || !isOffered(choice, next))) next = without(next, field.name);
  }
  return next;
}

/** The choices of `field` the other filters allow: every district while no governorate is chosen. */
export function offeredChoices(field: StatQuestion, filters: DashboardFilters): Choice[] {
  return field.choices.filter((choice) => isOffered(choice, filters));
}

/**
 * The choices of `field` under the label of the choice they depend on (districts under their
 * governorate), for `<optgroup>`s; one untitled group when the choices depend on nothing.
 */
export function groupChoices(field: StatQuestion, filters: DashboardFilters, fields: readonly StatQuestion[]): { label: string | null; choices: Choice[] }[] {
  const groups: { key: string; label: string | null; choices: Choice[] }[] = [];
  for (const choice of offeredChoices(field, filters)) {
    const key = choice.shownWhen ? `${choice.shownWhen.field}=${choice.shownWhen.value}` : "";
    let group = groups.find((candidate) => candidate.key === key);
    if (!group) {
      const parent = choice.shownWhen && fields.find((candidate) => candidate.name === choice.shownWhen?.field);
      const parentLabel = parent?.choices.find((candidate) => candidate.value === choice.shownWhen?.value)?.label;
      group = { key, label: parentLabel ?? null, choices: [] };
      groups.push(group);
    }
    group.choices.push(choice);
  }
  // A single group needs no heading (the district list once a governorate is chosen).
  if (groups.length === 1 && groups[0]) return [{ label: null, choices: groups[0].choices }];
  return groups.map(({ label, choices }) => ({ label, choices }));
}

/** What is wrong with the period, if anything: a period that ends before it starts matches nothing. */
export function periodProblem(filters: DashboardFilters): "inverted" | null {
  const { from, to } = filters;
  return from && to && from > to ? "inverted" : null;
}

export function countActiveFilters(filters: DashboardFilters): number {
  return Object.values(filters).filter((value) => value !== "").length;
}

function isOffered(choice: Choice, filters: DashboardFilters): boolean {
  if (!choice.shownWhen) return true;
  const chosen = filters[choice.shownWhen.field];
  return chosen === undefined || chosen === choice.shownWhen.value;
}

function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

function without(filters: DashboardFilters, key: string): Record<string, string> {
  const { [key]: _removed, ...rest } = filters;
  return rest;
}
