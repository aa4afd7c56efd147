import ExcelJS from "exceljs";
import fc from "fast-check";
import { buildExportLayout, headerOf, isJsonObject, type ExportColumn, type ExportLayout, type ExportOptions } from "@passerelle/shared";
import { download, parseCsvRecords } from "../../support/download";
import { allTypesAnswerSets, allTypesAnswers, engineQuestionnaires, storeSubmitted } from "../../support/engine-fixtures";
import { signedIn, testApp } from "../../support/test-app";

const SURVEY = "engine-all-types";
const NAMES: ExportOptions = { header: "names", values: "codes", locale: "fr" };

async function withStored(answersList: Record<string, unknown>[], surveyId = SURVEY) {
  const context = testApp({ questionnaires: engineQuestionnaires() });
  const questionnaire = context.questionnaires.get(surveyId);
  const ids = await storeSubmitted(context.store, questionnaire, answersList, questionnaire.breakdownFields);
  const agent = await signedIn(context.app);
  const csv = async (query = "") => {
    const { res, bytes } = await download(agent, `/api/surveys/${surveyId}/exports/responses.csv${query}`);
    expect(res.status).toBe(200);
    return { res, text: bytes.toString("utf8"), records: parseCsvRecords(bytes.toString("utf8")) };
  };
  return { ...context, agent, ids, csv, layout: buildExportLayout(questionnaire.definition) };
}

// Loading checks every fixture with survey-core: once for the file, with the time a busy machine needs.
beforeAll(() => void engineQuestionnaires(), 30_000);

