/**
 * Numbers as the reader writes them (`Intl.NumberFormat`): "1 234" and "33,3 %" in French,
 * "١٬٢٣٤" and "٣٣٫٣٪" in Arabic (Lebanon), "1,234" and "33.3%" in English.
 */
export interface NumberFormats {
  /** Counts: respondents, points. */
  integer(value: number): string;
  /** Means and mean ranks: one decimal at most. */
  decimal(value: number): string;
  /** A share between 0 and 1, as a percentage with one decimal at most. */
  percent(share: number): string;
  /** A date (YYYY-MM-DD, a UTC day) in full: "3 juin 2026"; a month (YYYY-MM): "juin 2026". */
  date(isoDate: string): string;
  /** A date short enough for an axis: "3 juin"; a month: "juin 2026". */
  shortDate(isoDate: string): string;
  /** An instant (ISO 8601) as a date and time of the reader's time zone: "3 juin 2026, 14:05". */
  dateTime(isoInstant: string): string;
  /** Items joined as a list: "a, b et c". */
  list(items: readonly string[]): string;
}

const cache = new Map<string, NumberFormats>();

export function numberFormats(intlLocale: string): NumberFormats {
  const cached = cache.get(intlLocale);
  if (cached) return cached;
  const integer = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(intlLocale, { style: "percent", maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(intlLocale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const shortDate = new Intl.DateTimeFormat(intlLocale, { day: "numeric", month: "short", timeZone: "UTC" });
  const month = new Intl.DateTimeFormat(intlLocale, { month: "long", year: "numeric", timeZone: "UTC" });
  const dateTime = new Intl.DateTimeFormat(intlLocale, { dateStyle: "medium", timeStyle: "short" });
  const isMonth = (iso: string) => /^\d{4}-\d{2}$/.test(iso);
  const list = new Intl.ListFormat(intlLocale, { style: "long", type: "unit" });
  const formats: NumberFormats = {
    integer: (value) => integer.format(value),
    decimal: (value) => decimal.format(value),
    percent: (share) => percent.format(share),
    date: (isoDate) => (isMonth(isoDate) ? month.format(new Date(`${isoDate}-01T00:00:00Z`)) : date.format(new Date(`${isoDate}T00:00:00Z`))),
    shortDate: (isoDate) => (isMonth(isoDate) ? month.format(new Date(`${isoDate}-01T00:00:00Z`)) : shortDate.format(new Date(`${isoDate}T00:00:00Z`))),
    dateTime: (isoInstant) => {
      // `format` throws on an invalid date: show what the server sent rather than break the page.
      const instant = new Date(isoInstant);
      return Number.isNaN(instant.getTime()) ? isoInstant : dateTime.format(instant);
    },
    list: (items) => list.format(items),
  };
  cache.set(intlLocale, formats);
  return formats;
}
