import { getSurvey, prefetchSurvey } from "../../../client/src/features/surveys/surveys.api";

// The network is the process edge: fetch is replaced by a recorder; the clock by jest's.
const realFetch = globalThis.fetch;
let requested: string[] = [];

beforeEach(() => {
  requested = [];
  jest.useFakeTimers({ now: new Date("2026-12-01T08:00:00Z") });
  globalThis.fetch = (async (url: string) => {
    requested.push(url);
    return new Response(JSON.stringify({ id: "census", version: requested.length }), { status: 200, headers: { "Content-Type": "application/json" } });
  }) as typeof fetch;
});

afterEach(() => {
  globalThis.fetch = realFetch;
  jest.useRealTimers();
});

test("the form takes the questionnaire fetched while its code loaded, with no second request", async () => {
  prefetchSurvey("census");
  prefetchSurvey("census");
  const survey = await getSurvey("census");
  expect(requested).toEqual(["/api/surveys/census"]);
  expect(survey).toMatchObject({ version: 1 });
});

test("the early answer is taken once: opening the form again asks the server again", async () => {
  prefetchSurvey("census");
  await getSurvey("census");
  const again = await getSurvey("census");
  expect(requested).toHaveLength(2);
  expect(again).toMatchObject({ version: 2 });
});

test("an early request left for more than a minute is not trusted to be current", async () => {
  prefetchSurvey("census");
  jest.setSystemTime(new Date("2026-12-01T08:01:01Z"));
  const survey = await getSurvey("census");
  expect(requested).toHaveLength(2);
  expect(survey).toMatchObject({ version: 2 });
});

test("another questionnaire's early request is left alone", async () => {
  prefetchSurvey("other");
  await getSurvey("census");
  expect(requested).toEqual(["/api/surveys/other", "/api/surveys/census"]);
});