describe("exports of every question type", () => {
  it("gives multiple text items, matrix cells, computed values and files columns of their own, never a data URL", async () => {
    const { csv } = await withStored([allTypesAnswers()]);
    const { text, records } = await csv();
    const [row] = records as [Record<string, string>];
    expect(row).toMatchObject({
      "staff.paid": "3",
      "staff.volunteers": "2",
      "staff.head": "Rana",
      "equipment.trucks.state": "some",
      "equipment.trucks.count": "2",
      "equipment.trucks.working": "1",
      "equipment.trucks.uses.daily": "1",
      "equipment.trucks.uses.weekly": "0",
      "equipment.pumps.state": "none",
      "equipment.pumps.count": "",
      budget_per_head: "12",
      staff_total: "5",
      "plan_file.name": "plan.pdf",
      "plan_file.type": "application/pdf",
      "plan_file.size": "8",
      signature: "1",
      "projects.count": "2",
      "sites.count": "1",
      "size-Comment": "Medium",
    });
    expect(text).not.toContain("base64");
    expect(Object.keys(row)).not.toContain("site_kind");
  });

  it("exports each repeated answer as a long table joined by response id, one download each", async () => {
    const { csv, ids } = await withStored([allTypesAnswers(), allTypesAnswers({ projects: [{ sector: "water" }] })]);
    const { res, records } = await csv("?repeat=projects");
    expect(res.headers["content-disposition"]).toMatch(/engine-all-types-responses-projects-\d{4}-\d{2}-\d{2}\.csv/);
    expect(records).toEqual([
      { response_id: ids[0], row: "1", project_name: "Well", sector: "water", cost: "1000" },
      { response_id: ids[0], row: "2", project_name: "Solar", sector: "energy", cost: "5000" },
      { response_id: ids[1], row: "1", project_name: "", sector: "water", cost: "" },
    ]);
    const sites = (await csv("?repeat=sites&header=labels&values=labels&lang=en")).records;
    expect(sites[0]).toMatchObject({ response_id: ids[0], row: "1", "Site name": "School A", "Kind of site": "school", "Needs — power": "1" });
  });

  it.each([
    ["a repeat the questionnaire does not have", "?repeat=nope", "must be one of projects, sites"],
    ["an empty repeat name", "?repeat=", "repeat"],
  ])("refuses %s with 400", async (_label, query, said) => {
    const { agent } = await withStored([allTypesAnswers()]);
    const res = await agent.get(`/api/surveys/${SURVEY}/exports/responses.csv${query}`).expect(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(JSON.stringify(res.body.error.details)).toContain(said);
  });

  it("puts one sheet per repeated answer in the workbook, and describes their columns", async () => {
    const { agent, ids } = await withStored([allTypesAnswers()]);
    const { bytes } = await download(agent, `/api/surveys/${SURVEY}/exports/responses.xlsx?lang=en`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["About", "Responses", "projects", "sites", "Summary by question", "Columns"]);
    const projects = workbook.getWorksheet("projects")!;
    expect(projects.getRow(1).values).toEqual([undefined, "response_id", "row", "project_name", "sector", "cost"]);
    expect(projects.getRow(3).values).toEqual([undefined, ids[0], 2, "Solar", "energy", 5000]);
    const columns: string[][] = [];
    workbook.getWorksheet("Columns")!.eachRow((row) => columns.push((row.values as string[]).slice(1)));
    expect(columns.find((row) => row[0] === "cost" && row[9] === "projects")?.slice(2, 4)).toEqual(["projects", "Projects"]);
    expect(columns.find((row) => row[0] === "equipment.trucks.count")?.[7]).toBe("Trucks — Count");
  });

  it("summarises groups by part in the question summary, with a repeat's number of rows", async () => {
    const { agent } = await withStored([allTypesAnswers(), allTypesAnswers()]);
    const { bytes } = await download(agent, `/api/surveys/${SURVEY}/exports/questions.csv?lang=en`);
    const rows = parseCsvRecords(bytes.toString("utf8")).filter((row) => row.region === "All respondents");
    expect(rows.find((row) => row.question === "equipment" && row.item === "trucks.state.some")).toMatchObject({
      item_label: "Trucks — State — some",
      answered: "2",
      count: "2",
    });
    expect(rows.find((row) => row.question === "projects" && row.item === "")).toMatchObject({ answered: "2", rows: "4" });
    expect(rows.find((row) => row.question === "sites" && row.item === "site_kind.school")?.item_label).toBe("Kind of site — school");
    expect(rows.find((row) => row.question === "staff_total")).toMatchObject({ answered: "2", mean: "5" });
  });

  it.each<[string, Record<string, unknown>]>([
    ["engine-legacy", { legacy_color: "red", legacy_fruits: ["pear", "fig"], legacy_score: 2, legacy_note: "Note" }],
    ["engine-root", { root_area: "rural", root_online: false, root_staff: 3, root_contact: { office: "Town hall", hours: "8-14" } }],
    ["engine-runtime-choices", { picked: ["apple", "fig"], best: "fig", country: "Lebanon", picked_label: "many", fruit_count: 2 }],
    ["engine-spanish", { es_servicio: "agua", es_comentario: "Bien", es_satisfecho: true }],
  ])("exports every answer of %s", async (surveyId, answers) => {
    const { csv, ids, layout } = await withStored([answers], surveyId);
    const [row] = (await csv()).records;
    expectEveryKeyExported(layout, answers, layout.columns, row!, { id: ids[0]!, tableName: undefined, repeats: new Map() });
  });

  it("never drops an answer: every key stored in any response has a column holding it", async () => {
    const answersList = fc.sample(allTypesAnswerSets, { numRuns: 150, seed: 20261201 });
    const { csv, ids, layout } = await withStored(answersList);
    const main = (await csv()).records;
    const repeats = new Map<string, Record<string, string>[]>();
    for (const table of layout.repeats) repeats.set(table.name, (await csv(`?repeat=${table.name}`)).records);
    answersList.forEach((answers, index) => {
      const id = ids[index]!;
      const row = main.find((record) => record.response_id === id)!;
      expectEveryKeyExported(layout, answers, layout.columns, row, { id, tableName: undefined, repeats });
    });
    // 150 generated responses, exported to four files: seconds on a busy machine.
  }, 60_000);
});

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === "" ||
  (Array.isArray(value) && value.length === 0) ||
  (isJsonObject(value) && Object.keys(value).length === 0);

function expectEveryKeyExported(
  layout: ExportLayout,
  values: Record<string, unknown>,
  columns: ExportColumn[],
  row: Record<string, string>,
  at: { id: string; tableName: string | undefined; repeats: Map<string, Record<string, string>[]>; parentRow?: string },
  prefix: string[] = [],
): void {
  for (const [key, value] of Object.entries(values)) {
    if (isEmpty(value)) continue;
    const path = [...prefix, key];
    const own = columns.filter((column) =>
      column.kind === "breakdown"
        ? path.length === 1 && column.field === key
        : "key" in column && Array.isArray(column.key) && column.key.join("\u0000") === path.join("\u0000"),
    );
    const repeat = own.find((column) => column.kind === "repeatCount");
    if (repeat) {
      const name = at.tableName === undefined ? path.join(".") : `${at.tableName}.${path.join(".")}`;
      const table = layout.repeats.find((candidate) => candidate.name === name)!;
      const rows = at.repeats.get(name)!.filter((record) => record.response_id === at.id && (at.parentRow === undefined || record.parent_row === at.parentRow));
      (value as Record<string, unknown>[]).forEach((entry, index) => {
        const entryRow = rows.find((record) => record.row === String(index + 1));
        if (isEmpty(entry)) return;
        expect([name, index + 1, entryRow !== undefined]).toEqual([name, index + 1, true]);
        expectEveryKeyExported(layout, entry, table.columns, entryRow!, { ...at, tableName: name, parentRow: String(index + 1) });
      });
    } else if (own.length > 0) {
      const cells = own.map((column) => row[headerOf(column, layout, NAMES)]);
      expect([path.join("."), cells.some((cell) => cell !== undefined && cell !== "")]).toEqual([path.join("."), true]);
    } else if (isJsonObject(value)) {
      expectEveryKeyExported(layout, value, columns, row, at, path);
    } else {
      throw new Error(`no column holds the answer at ${path.join(".")} (${at.tableName ?? "responses"})`);
    }
  }
}
