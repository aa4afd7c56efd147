import type { Model } from "survey-core";

/**
 * After "Next" or "Previous", moves the keyboard focus (and a screen reader's reading position)
 * to the new page's heading: SurveyJS leaves it on the button, so the respondent would not hear
 * that the page changed. A focus SurveyJS itself moves onto a question (the server's objection
 * shown on another page) is left where it is.
 */
export function focusNewPageHeading(model: Model): void {
  model.onCurrentPageChanged.add(() => {
    // Once the new page is rendered.
    requestAnimationFrame(() => {
      const root = document.querySelector(".sd-root-modern");
      const active = document.activeElement;
      const isFocusOnQuestion = active instanceof HTMLElement && active.closest(".sd-question") !== null;
      if (!root || isFocusOnQuestion) return;
      const heading = root.querySelector<HTMLElement>(".sd-page__title") ?? document.querySelector<HTMLElement>("h1");
      if (!heading) return;
      heading.tabIndex = -1;
      heading.focus();
    });
  });
}
