import type { Page } from "playwright-core";

/** A SurveyJS question of the page, by name. */
export const question = (page: Page, name: string) => page.locator(`[data-name="${name}"]`);

/** Picks a radio or checkbox choice by its value. */
export async function choose(page: Page, name: string, value: string): Promise<void> {
  await question(page, name).locator(`label:has(input[value="${value}"])`).click();
}

export async function chooseInDropdown(page: Page, name: string, optionText: string): Promise<void> {
  // Closed lists are display:none, hence out of the accessibility tree: only the open one matches.
  const option = page.getByRole("option", { name: optionText, exact: true });
  // SurveyJS re-renders rows shortly after an answer shows or hides a question, which closes a
  // list opened at that moment: open it again if it closed.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    await question(page, name).evaluate((element) => element.scrollIntoView({ block: "center" }));
    await question(page, name).locator(".sd-dropdown").click();
    const isOpen = await option.waitFor({ timeout: 2_000 }).then(
      () => true,
      () => false,
    );
    if (isOpen) break;
  }
  await option.click();
  const dropdown = question(page, name).locator(".sd-dropdown");
  const classes = await eventually(
    async () => (await dropdown.getAttribute("class")) ?? "",
    (value) => !value.includes("sd-dropdown--empty"),
  );
  if (classes.includes("sd-dropdown--empty")) throw new Error(`the dropdown ${name} stayed empty after choosing ${optionText}`);
}

/**
 * Polls `read` until `isDone` accepts its value (jest has no retrying assertions); returns the
 * last value so the caller can assert on it with a readable failure.
 */
export async function eventually<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!isDone(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

export async function goToNextPage(page: Page, nextQuestion: string): Promise<void> {
  await page.locator(".sd-navigation__next-btn").click();
  await question(page, nextQuestion).waitFor();
}

/**
 * From the census's identity page to its contact page, in Arabic: no earlier partnership, one
 * theme ranked (a tap moves it to the ranked list), its need and urgency; capacities left empty.
 * `beforeLeavingNeeds` runs on the needs page (a screenshot, say).
 */
export async function answerCensusInArabicUpToContact(page: Page, need: string, beforeLeavingNeeds?: () => Promise<void>): Promise<void> {
  await goToNextPage(page, "partnership_status");
  await choose(page, "partnership_status", "none");
  await choose(page, "cooperation_intent", "develop_new");
  await goToNextPage(page, "priority_themes");
  await question(page, "priority_themes").locator("[data-ranking='from-container'] .sv-ranking-item", { hasText: "المياه والصرف الصحي" }).click();
  const ranked = question(page, "priority_themes").locator("[data-ranking='to-container'] .sv-ranking-item");
  if (
    (await eventually(
      () => ranked.count(),
      (count) => count === 1,
    )) !== 1
  )
    throw new Error("the theme was not ranked");
  await goToNextPage(page, "need_water_sanitation");
  await question(page, "need_water_sanitation").locator("textarea").fill(need);
  await choose(page, "urgency_water_sanitation", "immediate");
  await beforeLeavingNeeds?.();
  await goToNextPage(page, "can_host_missions");
  await goToNextPage(page, "contact_name");
}
