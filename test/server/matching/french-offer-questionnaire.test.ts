import { readFrenchProfile, readLebaneseProfile, type JsonObject } from "@passerelle/shared";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { AnswerValidator } from "../../../server/src/responses/answer-validator";
import { censusAnswers } from "../../support/census-answers";
import { frenchOfferAnswers, olderFrenchOfferAnswers } from "../../support/french-offer-answers";
import { SHIPPED_SURVEYS_DIR } from "../../support/test-app";

const registry = loadQuestionnaires(SHIPPED_SURVEYS_DIR);
const offer = registry.get("french-offer");
const validator = new AnswerValidator(offer.definition);
const submit = (answers: Record<string, unknown>) => validator.validate({ answers, status: "submitted", locale: "fr" });

const NEW_QUESTIONS = [
  "cooperation_modes_offered",
  "working_languages",
  "preferred_governorates",
  "partner_capacity",
  "can_host_delegation",
  "lebanese_partners",
  "start_period",
];

function findQuestion(definition: JsonObject, name: string): JsonObject | undefined {
  const pages = definition.pages as JsonObject[];
  return pages.flatMap((page) => page.elements as JsonObject[]).find((element) => element.name === name);
}

describe("the French offer's matching questions", () => {
  it.each(NEW_QUESTIONS)("asks %s in French, Arabic and English", (name) => {
    const question = findQuestion(offer.definition, name);
    expect(question?.title).toEqual({ default: expect.any(String), fr: expect.any(String), ar: expect.stringMatching(/[\u0600-\u06FF]/) });
  });

  it("offers the census's own codes of cooperation modes and governorates", () => {
    const census = registry.get("census-lebanon");
    const values = (definition: JsonObject, name: string) => (findQuestion(definition, name)?.choices as { value: string }[]).map((choice) => choice.value);
    const censusValues = (name: string) => {
      const pages = census.definition.pages as JsonObject[];
      const question = pages.flatMap((page) => page.elements as JsonObject[]).find((element) => element.name === name)!;
      return (question.choices as { value: string }[]).map((choice) => choice.value);
    };
    expect(values(offer.definition, "cooperation_modes_offered")).toEqual(censusValues("cooperation_modes"));
    expect(values(offer.definition, "preferred_governorates")).toEqual(censusValues("governorate"));
  });

  it("accepts a complete answer and a no-preference answer", () => {
    expect(submit(frenchOfferAnswers())).toEqual([]);
    expect(submit(frenchOfferAnswers({ preferred_governorates: ["none"] }))).toEqual([]);
  });

  it.each([0, 21, 2.5])("refuses a partner capacity of %s", (capacity) => {
    expect(submit(frenchOfferAnswers({ partner_capacity: capacity })).map((detail) => detail.question)).toContain("partner_capacity");
  });

  it("still accepts an answer that leaves the new questions out", () => {
    expect(submit(olderFrenchOfferAnswers())).toEqual([]);
  });
});

describe("reading profiles from answers", () => {
  it("reads the current French offer", () => {
    expect(readFrenchProfile("r1", frenchOfferAnswers())).toEqual({
      id: "r1",
      name: "Ville de Lyon",
      kind: "commune",
      region: "auvergne_rhone_alpes",
      themes: ["water_sanitation", "energy"],
      modes: ["technical_expertise", "joint_project"],
      languages: ["fr", "en"],
      governorates: ["keserwan_jbeil", "bekaa"],
      capacity: 2,
      canHostDelegation: true,
      missionInterest: "both",
      envelope: "10k_50k",
      clesEnMain: "maybe",
      lebanesePartnerNames: ["Jbeil", "زحلة"],
      startPeriod: "within_a_year",
    });
    expect(readFrenchProfile("r1", frenchOfferAnswers({ preferred_governorates: ["none"] })).governorates).toEqual([]);
  });

  it("reads an answer to the older version as 'not stated', with one partner", () => {
    const profile = readFrenchProfile("r0", olderFrenchOfferAnswers());
    expect(profile).toMatchObject({ capacity: 1, lebanesePartnerNames: [] });
    for (const field of ["modes", "languages", "governorates", "canHostDelegation", "startPeriod"]) expect(profile).not.toHaveProperty(field);
  });

  it("reads the census needs with rank, urgency, budget and co-funding", () => {
    const profile = readLebaneseProfile("c1", censusAnswers());
    expect(profile).toMatchObject({
      name: "بلدية جبيل",
      governorate: "keserwan_jbeil",
      intent: "relaunch_previous",
      needs: [
        { theme: "water_sanitation", rank: 1, urgency: "immediate", budget: "200k_1m", cofunding: "partial" },
        { theme: "energy", rank: 2, urgency: "short_term" },
      ],
      modes: ["technical_expertise", "training"],
      canHostMissions: true,
      preferredLanguage: "ar",
      partnerNames: ["Ville de Lyon"],
    });
  });

  it("leaves out an authority that does not want a partnership now", () => {
    expect(readLebaneseProfile("c2", censusAnswers({ cooperation_intent: "not_now" }))).toBeNull();
  });
});
