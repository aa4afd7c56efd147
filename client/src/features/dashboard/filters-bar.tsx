import { useId } from "react";
import { useMessages } from "../../i18n/i18n-context";
import { countActiveFilters, groupChoices, withFilter, type DashboardFilters, type PeriodKey } from "./dashboard-filters";
import type { StatQuestion } from "./dashboard-questionnaire";
import { dashboardMessages } from "./dashboard.messages";

interface FiltersBarProps {
  fields: readonly StatQuestion[];
  filters: DashboardFilters;
  onChange: (filters: DashboardFilters) => void;
  /**
   * Controlled figures (viewers): one filter at a time, choosing one clears the others, and the
   * period is a calendar month.
   */
  isOneAtATime?: boolean;
}

/**
 * A drop-down per breakdown field (the districts follow the chosen governorate), the period
 * and a reset. Each change applies at once: there is no "apply" button to forget.
 */
export function FiltersBar({ fields, filters, onChange, isOneAtATime = false }: FiltersBarProps) {
  const { t } = useMessages(dashboardMessages);
  const headingId = useId();
  const idPrefix = useId();
  const setFilter = (key: string, value: string) => onChange(withFilter(isOneAtATime && value ? {} : filters, key, value, fields));
  const monthInput = (
    <div className="filter">
      <label htmlFor={`${idPrefix}-month`}>{t("filterMonth")}</label>
      <input
        id={`${idPrefix}-month`}
        type="month"
        value={filters.from?.slice(0, 7) ?? ""}
        onChange={(event) => onChange(event.target.value ? monthFilter(event.target.value) : {})}
      />
    </div>
  );
  const dateInput = (key: PeriodKey, label: string, bounds: { min?: string; max?: string }) => (
    <div className="filter">
      <label htmlFor={`${idPrefix}-${key}`}>{label}</label>
      <input
        id={`${idPrefix}-${key}`}
        type="date"
        value={filters[key] ?? ""}
        min={bounds.min}
        max={bounds.max}
        onChange={(event) => setFilter(key, event.target.value)}
      />
    </div>
  );

  return (
    <section className="filters" aria-labelledby={headingId}>
      <h2 id={headingId} className="filters-heading">
        {t("filtersTitle")}
      </h2>
      <div className="filters-grid">
        {fields.map((field) => (
          <div className="filter" key={field.name}>
            <label htmlFor={`${idPrefix}-${field.name}`}>{field.title}</label>
            <select
              id={`${idPrefix}-${field.name}`}
              name={field.name}
              value={filters[field.name] ?? ""}
              onChange={(event) => setFilter(field.name, event.target.value)}
            >
              <option value="">{t("filterAll")}</option>
              {groupChoices(field, filters, fields).map((group, index) =>
                group.label === null ? (
                  group.choices.map((choice) => (
                    <option key={choice.value} value={choice.value}>
                      {choice.label}
                    </option>
                  ))
                ) : (
                  <optgroup key={index} label={group.label}>
                    {group.choices.map((choice) => (
                      <option key={choice.value} value={choice.value}>
                        {choice.label}
                      </option>
                    ))}
                  </optgroup>
                ),
              )}
            </select>
          </div>
        ))}
        {isOneAtATime ? (
          monthInput
        ) : (
          <>
            {dateInput("from", t("filterFrom"), filters.to ? { max: filters.to } : {})}
            {dateInput("to", t("filterTo"), filters.from ? { min: filters.from } : {})}
          </>
        )}
      </div>
      <button type="button" className="button button-secondary" onClick={() => onChange({})} disabled={countActiveFilters(filters) === 0}>
        {t("filterReset")}
      </button>
    </section>
  );
}

// A calendar month as the period filters: its first day to its last.
function monthFilter(month: string): DashboardFilters {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return { from: `${month}-01`, to: new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10) };
}
