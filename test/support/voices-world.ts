import path from "node:path";
import request from "supertest";
import type { Answers, Locale } from "@passerelle/shared";
import { testApp } from "./test-app";

/** A questionnaire of this repository's own, not the census: any free-text question must work. */
export const VOICES_DIR = path.join(__dirname, "../fixtures/voices");

export interface VoiceAnswer {
  council: string;
  province: "north" | "south" | "bekaa";
  locale: Locale;
  needs: string[];
  answers?: Answers;
}

/** Eight councils answering in three languages, the North the largest group. */
export const VOICES: readonly VoiceAnswer[] = [
  {
    council: "Batroun",
    province: "north",
    locale: "fr",
    needs: ["w", "h"],
    answers: { water_words: "Le réseau d'eau potable date de 1960 et fuit partout.", water_when: "now", water_cost: "large", ways: ["expertise"] },
  },
  {
    council: "بلدية القلمون",
    province: "north",
    locale: "ar",
    needs: ["w", "e"],
    answers: { water_words: "شبكة المياه قديمة جداً وتحتاج إلى تأهيل", water_when: "now", water_cost: "small", ways: ["funding"], obstacles: ["staff"] },
  },
  {
    council: "Amioun",
    province: "north",
    locale: "en",
    needs: ["h", "w"],
    answers: {
      health_words: "The clinic has no doctor on weekends.",
      water_words: "Water trucks twice a week.",
      water_when: "later",
      water_cost: "small",
      ways: ["training", "expertise"],
    },
  },
  { council: "Chekka", province: "north", locale: "fr", needs: ["e"], answers: { anything_else: "Merci pour l'école d'été.", one_word: "énergie" } },
  {
    council: "Tyr",
    province: "south",
    locale: "fr",
    needs: ["w"],
    answers: { water_words: "Assainissement des eaux usées en mer.", water_when: "now", water_cost: "large", obstacles: ["security"] },
  },
  { council: "Naqoura", province: "south", locale: "ar", needs: ["h"], answers: { health_words: "المستوصف بحاجة إلى معدات" } },
  { council: "Qana", province: "south", locale: "en", needs: ["h", "e"], answers: { health_words: "An ambulance for the villages." } },
  {
    council: "Zahlé",
    province: "bekaa",
    locale: "fr",
    needs: ["w", "h"],
    answers: { water_words: "Irrigation: canaux à refaire.", water_when: "later", water_cost: "large", phone: "+961 1 234 567" },
  },
];

export function voiceAnswers(voice: VoiceAnswer): Answers {
  return { council: voice.council, province: voice.province, top_needs: voice.needs, ...voice.answers };
}

/** The app on a fresh store, every voice submitted in order; ids and resume tokens by council. */
export async function voicesWorld(options: { now?: () => Date; minGroupSize?: number } = {}) {
  const context = testApp({ surveysDir: VOICES_DIR, ...options });
  const submitted = new Map<string, { id: string; resumeToken: string }>();
  for (const voice of VOICES) {
    const res = await request(context.app)
      .post("/api/surveys/voices/responses")
      .send({ answers: voiceAnswers(voice), status: "submitted", locale: voice.locale })
      .expect(201);
    submitted.set(voice.council, res.body as { id: string; resumeToken: string });
  }
  return { ...context, submitted };
}
