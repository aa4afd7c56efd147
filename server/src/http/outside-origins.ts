import { findOutsideReferences } from "@passerelle/shared";
import type { Logger } from "pino";
import type { QuestionnaireRegistry } from "../questionnaires/questionnaire.registry";

/** One outside origin a questionnaire needs, whether the content-security policy allows it, and for which questions. */
export interface OutsideOriginNeed {
  questionnaire: string;
  file: string;
  origin: string;
  uses: string[];
  questions: string[];
  isAllowed: boolean;
}

/** Every outside origin the questionnaires need, checked against the allowed ones (`*.` covering subdomains). */
export function outsideOriginNeeds(questionnaires: QuestionnaireRegistry, allowed: readonly string[]): OutsideOriginNeed[] {
  const needs: OutsideOriginNeed[] = [];
  for (const questionnaire of questionnaires.list()) {
    for (const reference of findOutsideReferences(questionnaire.definition)) {
      let need = needs.find((known) => known.questionnaire === questionnaire.id && known.origin === reference.origin);
      if (!need) {
        need = {
          questionnaire: questionnaire.id,
          file: questionnaire.file,
          origin: reference.origin,
          uses: [],
          questions: [],
          isAllowed: isAllowed(reference.origin, allowed),
        };
        needs.push(need);
      }
      if (!need.uses.includes(reference.use)) need.uses.push(reference.use);
      if (!need.questions.includes(reference.question)) need.questions.push(reference.question);
    }
  }
  return needs;
}

export function isAllowed(origin: string, allowed: readonly string[]): boolean {
  const target = new URL(origin);
  return allowed.some((entry) => {
    const wildcard = /^(https?:)\/\/\*\.([^:]+)(?::(\d+))?$/i.exec(entry);
    if (!wildcard) return entry.toLowerCase() === origin.toLowerCase();
    const [, scheme = "", domain = "", port = ""] = wildcard;
    return target.protocol === scheme.toLowerCase() && target.hostname.endsWith(`.${domain.toLowerCase()}`) && target.port === port;
  });
}

/**
 * Says at start which questionnaires reach outside origins: a warning for each origin the
 * content-security policy blocks (the form would show an empty list, a blank image), naming
 * the file, the questions and the setting that allows it; one line for the allowed ones.
 */
export function logOutsideOrigins(questionnaires: QuestionnaireRegistry, allowed: readonly string[], logger: Logger): void {
  for (const need of outsideOriginNeeds(questionnaires, allowed)) {
    const details = { questionnaire: need.questionnaire, file: need.file, origin: need.origin, uses: need.uses, questions: need.questions };
    if (need.isAllowed) logger.info(details, `questionnaire ${need.questionnaire} reaches ${need.origin}, allowed by CSP_EXTRA_ORIGINS`);
    else {
      logger.warn(
        details,
        `questionnaire ${need.questionnaire} (${need.file}) needs ${need.origin} for ${need.questions.join(", ")}: blocked until CSP_EXTRA_ORIGINS lists it`,
      );
    }
  }
}
