import { surveyLocalization } from "survey-core";
import "survey-core/i18n/arabic";

/**
 * Corrections to survey-core's own Arabic strings, which were typed with the full stop (or the
 * ellipsis) at the start: in a right-to-left line it then shows at the wrong end, before the
 * first word («.يرجى الإجابة على السؤال»).
 */
const ARABIC_CORRECTIONS: Record<string, string> = {
  requiredError: "يرجى الإجابة على السؤال.",
  loadingSurvey: "يتم تحميل النموذج…",
  placeholder: "اختر…",
};

let isApplied = false;

/** Applies the corrections once, before any form is built. */
export function correctSurveyStrings(): void {
  if (isApplied) return;
  isApplied = true;
  const arabic = surveyLocalization.locales.ar as Record<string, unknown> | undefined;
  if (arabic) Object.assign(arabic, ARABIC_CORRECTIONS);
}
