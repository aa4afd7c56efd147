import fs from "node:fs";
import path from "node:path";
import type { Answers, Locale, ResponseStatus } from "@passerelle/shared";
import { AnswerValidator } from "../../../server/src/responses/answer-validator";
import { miniAnswers, without } from "../../support/builders";
import { FIXTURE_SURVEYS_DIR } from "../../support/test-app";

const definition = JSON.parse(fs.readFileSync(path.join(FIXTURE_SURVEYS_DIR, "mini.json"), "utf8"));
const validator = new AnswerValidator(definition);

function problemsOf(answers: Answers, status: ResponseStatus = "submitted", locale: Locale = "en") {
  return validator.validate({ answers, status, locale });
}

describe("AnswerValidator", () => {
  it("accepts a complete, valid submission", () => {
    expect(problemsOf(miniAnswers())).toEqual([]);
  });

  it("accepts an incomplete draft", () => {
    expect(problemsOf({ authority_name: "Zgharta" }, "draft")).toEqual([]);
    expect(problemsOf({}, "draft")).toEqual([]);
  });

  it.each<[string, Answers, string]>([
    ["an unknown question", { nonexistent: "x" }, "nonexistent"],
    ["an operator-looking key", { $gt: "" }, "$gt"],
    ["a prototype key", JSON.parse('{"__proto__": {"polluted": true}}'), "__proto__"],
    ["text where a number is expected", { population: "200000" }, "population"],
    ["a number where text is expected", { authority_name: 12 }, "authority_name"],
    ["a choice outside the list", { authority_kind: "ministry" }, "authority_kind"],
    ["a list for a single choice", { governorate: ["north"] }, "governorate"],
    ["a single value for a multiple choice", { constraints: "security" }, "constraints"],
    ["a ranking with an unknown theme", { priority_themes: ["water_sanitation", "tourism"] }, "priority_themes"],
    ["a ranking with a repeated theme", { priority_themes: ["health", "health"] }, "priority_themes"],
    ["a ranking longer than allowed", { priority_themes: ["health", "energy", "water_sanitation"] }, "priority_themes"],
    ["a rating outside its scale", { readiness: 9 }, "readiness"],
    ["a boolean given as text", { consent_data_use: "yes" }, "consent_data_use"],
    ["a matrix with an unknown row", { capacities: { staff: "low", salary: "high" } }, "capacities"],
    ["a matrix with an unknown column", { capacities: { staff: "medium" } }, "capacities"],
    ["a matrix given as a list", { capacities: ["low"] }, "capacities"],
    ["an object as the other-comment", { "constraints-Comment": { text: "x" } }, "constraints-Comment"],
    ["a value for a question without answers", { NaN: 1 }, "NaN"],
  ])("refuses %s, even in a draft", (_label, answers, question) => {
    const problems = problemsOf(answers, "draft");
    expect(problems.map((problem) => problem.question)).toEqual([question]);
  });

  it("refuses text longer than the limit", () => {
    const problems = problemsOf({ authority_name: "x".repeat(20_001) }, "draft");
    expect(problems).toEqual([{ question: "authority_name", message: expect.stringContaining("too long") }]);
  });

  it("requires the required questions on submission, visible ones only", () => {
    const answers = without(miniAnswers({ priority_themes: ["health"] }), "authority_name", "need_water_sanitation");
    const problems = problemsOf(answers);
    expect(problems.map((problem) => problem.question)).toEqual(["authority_name"]);
  });

  it("requires a theme's need once that theme is ranked", () => {
    const problems = problemsOf(without(miniAnswers(), "need_water_sanitation"));
    expect(problems.map((problem) => problem.question)).toEqual(["need_water_sanitation"]);
  });

  it("runs the questionnaire's validators on submission but not on drafts", () => {
    const answers = miniAnswers({ population: -5, contact_email: "not-an-email", consent_data_use: false });
    expect(
      problemsOf(answers)
        .map((problem) => problem.question)
        .sort(),
    ).toEqual(["consent_data_use", "contact_email", "population"].sort());
    expect(problemsOf(answers, "draft")).toEqual([]);
  });

  it("refuses on submission a district outside the chosen governorate", () => {
    const problems = problemsOf(miniAnswers({ governorate: "south", district: "tripoli" }));
    expect(problems.map((problem) => problem.question)).toEqual(["district"]);
  });

  it.each<[Locale, string]>([
    ["fr", "La réponse à cette question est obligatoire."],
    ["ar", "يرجى الإجابة على السؤال"],
    ["en", "Response required."],
  ])("speaks the request's language (%s)", (locale, expected) => {
    const [required] = problemsOf(without(miniAnswers(), "authority_name"), "submitted", locale);
    expect(required?.message).toContain(expected);
    const [unknown] = problemsOf({ nope: 1 }, "draft", locale);
    expect(unknown?.message).not.toEqual(problemsOf({ nope: 1 }, "draft", locale === "en" ? "fr" : "en")[0]?.message);
  });

  it("gives the same verdict when reused across many requests", () => {
    expect(problemsOf(without(miniAnswers(), "authority_name"))).toHaveLength(1);
    expect(problemsOf(miniAnswers())).toEqual([]);
    expect(problemsOf(without(miniAnswers(), "authority_name"))).toHaveLength(1);
  });
});
