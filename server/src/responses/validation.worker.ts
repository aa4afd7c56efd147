import { AnswerValidator } from "./answer-validator";
import type { ValidationJob, ValidationReply } from "./validation-pool";

// A long-lived worker thread validating answers on request, with one validator per
// questionnaire version, built from the definition it asks for the first time it meets one.
const validators = new Map<string, AnswerValidator>();

export default function checkJob(job: ValidationJob): ValidationReply {
  let validator = validators.get(job.version);
  if (!validator) {
    if (!job.definition) return { needsDefinition: true };
    validator = new AnswerValidator(job.definition);
    validators.set(job.version, validator);
  }
  return { checked: validator.check(job.request) };
}
