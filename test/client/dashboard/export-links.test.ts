import { exportLinks } from "../../../client/src/features/dashboard/export-links";

describe("export links", () => {
  it("carry the dashboard's filters and the reader's language, with semicolon variants for French Excel", () => {
    const links = exportLinks("census-lebanon", "governorate=north&from=2026-06-01", "ar");
    expect(links.map((link) => link.label)).toEqual([
      "downloadThemes",
      "downloadThemesSemicolon",
      "downloadQuestions",
      "downloadQuestionsSemicolon",
      "downloadWorkbook",
      "downloadResponses",
      "downloadResponsesSemicolon",
    ]);
    // The summaries are for a person to read: worded headers and percentages.
    expect(Object.fromEntries(new URL(links[1]!.href, "http://localhost").searchParams)).toEqual({
      governorate: "north",
      from: "2026-06-01",
      lang: "ar",
      header: "labels",
      delimiter: ";",
    });
    const workbook = new URL(links[4]!.href, "http://localhost");
    expect(workbook.pathname).toBe("/api/surveys/census-lebanon/exports/responses.xlsx");
    expect(workbook.searchParams.has("delimiter")).toBe(false);
    const url = new URL(links[6]!.href, "http://localhost");
    expect(url.pathname).toBe("/api/surveys/census-lebanon/exports/responses.csv");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      governorate: "north",
      from: "2026-06-01",
      lang: "ar",
      header: "labels",
      values: "labels",
      delimiter: ";",
    });
  });
});
