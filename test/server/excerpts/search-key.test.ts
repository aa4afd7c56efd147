import { searchKey } from "../../../server/src/excerpts/text-questions";

describe("the text browser's search key", () => {
  it.each([
    ["École d'été", "ecole d'ete"],
    ["ÉNERGIE", "energie"],
    ["شَبَكَةُ المِيَاه", "شبكة المياه"],
    ["Water TANKS", "water tanks"],
    ["", ""],
  ])("folds %j to %j", (text, key) => {
    expect(searchKey(text)).toBe(key);
  });

  it("finds a word written with accents or vowels by its plain spelling", () => {
    expect(searchKey("Le réseau d'eau potable").includes(searchKey("reseau"))).toBe(true);
    expect(searchKey("المِيَاهُ قديمة").includes(searchKey("المياه"))).toBe(true);
  });
});
