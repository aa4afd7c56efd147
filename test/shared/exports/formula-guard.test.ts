import { neutraliseFormula } from "@passerelle/shared";

describe("the CSV formula guard", () => {
  it.each([
    ["=1+1"],
    ["+1+1"],
    ["-1+1"],
    ["@SUM(A1)"],
    ["\t=1"],
    ["\tplain text after a tab"],
    ["\r=1"],
    ["\n=1+1"],
    ["\nplain text after a line feed"],
    ["＝1+1"],
    ["＋1+1"],
    ["－1+1"],
    ["＠SUM(A1)"],
    ["   =1+1"],
    ["\u00a0=1+1"],
    ["\u200b=1+1"],
    ["\u200d\u2060@SUM(A1)"],
    ["\ufeff=1+1"],
    ['"=1+1"'],
    ['  "  =1+1'],
    ["'=1+1"],
    ["“=1+1”"],
  ])("neutralises %j with a leading apostrophe", (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });

  it.each([["Municipalité de Tripoli"], ["بلدية جبيل"], ["  leading spaces"], ["a = b"], ["e-mail@example.org"], [""], ['"quoted"']])(
    "leaves %j as it is",
    (cell) => {
      expect(neutraliseFormula(cell)).toBe(cell);
    },
  );

  it("leaves numbers as they are, negative ones included", () => {
    expect(neutraliseFormula(-12)).toBe(-12);
  });
});
