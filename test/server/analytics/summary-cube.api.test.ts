import request from "supertest";
import type { Answers } from "@passerelle/shared";
import { foldKeyOf } from "../../../server/src/analytics/summary-cube";
import { miniAnswers } from "../../support/builders";
import { signedIn, testApp } from "../../support/test-app";

const JUNE = new Date("2026-06-10T09:00:00Z");
const JULY = new Date("2026-07-20T09:00:00Z");

/** Dashboards answered from the summary cube, through the API as staff use it. */
describe("dashboard figures from the summary cube", () => {
  async function twoMonthsOfAnswers() {
    let now = JUNE;
    const context = testApp({ now: () => now, minGroupSize: 1 });
    const submit = async (answers: Answers) =>
      (await request(context.app).post("/api/surveys/mini/responses").send({ answers, status: "submitted", locale: "fr" }).expect(201)).body as {
        id: string;
        resumeToken: string;
      };
    const tripoli = await submit(miniAnswers());
    await submit(miniAnswers({ authority_kind: "union_of_municipalities" }));
    now = JULY;
    await submit(miniAnswers({ governorate: "south", district: "tyre" }));
    const kinds = async (query: Record<string, string> = {}) =>
      (await (await signedIn(context.app)).get("/api/surveys/mini/analytics/questions/authority_kind").query(query).expect(200)).body;
    const move = (answers: Answers) =>
      request(context.app)
        .put(`/api/responses/${tripoli.id}`)
        .set("Authorization", `Bearer ${tripoli.resumeToken}`)
        .send({ answers, status: "submitted", locale: "fr" })
        .expect(200);
    return { ...context, kinds, move, setNow: (at: Date) => (now = at) };
  }

  it("answers filters over breakdowns and whole months, alone and together", async () => {
    const { kinds } = await twoMonthsOfAnswers();
    expect((await kinds()).respondents).toBe(3);
    expect((await kinds({ governorate: "north" })).respondents).toBe(2);
    expect((await kinds({ from: "2026-07-01", to: "2026-07-31" })).respondents).toBe(1);
    expect((await kinds({ governorate: "north", from: "2026-06-01", to: "2026-07-31" })).overall).toMatchObject({
      counts: { municipality: 1, union_of_municipalities: 1 },
    });
    expect((await kinds({ governorate: "south", from: "2026-06-01", to: "2026-06-30" })).respondents).toBe(0);
  });

  it("moves an authority edited into another governorate out of its former cell and into its new one", async () => {
    const { kinds, move, store, questionnaires } = await twoMonthsOfAnswers();
    expect((await kinds({ governorate: "north" })).respondents).toBe(2);
    await move(miniAnswers({ governorate: "south", district: "tyre", authority_kind: "union_of_municipalities" }));
    expect((await kinds({ governorate: "north" })).overall).toMatchObject({ n: 1, counts: { municipality: 0, union_of_municipalities: 1 } });
    expect((await kinds({ governorate: "south" })).overall).toMatchObject({ n: 2, counts: { municipality: 1, union_of_municipalities: 1 } });
    // The cells kept in the store say the same: a server started now reads them.
    const cube = await store.summaryCells.load("mini", foldKeyOf(questionnaires.get("mini")));
    const respondents = (governorate: string) =>
      cube?.cells.filter((cell) => cell.breakdown.governorate === governorate).reduce((sum, cell) => sum + cell.figures.respondents, 0);
    expect([respondents("north"), respondents("south")]).toEqual([1, 2]);
  });

  it("still folds the responses for a free period, which no cell covers", async () => {
    const { kinds, move, setNow } = await twoMonthsOfAnswers();
    expect((await kinds({ from: "2026-06-10", to: "2026-07-19" })).respondents).toBe(2);
    setNow(JULY);
    await move(miniAnswers({ authority_kind: "union_of_municipalities" }));
    expect((await kinds({ from: "2026-06-10", to: "2026-07-19" })).overall).toMatchObject({ counts: { municipality: 0, union_of_municipalities: 2 } });
  });
});
