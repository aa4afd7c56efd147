import fs from "node:fs";
import path from "node:path";
import { buildExportLayout, headersOf, isJsonObject, LOCALES, type ExportOptions, type JsonObject } from "@passerelle/shared";

const ROOT = path.join(__dirname, "../../..");

/** Every SurveyJS questionnaire the project ships or tests with: JSON files with pages or elements. */
function questionnaireFiles(): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith(".json")) {
        const parsed: unknown = JSON.parse(fs.readFileSync(full, "utf8"));
        if (isJsonObject(parsed) && (Array.isArray(parsed.pages) || Array.isArray(parsed.elements))) found.push(path.relative(ROOT, full));
      }
    }
  };
  visit(path.join(ROOT, "surveys"));
  visit(path.join(ROOT, "test/fixtures"));
  return found;
}

const HEADER_OPTIONS: ExportOptions[] = LOCALES.flatMap((locale) => [
  { header: "names", values: "codes", locale },
  { header: "labels", values: "labels", locale },
]);

// The same questions asked in several panels, panels without titles, a question named like a
// metadata column, a breakdown field titled like another question.
const REPEATED_QUESTIONS: JsonObject = {
  breakdownFields: ["region"],
  pages: [
    {
      name: "p1",
      elements: [
        { type: "dropdown", name: "region", title: "Where?", choices: ["north", "south"] },
        { type: "text", name: "where", title: "Where?" },
        { type: "text", name: "status", title: "Status" },
        ...["roads", "schools"].map((topic) => ({
          type: "panel",
          name: `panel_${topic}`,
          title: { default: `About ${topic}`, fr: `À propos : ${topic}` },
          elements: [
            { type: "comment", name: `need_${topic}`, title: { default: "Describe the need", fr: "Décrivez le besoin" } },
            { type: "checkbox", name: `kinds_${topic}`, title: "Kinds", choices: ["a", "b"] },
          ],
        })),
        ...["x", "y"].map((topic) => ({
          type: "panel",
          name: `untitled_${topic}`,
          elements: [{ type: "text", name: `cost_${topic}`, title: "Cost" }],
        })),
      ],
    },
  ],
};

describe("export headers", () => {
  const files = questionnaireFiles();

  it("finds the shipped questionnaires and the fixtures", () => {
    expect(files).toContain("surveys/census-lebanon.json");
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)("are unique in every table of %s, as names and as labels in every language", (file) => {
    const layout = buildExportLayout(JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8")) as JsonObject);
    for (const options of HEADER_OPTIONS) {
      for (const columns of [layout.columns, ...layout.repeats.map((table) => table.columns)]) {
        const headers = headersOf(columns, layout, options);
        expect(new Set(headers).size).toBe(headers.length);
      }
    }
  });

  it("name the panel of a question asked in several panels, and tell apart the rest by name", () => {
    const layout = buildExportLayout(REPEATED_QUESTIONS);
    const labels = headersOf(layout.columns, layout, { header: "labels", values: "labels", locale: "fr" });
    expect(labels).toEqual(expect.arrayContaining(["À propos : roads — Décrivez le besoin", "À propos : schools — Décrivez le besoin"]));
    expect(labels).toEqual(expect.arrayContaining(["À propos : roads — Kinds — a", "À propos : schools — Kinds — b"]));
    // Untitled panels give no context: the question's name does.
    expect(labels).toEqual(expect.arrayContaining(["Cost (cost_x)", "Cost (cost_y)"]));
    // The breakdown field and a question with the same title.
    expect(labels).toEqual(expect.arrayContaining(["Where? (region)", "Where? (where)"]));
    // A header that appears once keeps its plain label.
    expect(labels).toContain("Status");
    const names = headersOf(layout.columns, layout, { header: "names", values: "codes", locale: "fr" });
    expect(names.filter((name) => name.startsWith("status"))).toEqual(["status", "status ~2"]);
    expect(new Set(names).size).toBe(names.length);
  });
});
