import type { Locale } from "../locales";
import { z } from "zod";

/** The stages an introduction goes through on its way to a partnership, in order. */
export const INTRODUCTION_STAGES = ["proposed", "contacted", "meeting_held", "letter_of_intent", "agreement_signed", "project_under_way"] as const;
/** States outside the path, each entered with a reason. */
export const INTRODUCTION_PAUSES = ["declined", "on_hold"] as const;
export const INTRODUCTION_STATES = [...INTRODUCTION_STAGES, ...INTRODUCTION_PAUSES] as const;
export type IntroductionStage = (typeof INTRODUCTION_STAGES)[number];
export type IntroductionState = (typeof INTRODUCTION_STATES)[number];
export const IntroductionStateSchema = z.enum(INTRODUCTION_STATES);

export interface IntroductionStep {
  state: IntroductionState;
  at: string;
  by: string;
  reason: string | null;
}

/**
 * Whether an introduction in `from` may move to `to`, given the steps so far. Forward along the
 * stages (skipping is allowed: a first meeting may happen without a logged contact); never back.
 * Declined or on hold from any stage (declined is final, a project under way is not declined).
 * Out of hold, back to the stage it was held at or further.
 */
export function canMoveIntroduction(history: readonly Pick<IntroductionStep, "state">[], to: IntroductionState): boolean {
  const from = history.at(-1)?.state ?? "proposed";
  if (from === to || from === "declined") return false;
  if (to === "declined") return from !== "project_under_way";
  if (to === "on_hold") return true;
  const stage = from === "on_hold" ? lastStage(history) : from;
  return INTRODUCTION_STAGES.indexOf(to) > INTRODUCTION_STAGES.indexOf(stage) || (from === "on_hold" && to === stage);
}

/** The last stage reached before any pause. */
export function lastStage(history: readonly Pick<IntroductionStep, "state">[]): IntroductionStage {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const state = history[index]!.state;
    if ((INTRODUCTION_STAGES as readonly string[]).includes(state)) return state as IntroductionStage;
  }
  return "proposed";
}

export function needsReason(state: IntroductionState): boolean {
  return (INTRODUCTION_PAUSES as readonly string[]).includes(state);
}

const IdSchema = z.string().pipe(z.string().min(1).max(100));
const DaySchema = z.iso.date();
const NoteSchema = z.string().pipe(z.string().trim().min(1).max(2000));
const ReasonSchema = z.string().pipe(z.string().trim().min(1).max(500));
const OwnerSchema = z.string().pipe(z.string().trim().min(1).max(254));

/** `POST /api/matching/introductions`. */
export const StartIntroductionSchema = z.strictObject({
  lebaneseId: IdSchema,
  frenchId: IdSchema,
  owner: OwnerSchema.optional(),
  nextStepOn: DaySchema.optional(),
  note: NoteSchema.optional(),
});
export type StartIntroduction = z.infer<typeof StartIntroductionSchema>;

/** `PATCH /api/matching/introductions/:id`: a move, a note, who is in charge, the next step, a review. */
export const UpdateIntroductionSchema = z
  .strictObject({
    /** The revision the change was made on: a change made meanwhile by someone else is not overwritten. */
    revision: z.number().int().min(0),
    state: IntroductionStateSchema.optional(),
    reason: ReasonSchema.optional(),
    owner: OwnerSchema.nullable().optional(),
    nextStepOn: DaySchema.nullable().optional(),
    note: NoteSchema.optional(),
    /** Staff have looked at the authorities' changed answers. */
    reviewed: z.literal(true).optional(),
  })
  .refine((body) => Object.keys(body).some((key) => key !== "revision"), { message: "nothing to change", path: ["state"] })
  .refine((body) => !body.state || !needsReason(body.state) || body.reason !== undefined, { message: "a reason is required for this state", path: ["reason"] })
  .refine((body) => body.reason === undefined || (body.state !== undefined && needsReason(body.state)), {
    message: "a reason goes with declined or on hold",
    path: ["reason"],
  });
export type UpdateIntroduction = z.infer<typeof UpdateIntroductionSchema>;

export interface IntroductionNote {
  at: string;
  by: string;
  text: string;
}

/** An introduction as the API presents it. */
export interface IntroductionView {
  id: string;
  lebaneseId: string;
  frenchId: string;
  lebaneseName: string;
  frenchName: string;
  governorate: string | null;
  /** The themes the pair had in common when it was introduced. */
  themes: string[];
  state: IntroductionState;
  /** The reason of the current state when declined or on hold. */
  reason: string | null;
  owner: string | null;
  nextStepOn: string | null;
  notes: IntroductionNote[];
  history: IntroductionStep[];
  /** One of the two authorities changed its answers since the introduction was started or last reviewed. */
  needsReview: boolean;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** The states' names as staff read them, on screen and in exports. */
export const INTRODUCTION_STATE_LABELS: Readonly<Record<Locale, Record<IntroductionState, string>>> = {
  fr: {
    proposed: "Proposée",
    contacted: "Contact pris",
    meeting_held: "Rencontre tenue",
    letter_of_intent: "Lettre d'intention",
    agreement_signed: "Convention signée",
    project_under_way: "Projet en cours",
    declined: "Déclinée",
    on_hold: "En attente",
  },
  ar: {
    proposed: "مقترحة",
    contacted: "تمّ التواصل",
    meeting_held: "عُقد لقاء",
    letter_of_intent: "رسالة نوايا",
    agreement_signed: "اتفاقية موقّعة",
    project_under_way: "مشروع قيد التنفيذ",
    declined: "مرفوضة",
    on_hold: "معلّقة",
  },
  en: {
    proposed: "Proposed",
    contacted: "Contacted",
    meeting_held: "Meeting held",
    letter_of_intent: "Letter of intent",
    agreement_signed: "Agreement signed",
    project_under_way: "Project under way",
    declined: "Declined",
    on_hold: "On hold",
  },
};
