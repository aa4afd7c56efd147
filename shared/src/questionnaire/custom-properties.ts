import { Serializer } from "survey-core";
import { INVITATION_FIELDS } from "../invitations";

/**
 * Passerelle's own facts about a questionnaire, declared to SurveyJS so that a questionnaire
 * file stays plain SurveyJS JSON (it still opens in the form designer) and the properties
 * survive serialisation. Called by server and client before any model is built; safe to call
 * more than once.
 */
export function registerCustomProperties(): void {
  if (Serializer.findProperty("survey", "questionnaireId")) return;
  Serializer.addProperty("survey", { name: "questionnaireId", category: "passerelle" });
  Serializer.addProperty("survey", {
    name: "questionnaireStatus",
    category: "passerelle",
    default: "open",
    choices: ["draft", "open", "closed"],
  });
  // When answers are accepted, within an "open" status: ISO 8601 instants, both optional.
  Serializer.addProperty("survey", { name: "questionnaireOpensAt", category: "passerelle" });
  Serializer.addProperty("survey", { name: "questionnaireClosesAt", category: "passerelle" });
  // Fields every statistic can be broken down by (for the census: governorate, district, kind).
  Serializer.addProperty("survey", { name: "breakdownFields:string[]", category: "passerelle" });
  Serializer.addProperty("question", { name: "theme", category: "passerelle" });
  Serializer.addProperty("panel", { name: "theme", category: "passerelle" });
  Serializer.addProperty("itemvalue", { name: "theme", category: "passerelle" });
  // What a theme's question asks about (its urgency, its budget…), so theme summaries can show it.
  Serializer.addProperty("question", {
    name: "themeFacet",
    category: "passerelle",
    choices: ["need", "urgency", "studies", "budget", "cofunding"],
  });
  // "invitation": only holders of an invitation link may answer (see invitations.ts).
  Serializer.addProperty("survey", {
    name: "questionnaireAccess",
    category: "passerelle",
    default: "public",
    choices: ["public", "invitation"],
  });
  // Which field of an invitation fills this question in (the authority's name, district…).
  Serializer.addProperty("question", { name: "invitationField", category: "passerelle", choices: [...INVITATION_FIELDS] });
  // Contact data: kept from viewers who must not see it.
  Serializer.addProperty("question", { name: "personal:boolean", category: "passerelle", default: false });
}
