import type { JsonObject, Locale, QuestionnaireAccess, QuestionnaireStatus } from "@passerelle/shared";
import type { InvitationForm } from "../invitations/invitation-form";

/** A questionnaire as loaded and checked at start: one version of one survey file. */
export interface Questionnaire {
  id: string;
  /** As declared; `statusAt` gives the status at an instant, with the dates below. */
  status: QuestionnaireStatus;
  /** Answers are accepted from this instant (when the status is "open"). */
  opensAt?: Date;
  /** …and until this instant. */
  closesAt?: Date;
  /** Who may answer: anyone with the address, or only holders of an invitation link. */
  access: QuestionnaireAccess;
  /** Which questions an invitation fills in (and locks). */
  invitationForm: InvitationForm;
  /** Content hash of the definition: every response records the version it answered. */
  version: string;
  /** SurveyJS JSON as served to the form, theme labels filled in from the catalogue. */
  definition: JsonObject;
  title: Record<Locale, string>;
  description: Record<Locale, string>;
  locales: readonly Locale[];
  /** Questions whose answers statistics are broken down by, such as governorate. */
  breakdownFields: readonly string[];
  /** The file it came from, for messages. */
  file: string;
}
