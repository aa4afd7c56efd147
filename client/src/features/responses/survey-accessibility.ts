import type { AfterRenderQuestionEvent, Model, Question } from "survey-core";

/** The words the patches add, in the respondent's language. */
export interface AccessibilityWords {
  /** How to operate a ranking with select-to-rank (tap or Space, then arrows). */
  rankingHowTo: string;
  /** How to operate a plain ranking (arrows). */
  rankingReorderHowTo: string;
  /** Said of a question whose answer is required, where ARIA has no attribute for it. */
  answerRequired: string;
  /** A ranked item: `{rank}` and `{text}`. */
  rankedItem: string;
}

/**
 * Repairs what SurveyJS's markup tells assistive technologies, through its own rendering hook:
 * - a question rendered as `role="group"` (ranking, checkboxes) carries `aria-required`, which
 *   ARIA does not allow on a group (axe: critical): the attribute goes, and "answer required"
 *   joins the question's description instead;
 * - ranking items are bare `div`s with `tabindex="0"`: each becomes a button named by its text
 *   (and its rank once ranked), and the question says how to rank with the keyboard. SurveyJS
 *   handles Space and the arrows; Enter, which a button is expected to answer, is passed on as
 *   Space.
 * `words` is read at each rendering, so a change of language is followed.
 */
export function patchSurveyAccessibility(model: Model, words: () => AccessibilityWords): void {
  model.onAfterRenderQuestion.add((_: Model, { question, htmlElement }: AfterRenderQuestionEvent) => {
    const apply = () => patchQuestion(question, htmlElement, words());
    apply();
    if (question.getType() === "ranking") {
      // Items are re-rendered as they move between the lists: patch them again each time.
      new MutationObserver(apply).observe(htmlElement, { childList: true, subtree: true });
      htmlElement.addEventListener("keydown", passEnterAsSpace, true);
    }
  });
}

function patchQuestion(question: Question, root: HTMLElement, words: AccessibilityWords): void {
  const notes: string[] = [];
  if (root.getAttribute("role") === "group") {
    root.removeAttribute("aria-required");
    if (question.isRequired) notes.push(words.answerRequired);
  }
  if (question.getType() === "ranking") {
    notes.push((question as { selectToRankEnabled?: boolean }).selectToRankEnabled ? words.rankingHowTo : words.rankingReorderHowTo);
    patchRankingItems(root, words);
  }
  if (notes.length > 0) describe(root, notes.join(" "));
}

function patchRankingItems(root: HTMLElement, words: AccessibilityWords): void {
  const ranked = root.querySelector("[data-ranking='to-container']");
  for (const item of root.querySelectorAll<HTMLElement>(".sv-ranking-item")) {
    const text = item.querySelector(".sv-ranking-item__text")?.textContent?.trim() ?? "";
    if (text === "") continue;
    const isRanked = ranked?.contains(item) ?? !root.querySelector("[data-ranking='from-container']");
    const rank = isRanked ? [...(ranked ?? root).querySelectorAll(".sv-ranking-item")].indexOf(item) + 1 : 0;
    const label = isRanked ? words.rankedItem.replace("{rank}", String(rank)).replace("{text}", text) : text;
    if (item.getAttribute("role") !== "button") item.setAttribute("role", "button");
    if (item.getAttribute("aria-label") !== label) item.setAttribute("aria-label", label);
  }
}

/** One hidden note per question, referenced by `aria-describedby` beside SurveyJS's own description. */
function describe(root: HTMLElement, text: string): void {
  const id = `${root.id || "question"}-a11y-note`;
  let note = root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  if (!note) {
    note = document.createElement("span");
    note.id = id;
    note.className = "visually-hidden";
    root.prepend(note);
  }
  if (note.textContent !== text) note.textContent = text;
  const described = (root.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
  if (!described.includes(id)) root.setAttribute("aria-describedby", [...described, id].join(" "));
}

function passEnterAsSpace(event: KeyboardEvent): void {
  const target = event.target;
  if (event.key !== "Enter" || !(target instanceof HTMLElement) || !target.classList.contains("sv-ranking-item")) return;
  event.preventDefault();
  event.stopPropagation();
  target.dispatchEvent(new KeyboardEvent("keydown", { key: " ", code: "Space", bubbles: true, cancelable: true }));
}
