import { choiceLabel, readChoiceLabels } from "../../../client/src/features/invitations/invitation-labels";

const definition = {
  pages: [
    {
      name: "identity",
      elements: [
        {
          type: "radiogroup",
          name: "authority_kind",
          invitationField: "kind",
          choices: [
            { value: "municipality", text: { default: "Municipality", fr: "Municipalité", ar: "بلدية" } },
            { value: "union_of_municipalities", text: { default: "Union of municipalities", fr: "Union de municipalités" } },
          ],
        },
        {
          type: "panel",
          name: "place",
          elements: [
            { type: "dropdown", name: "governorate", invitationField: "governorate", choices: [{ value: "bekaa", text: "Bekaa" }, "south"] },
            {
              type: "dropdown",
              name: "district",
              invitationField: "district",
              choices: [{ value: "zahle", text: { default: "Zahle", fr: "Zahlé", ar: "زحلة" } }],
            },
          ],
        },
        { type: "text", name: "authority_name", invitationField: "name" },
        { type: "dropdown", name: "other_place", choices: [{ value: "tyre", text: "Tyre" }] },
      ],
    },
  ],
};

test.each([
  ["fr", "kind", "municipality", "Municipalité"],
  ["ar", "kind", "municipality", "بلدية"],
  ["en", "kind", "municipality", "Municipality"],
  ["ar", "kind", "union_of_municipalities", "Union of municipalities"],
  ["ar", "governorate", "bekaa", "Bekaa"],
  ["fr", "governorate", "south", "south"],
  ["ar", "district", "zahle", "زحلة"],
  ["fr", "district", "tyre", "tyre"],
  ["fr", "kind", "unknown_kind", "unknown_kind"],
] as const)("in %s, the %s %s reads %s", (locale, field, value, expected) => {
  expect(choiceLabel(readChoiceLabels(definition, locale), field, value)).toBe(expected);
});

test("a questionnaire that maps no question to invitations gives the values as they are", () => {
  const labels = readChoiceLabels({ pages: [] }, "fr");
  expect(choiceLabel(labels, "governorate", "bekaa")).toBe("bekaa");
});
