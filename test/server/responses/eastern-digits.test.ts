import request from "supertest";
import type { ApiErrorBody, CreatedResponse } from "@passerelle/shared";
import { easternDigitNumber, withAsciiDigitNumbers } from "../../../server/src/responses/eastern-digits";
import { testApp } from "../../support/test-app";

describe("number answers written with Eastern Arabic or Persian digits", () => {
  test.each([
    ["١٢٠٠٠", 12000],
    ["۱۲۰۰۰", 12000],
    ["١٢٬٠٠٠", 12000],
    ["٣٫٥", 3.5],
    ["-٤", -4],
    [" ٧ ", 7],
    ["١2٣", 123],
    ["12000", undefined],
    ["١٢abc", undefined],
    ["١e٣", undefined],
    ["٠x١٠", undefined],
    ["", undefined],
    ["٫", undefined],
  ])("%j reads as %p", (text, expected) => {
    expect(easternDigitNumber(text)).toBe(expected);
  });

  const definition = {
    pages: [
      {
        elements: [
          { type: "text", name: "population", inputType: "number" },
          { type: "panel", name: "budget_panel", elements: [{ type: "text", name: "budget", inputType: "range" }] },
          { type: "text", name: "phone" },
          { type: "text", name: "kept_as", valueName: "households", inputType: "number" },
          { type: "paneldynamic", name: "sites", templateElements: [{ type: "text", name: "depth", inputType: "number" }] },
        ],
      },
    ],
  };

  test("only the answers to number questions, at any depth of panels, are read as numbers", () => {
    const answers = { population: "١٢٠٠٠", budget: "٥٠", phone: "٠٣١٢٣٤٥٦", households: "۴۲", sites: [{ depth: "٣" }], other: "١" };
    expect(withAsciiDigitNumbers(definition, answers)).toEqual({
      population: 12000,
      budget: 50,
      phone: "٠٣١٢٣٤٥٦",
      households: 42,
      sites: [{ depth: "٣" }],
      other: "١",
    });
    expect(answers.population).toBe("١٢٠٠٠");
  });

  test("answers with nothing to normalise come back as they were", () => {
    const answers = { population: 12, phone: "x" };
    expect(withAsciiDigitNumbers(definition, answers)).toBe(answers);
  });
});

describe("the responses API", () => {
  it("stores a number typed in Eastern Arabic digits as the number", async () => {
    const { app, store } = testApp();
    const res = await request(app)
      .post("/api/surveys/mini/responses")
      .send({ answers: { authority_name: "Zahlé", population: "١٢٠٠٠" }, status: "draft", locale: "ar" })
      .expect(201);
    const stored = await store.responses.findById((res.body as CreatedResponse).id);
    expect(stored?.answers).toEqual({ authority_name: "Zahlé", population: 12000 });
  });

  it("refuses a number question answered with other text, naming the question, and stores nothing", async () => {
    const { app, store } = testApp();
    const res = await request(app)
      .post("/api/surveys/mini/responses")
      .send({ answers: { authority_name: "Zahlé", population: "١٢ ألف" }, status: "draft", locale: "ar" })
      .expect(422);
    const body = res.body as ApiErrorBody;
    expect(body.error.code).toBe("invalid_answers");
    expect(body.error.details?.map((detail) => detail.question)).toEqual(["population"]);
    expect(await store.responses.count({ surveyId: "mini" })).toBe(0);
  });
});
