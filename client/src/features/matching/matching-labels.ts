import type { Locale, MatchingLabels } from "@passerelle/shared";

/** A theme's or governorate's label in `locale`, the code itself when unknown. */
export function labelOf(labels: MatchingLabels["themes"] | MatchingLabels["governorates"], code: string, locale: Locale): string {
  return labels.find((entry) => entry.code === code)?.label[locale] ?? code;
}
