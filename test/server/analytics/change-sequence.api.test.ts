import request from "supertest";
import { miniAnswers } from "../../support/builders";
import { signedIn, testApp } from "../../support/test-app";

const NOON = new Date("2026-06-01T12:00:00.000Z");

/**
 * The dashboard must follow every write, whatever the clock says: the server's clock may step
 * back (NTP, a second instance behind), and two writes may share a millisecond.
 */
describe("analytics follow every write, whatever the clock", () => {
  async function twoMunicipalities(now: () => Date) {
    const { app } = testApp({ now, minGroupSize: 1 });
    const submit = () => request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "submitted", locale: "fr" }).expect(201);
    const first = await submit();
    await submit();
    const kinds = async () => (await (await signedIn(app)).get("/api/surveys/mini/analytics/questions/authority_kind").expect(200)).body.overall;
    const edit = (kind: string) =>
      request(app)
        .put(`/api/responses/${first.body.id}`)
        .set("Authorization", `Bearer ${first.body.resumeToken}`)
        .send({ answers: miniAnswers({ authority_kind: kind }), status: "submitted", locale: "fr" })
        .expect(200);
    return { kinds, edit, submit };
  }

  it("counts an edit made while the clock stepped back, and keeps counting later submissions", async () => {
    let now = NOON;
    const { kinds, edit, submit } = await twoMunicipalities(() => now);
    expect(await kinds()).toMatchObject({ counts: { municipality: 2 } });
    now = new Date(NOON.getTime() - 60 * 60 * 1000);
    await edit("union_of_municipalities");
    expect(await kinds()).toMatchObject({ counts: { municipality: 1, union_of_municipalities: 1 } });
    await submit();
    expect(await kinds()).toMatchObject({ counts: { municipality: 2, union_of_municipalities: 1 } });
  });

  it("counts an edit made in the same millisecond as the summary it changes", async () => {
    const { kinds, edit } = await twoMunicipalities(() => NOON);
    expect(await kinds()).toMatchObject({ counts: { municipality: 2 } });
    await edit("union_of_municipalities");
    expect(await kinds()).toMatchObject({ counts: { municipality: 1, union_of_municipalities: 1 } });
  });
});
