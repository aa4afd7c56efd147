import type { InvitationProgress, ProgressGroup } from "@passerelle/shared";
import { groupProgressRows, submittedShare } from "../../../client/src/features/invitations/progress-rows";

function group(value: string, counts: [number, number, number, number], extra: Partial<ProgressGroup> = {}): ProgressGroup {
  const [invited, started, submitted, revoked] = counts;
  return { value, label: { fr: `${value} (fr)`, ar: `${value} (ar)`, en: `${value} (en)` }, invited, started, submitted, revoked, ...extra };
}

const progress: InvitationProgress = {
  surveyId: "census-lebanon",
  total: { invited: 9, started: 5, submitted: 3, revoked: 1 },
  byGovernorate: [group("bekaa", [5, 3, 2, 1]), group("south", [4, 2, 1, 0]), group("akkar", [0, 0, 0, 0])],
  byDistrict: [
    group("zahle", [3, 2, 2, 1], { governorate: "bekaa" }),
    group("tyre", [4, 2, 1, 0], { governorate: "south" }),
    group("rachaya", [2, 1, 0, 0], { governorate: "bekaa" }),
    group("old_district", [1, 0, 0, 0], { governorate: "gone" }),
  ],
};

test("each governorate carries its districts, in the server's order, labelled in the reader's language", () => {
  const rows = groupProgressRows(progress, "ar");
  expect(rows.map((row) => [row.label, row.districts.map((district) => district.label)])).toEqual([
    ["bekaa (ar)", ["zahle (ar)", "rachaya (ar)"]],
    ["south (ar)", ["tyre (ar)"]],
    ["akkar (ar)", []],
    ["old_district (ar)", []],
  ]);
});

test("a district whose governorate has no line is kept, on a line of its own at the end", () => {
  const rows = groupProgressRows(progress, "fr");
  expect(rows.at(-1)).toMatchObject({ value: "old_district", counts: { invited: 1, started: 0, submitted: 0, revoked: 0 }, districts: [] });
});

test("rows carry their counts and the share submitted of invited", () => {
  const [bekaa] = groupProgressRows(progress, "en");
  expect(bekaa).toMatchObject({ counts: { invited: 5, started: 3, submitted: 2, revoked: 1 }, submittedShare: 0.4 });
  expect(bekaa?.districts[0]).toMatchObject({ value: "zahle", submittedShare: 2 / 3 });
});

test.each([
  [{ invited: 4, started: 2, submitted: 1, revoked: 3 }, 0.25],
  [{ invited: 2, started: 2, submitted: 2, revoked: 0 }, 1],
  [{ invited: 0, started: 0, submitted: 0, revoked: 2 }, null],
])("the share submitted of %j is %s (revoked invitations are not in the base)", (counts, expected) => {
  expect(submittedShare(counts)).toBe(expected);
});

test("a label missing in one language falls back to the value", () => {
  const unlabelled = { ...progress, byGovernorate: [group("bekaa", [1, 0, 0, 0], { label: { fr: "Bekaa", ar: "", en: "Bekaa" } })], byDistrict: [] };
  expect(groupProgressRows(unlabelled, "ar")[0]?.label).toBe("bekaa");
});
