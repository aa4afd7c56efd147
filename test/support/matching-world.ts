import type { Express } from "express";
import request from "supertest";
import type { Answers } from "@passerelle/shared";
import { censusAnswers } from "./census-answers";
import { frenchOfferAnswers, olderFrenchOfferAnswers } from "./french-offer-answers";
import { SHIPPED_SURVEYS_DIR, signedIn, testApp, type TestAppOptions } from "./test-app";

export interface Submitted {
  id: string;
  resumeToken: string;
}

/** Submits a response through the API, as an authority would. */
export async function submit(app: Express, surveyId: string, answers: Answers): Promise<Submitted> {
  const res = await request(app).post(`/api/surveys/${surveyId}/responses`).send({ answers, status: "submitted", locale: "fr" });
  if (res.status !== 201) throw new Error(`submission refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Submitted;
}

/** Zahlé wants to relaunch with Lyon (named "Ville de Lyon"), in Arabic, on water and energy. */
export const zahleAnswers = (overrides: Answers = {}) =>
  censusAnswers({
    authority_name: "Zahlé",
    governorate: "bekaa",
    district: "zahle",
    partner_name: "Ville de Lyon",
    cooperation_intent: "relaunch_previous",
    ...overrides,
  });

/** Tyr wants a new partnership on waste, in French. */
export const tyrAnswers = (overrides: Answers = {}) =>
  censusAnswers({
    authority_name: "Tyr",
    governorate: "south",
    district: "tyre",
    partnership_status: "none",
    partner_name: undefined,
    partnership_end_reason: undefined,
    "partnership_end_reason-Comment": undefined,
    cooperation_intent: "develop_new",
    priority_themes: ["solid_waste"],
    need_solid_waste: "Tri à la source",
    urgency_solid_waste: "short_term",
    budget_solid_waste: "under_50k",
    need_water_sanitation: undefined,
    urgency_water_sanitation: undefined,
    studies_water_sanitation: undefined,
    budget_water_sanitation: undefined,
    cofunding_water_sanitation: undefined,
    need_energy: undefined,
    urgency_energy: undefined,
    preferred_language: "fr",
    ...overrides,
  });

/**
 * Both questionnaires answered: Zahlé and Tyr (Lebanese), Baalbek (not now), and Lyon (current
 * offer: water and energy, prefers the Bekaa), Lille (an offer given before the matching
 * questions: waste and water) and Grenoble (health only).
 */
export async function matchingWorld(options: TestAppOptions = {}) {
  const { app, store, questionnaires } = testApp({ surveysDir: SHIPPED_SURVEYS_DIR, ...options });
  const zahle = await submit(app, "census-lebanon", zahleAnswers());
  const tyr = await submit(app, "census-lebanon", tyrAnswers());
  const baalbek = await submit(
    app,
    "census-lebanon",
    censusAnswers({ authority_name: "Baalbek", governorate: "baalbek_hermel", district: "baalbek", cooperation_intent: "not_now" }),
  );
  const lyon = await submit(app, "french-offer", frenchOfferAnswers({ preferred_governorates: ["bekaa"], lebanese_partners: "" }));
  const lille = await submit(
    app,
    "french-offer",
    olderFrenchOfferAnswers({ authority_name: "Lille", expertise_themes: ["solid_waste", "water_sanitation"], interest_cles_en_main: "yes" }),
  );
  const grenoble = await submit(app, "french-offer", frenchOfferAnswers({ authority_name: "Grenoble", expertise_themes: ["health"], lebanese_partners: "" }));
  const [analyst, viewer, admin] = await Promise.all([signedIn(app, "analyst"), signedIn(app, "viewer"), signedIn(app, "admin")]);
  return { app, store, questionnaires, analyst, viewer, admin, zahle, tyr, baalbek, lyon, lille, grenoble };
}
