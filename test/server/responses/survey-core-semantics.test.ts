import type { Answers, ResponseStatus } from "@passerelle/shared";
import { AnswerValidator, MAX_DETAILS } from "../../../server/src/responses/answer-validator";
import { validationFixture } from "../../support/validation-fixtures";

function validatorOf(id: string): AnswerValidator {
  return new AnswerValidator(validationFixture(id).definition);
}

const everyType = validatorOf("every-type");
const completion = validatorOf("completion");
const rootElements = validatorOf("root-elements");
const dynamic = validatorOf("dynamic");

function check(validator: AnswerValidator, answers: Answers, status: ResponseStatus = "submitted") {
  return validator.check({ answers, status, locale: "en" });
}

function questionsOf(validator: AnswerValidator, answers: Answers, status: ResponseStatus = "submitted"): string[] {
  return check(validator, answers, status).details.map((detail) => detail.question);
}

/** A valid submission to every-type, with overrides. */
function everyTypeAnswers(overrides: Answers = {}): Answers {
  return {
    kind: "a",
    adults: 2,
    kind_a_detail: "details",
    grid: { g1: "low", g2: "high" },
    agrees: true,
    ...overrides,
  };
}

const PNG = "data:image/png;base64,iVBORw0KGgo=";

describe("validation as survey-core's completed form", () => {
  it("validates a questionnaire with dynamic panels on a fresh model: an emptied panel list leaves no panel behind", () => {
    const reused = validatorOf("dynamic");
    const emptied = { has_sites: "yes", members: [{ first_name: "Rana" }], sites: [] };
    const fresh = check(validatorOf("dynamic"), emptied);
    check(reused, { ...emptied, sites: [{ site_name: "School" }, { site_name: "Clinic" }] });
    expect(check(reused, emptied)).toEqual(fresh);
    expect(fresh.details).toEqual([]);
  });

  it("gives a malformed answer the same verdict after an empty, a valid and another request", () => {
    const malformed = everyTypeAnswers({ score: "x" });
    const fresh = check(validatorOf("every-type"), malformed);
    const reused = validatorOf("every-type");
    const verdicts = [{}, everyTypeAnswers(), everyTypeAnswers({ kind: "b", why_b: "because" }), {}].map((earlier) => {
      check(reused, earlier);
      return check(reused, malformed);
    });
    expect(fresh.details.map((detail) => detail.question)).toEqual(["score"]);
    for (const verdict of verdicts) expect(verdict).toEqual(fresh);
  });

  it("keeps no trace of an earlier request's conditions, triggers or completion", () => {
    const reused = validatorOf("completion");
    const incomplete = { respondent: "r", eligible: true };
    const before = check(reused, incomplete);
    check(reused, { respondent: "r", eligible: false });
    expect(check(reused, incomplete)).toEqual(before);
    expect(before.details.map((detail) => detail.question)).toEqual(["household_size"]);
  });

  it("accepts every key survey-core's own form writes, on drafts and submissions, and keeps survey-core's values", () => {
    const written = everyTypeAnswers({
      children: 1,
      household: 3,
      household_total: 3,
      kind_label: "Kind A",
      email: "a@b.example",
      contact_copy: "a@b.example",
      "kind-Comment": "",
      "services-Comment": "a well",
      services: ["water", "other"],
    });
    expect(check(everyType, written, "draft").details).toEqual([]);
    const { details, answers } = check(everyType, written);
    expect(details).toEqual([]);
    expect(answers).toMatchObject({ household: 3, household_total: 3, kind_label: "Kind A", contact_copy: "a@b.example" });
    // Values survey-core computes are its own, not the request's.
    expect(check(everyType, { ...written, household: 99, household_total: 99 }).answers).toMatchObject({ household: 3, household_total: 3 });
    const matrix = { has_sites: "no", members: [{ first_name: "Rana" }], costs: { rent: { amount: 2 }, food: { amount: 3 } }, "costs-total": { amount: 5 } };
    expect(check(dynamic, matrix).details).toEqual([]);
    expect(check(dynamic, { ...matrix, "costs-total": { amount: 1 } }).answers).toMatchObject({ "costs-total": { amount: 5 } });
    // A calculated value not kept in the results is not a key of the data.
    expect(questionsOf(everyType, { not_kept: 4 }, "draft")).toEqual(["not_kept"]);
  });

  it("lets a warning or information validator through, as the form completes with them", () => {
    expect(questionsOf(everyType, everyTypeAnswers({ children: 30 }))).toEqual([]);
    expect(questionsOf(completion, { respondent: "r", eligible: true, household_size: 3, nickname: "ab" })).toEqual([]);
  });

  it("ends the form where a complete trigger fires: no required question of later pages", () => {
    expect(check(completion, { respondent: "r", eligible: false })).toEqual({ details: [], answers: { respondent: "r", eligible: false } });
    expect(questionsOf(completion, { respondent: "r", eligible: true })).toEqual(["household_size"]);
  });

  it("enforces the required questions of the start page", () => {
    expect(questionsOf(completion, { eligible: true, household_size: 2 })).toEqual(["respondent"]);
  });

  it("checks every page at once with checkErrorsMode onComplete, and keeps hidden answers with clearInvisibleValues none", () => {
    const onComplete = validatorOf("on-complete");
    expect(questionsOf(onComplete, { choice: "drop" })).toEqual(["reason"]);
    expect(check(onComplete, { choice: "keep", reason: "kept" }).answers).toEqual({ choice: "keep", reason: "kept" });
  });

  it.each<[string, Answers, string]>([
    ["a dropdown choice shown only for another kind", everyTypeAnswers({ kind: "b", why_b: "w", region: "x" }), "region"],
    ["a checkbox choice shown only for another kind", everyTypeAnswers({ kind: "b", why_b: "w", services: ["water", "clinic"] }), "services"],
  ])("refuses %s although the question is not required", (_label, answers, question) => {
    expect(questionsOf(everyType, answers)).toEqual([question]);
  });

  it("names a district of another governorate as such, not as a missing answer", () => {
    const [detail, ...others] = check(rootElements, { governorate: "south", district: "tripoli" }).details;
    expect(others).toEqual([]);
    expect(detail).toEqual({ question: "district", message: "This choice is not offered given your other answers." });
  });

  it("accepts a choice computed from another question, and refuses one that question did not give", () => {
    const answers = { governorate: "north", district: "tripoli", options: ["shared"], from_options: ["shared"] };
    expect(questionsOf(rootElements, answers)).toEqual([]);
    expect(questionsOf(rootElements, { ...answers, from_options: ["shared", "north_only"] })).toEqual(["from_options"]);
  });

  it.each<[string, Answers, string]>([
    ["a multipletext item that does not exist", { address: { city: "Tyre" } }, "address"],
    ["a multipletext number given as text", { address: { number: "12" } }, "address"],
    ["a file given as text", { photo: PNG }, "photo"],
    [
      "two files where one is allowed",
      {
        photo: [
          { name: "a.png", type: "image/png", content: PNG },
          { name: "b.png", type: "image/png", content: PNG },
        ],
      },
      "photo",
    ],
    ["a file of a type not accepted", { photo: [{ name: "a.pdf", type: "application/pdf", content: "data:application/pdf;base64,JVBERi0=" }] }, "photo"],
    ["a file larger than maxSize", { photo: [{ name: "a.png", type: "image/png", content: `data:image/png;base64,${"A".repeat(4000)}` }] }, "photo"],
    ["a file whose content is not a data URL", { photo: [{ name: "a.png", type: "image/png", content: "https://example.org/a.png" }] }, "photo"],
    ["a signature that is not an image data URL", { signature: "data:text/html;base64,PHNjcmlwdD4=" }, "signature"],
    ["a signature too large", { signature: `data:image/png;base64,${"A".repeat(400_000)}` }, "signature"],
    ["a value for an expression's computed comment", { "household-Comment": "x" }, "household-Comment"],
    ["a value for an html element", { intro: "x" }, "intro"],
  ])("refuses %s, even in a draft", (_label, answers, question) => {
    expect(questionsOf(everyType, answers, "draft")).toEqual([question]);
  });

  it.each<[string, Answers, string]>([
    ["a matrixdropdown row that does not exist", { costs: { car: { amount: 1 } } }, "costs"],
    ["a matrixdropdown cell of the wrong type", { costs: { rent: { amount: "1" } } }, "costs.rent.amount"],
    ["a matrixdropdown cell outside the matrix's choices", { costs: { rent: { level: 7 } } }, "costs.rent.level"],
    ["a matrixdropdown checkbox cell outside its column's choices", { costs: { rent: { kinds: ["k9"] } } }, "costs.rent.kinds"],
    ["a matrixdropdown unknown column", { costs: { rent: { colour: "red" } } }, "costs.rent.colour"],
    ["a matrixdynamic given as an object", { members: { first_name: "x" } }, "members"],
    ["a matrixdynamic with more rows than maxRowCount", { members: Array.from({ length: 5 }, () => ({ first_name: "x" })) }, "members"],
    ["a matrixdynamic with fewer rows than minRowCount", { members: [] }, "members"],
    ["a matrixdynamic row that is not an object", { members: ["x"] }, "members[0]"],
    ["a matrixdynamic cell outside its choices", { members: [{ first_name: "x", role: "king" }] }, "members[0].role"],
    ["a paneldynamic with more panels than maxPanelCount", { sites: Array.from({ length: 4 }, () => ({ site_name: "s" })) }, "sites"],
    ["a paneldynamic answer of the wrong type", { sites: [{ site_name: "s", pupils: "many" }] }, "sites[0].pupils"],
    ["a paneldynamic unknown question", { sites: [{ site_name: "s", colour: "red" }] }, "sites[0].colour"],
  ])("refuses %s, even in a draft", (_label, answers, question) => {
    expect(questionsOf(dynamic, answers, "draft")).toEqual([question]);
  });

  it("accepts nested answers as the form writes them", () => {
    const tables = {
      costs: { rent: { amount: 2, level: 1, ok: true, kinds: ["k1"] } },
      members: [{ first_name: "Rana", age: 40 }, {}],
      sites: [{ site_name: "School", site_kind: "school", pupils: 300 }],
    };
    expect(questionsOf(dynamic, tables, "draft")).toEqual([]);
    const nested = {
      address: { street: "Main", number: 12 },
      photo: [{ name: "a.png", type: "image/png", content: PNG }],
      signature: PNG,
    };
    expect(questionsOf(everyType, nested, "draft")).toEqual([]);
  });

  it("refuses a body of a hundred thousand unknown keys after a bounded number of details", () => {
    const junk = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`junk_${index}`, index]));
    const { details } = check(everyType, junk, "draft");
    expect(details).toHaveLength(MAX_DETAILS + 1);
    expect(details[MAX_DETAILS]).toEqual({ question: "answers", message: expect.stringContaining("Too many unknown answers") });
  });
});
