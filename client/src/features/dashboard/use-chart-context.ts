import { useMemo, useSyncExternalStore } from "react";
import { useI18n } from "../../i18n/i18n-context";
import { createChartContext, type ChartContext } from "./chart-view";

const COMPACT = "(max-width: 40rem)";
const REDUCED_MOTION = "(prefers-reduced-motion: reduce)";

/**
 * The reader's language, direction, screen size and motion preference, for the chart builders;
 * charts are rebuilt when the window crosses the phone width (labels wrap sooner there).
 */
export function useChartContext(): ChartContext {
  const { locale } = useI18n();
  const isCompact = useMediaQuery(COMPACT);
  const isReducedMotion = useMediaQuery(REDUCED_MOTION);
  return useMemo(() => createChartContext(locale, { isAnimated: !isReducedMotion, isCompact }), [locale, isCompact, isReducedMotion]);
}

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
  );
}
