import { receiptSections } from "../../../client/src/features/responses/receipt";

// A questionnaire of these tests' own: every kind of answer a receipt must put in words.
const definition = {
  pages: [
    {
      name: "who",
      title: { default: "Who", fr: "Qui", ar: "مَن" },
      elements: [
        { type: "text", name: "name", title: { default: "Name", fr: "Nom", ar: "الاسم" } },
        { type: "text", name: "people", inputType: "number", title: { default: "People", fr: "Habitants", ar: "السكان" } },
        {
          type: "radiogroup",
          name: "kind",
          title: { default: "Kind", fr: "Type", ar: "النوع" },
          choices: [{ value: "town", text: { default: "Town", fr: "Ville", ar: "مدينة" } }, "village"],
        },
        { type: "text", name: "hidden_detail", visibleIf: "{kind} = 'village'" },
      ],
    },
    {
      name: "what",
      title: { default: "What", fr: "Quoi", ar: "ماذا" },
      elements: [
        {
          type: "ranking",
          name: "ranked",
          title: "Ranked",
          choices: [
            { value: "a", text: { default: "Roads", fr: "Routes" } },
            { value: "b", text: { default: "Water", fr: "Eau" } },
          ],
        },
        { type: "checkbox", name: "ticked", title: "Ticked", choices: ["x", "y", "z"] },
        { type: "boolean", name: "agree", title: "Agree", labelTrue: { default: "Yes", fr: "Oui" }, labelFalse: { default: "No", fr: "Non" } },
        { type: "comment", name: "unanswered", title: "Never answered" },
      ],
    },
  ],
};

test("puts every answered question in words, page by page, in the respondent's language", () => {
  const answers = { name: "Zahlé", people: 120000, kind: "town", hidden_detail: "left over", ranked: ["b", "a"], ticked: ["x", "z"], agree: true };
  expect(receiptSections(definition, answers, "fr")).toEqual([
    {
      title: "Qui",
      answers: [
        { question: "Nom", lines: ["Zahlé"] },
        { question: "Habitants", lines: ["120000"] },
        { question: "Type", lines: ["Ville"] },
      ],
    },
    {
      title: "Quoi",
      answers: [
        { question: "Ranked", lines: ["1. Eau", "2. Routes"] },
        { question: "Ticked", lines: ["x", "z"] },
        { question: "Agree", lines: ["Oui"] },
      ],
    },
  ]);
});

test("leaves out a page with nothing answered", () => {
  expect(receiptSections(definition, { name: "Tyre" }, "ar")).toEqual([{ title: "مَن", answers: [{ question: "الاسم", lines: ["Tyre"] }] }]);
});

test("a page without a title of its own gets no section title", () => {
  const untitled = { pages: [{ name: "p1", elements: [{ type: "text", name: "a", title: "A" }] }] };
  expect(receiptSections(untitled, { a: "x" }, "en")).toEqual([{ title: "", answers: [{ question: "A", lines: ["x"] }] }]);
});
