import type { IElement, Model, PageModel } from "survey-core";

/**
 * Shows the panels (or questions) that follow a ranking in the order the respondent ranked
 * them. A questionnaire says an element belongs to a ranked item with
 * `"visibleIf": "{ranking} contains 'item'"` (the census's need panels, one per theme): on each
 * page, the elements tied to one ranking question keep the places they occupy together, filled
 * in ranking order; those of unranked items follow in their own order. Works for any
 * questionnaire written that way; others are left as they are.
 */
export function orderByRanking(model: Model): void {
  const groups = rankedGroups(model);
  if (groups.length === 0) return;
  const reorder = (rankingName: string | null) => {
    for (const group of groups) {
      if (rankingName === null || group.rankingName === rankingName) reorderGroup(model, group);
    }
  };
  reorder(null);
  model.onValueChanged.add((_, options) => reorder(options.name));
  // `model.data = …` (a resumed response, the saved version in a conflict) fires no value change.
  model.onCurrentPageChanging.add(() => reorder(null));
}

interface RankedGroup {
  page: PageModel;
  rankingName: string;
  /** Each element with the ranked item it belongs to. */
  members: { element: IElement; item: string }[];
}

const RANKED_ITEM_CONDITION = /^\s*\{([^{}]+)\}\s+contains\s+(['"])([^'"]+)\2\s*$/;

function rankedGroups(model: Model): RankedGroup[] {
  const rankings = new Set(
    model
      .getAllQuestions()
      .filter((question) => question.getType() === "ranking")
      .map((question) => question.getValueName()),
  );
  const groups: RankedGroup[] = [];
  for (const page of model.pages) {
    const byRanking = new Map<string, RankedGroup>();
    for (const element of page.elements) {
      const match = RANKED_ITEM_CONDITION.exec((element as { visibleIf?: string }).visibleIf ?? "");
      const rankingName = match?.[1]?.trim();
      const item = match?.[3];
      if (!rankingName || !item || !rankings.has(rankingName)) continue;
      const group = byRanking.get(rankingName) ?? { page, rankingName, members: [] };
      group.members.push({ element, item });
      byRanking.set(rankingName, group);
    }
    groups.push(...[...byRanking.values()].filter((group) => group.members.length > 1));
  }
  return groups;
}

function reorderGroup(model: Model, group: RankedGroup): void {
  const ranked: unknown = model.getValue(group.rankingName);
  const order = Array.isArray(ranked) ? ranked : [];
  const rankOf = (item: string) => {
    const index = order.indexOf(item);
    return index === -1 ? Number.POSITIVE_INFINITY : index;
  };
  const wanted = [...group.members].sort((a, b) => rankOf(a.item) - rankOf(b.item)).map((member) => member.element);
  const elements = group.page.elements;
  const slots = group.members.map((member) => elements.indexOf(member.element)).sort((a, b) => a - b);
  if (slots.every((slot, index) => elements[slot] === wanted[index])) return;
  // Moved within the page, never removed from the survey: their answers stay where they are.
  for (const element of wanted) group.page.removeElement(element);
  slots.forEach((slot, index) => {
    const element = wanted[index];
    if (element) group.page.addElement(element, slot);
  });
}
