import type { ChartContext } from "./chart-view";

/**
 * The sentence a screen reader hears for a chart: its title, then each label with its value
 * ("Thématiques prioritaires : Énergie 21, Eau et assainissement 18 et Santé 8").
 */
export function summarise(ctx: ChartContext, title: string, items: readonly (readonly [string, string])[]): string {
  if (items.length === 0) return title;
  const listed = ctx.formats.list(items.map(([label, value]) => `${label} ${value}`));
  return ctx.t("labelValue", { label: title, value: listed });
}
