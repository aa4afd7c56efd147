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
  const classes = await eventually(async () => (await dropdown.getAttribute("class")) ?? "", (value) => !value.includes("sd-dropdown--empty"));
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
