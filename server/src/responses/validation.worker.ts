import { parentPort } from "node:worker_threads";
import { AnswerValidator } from "./answer-validator";
import type { ValidationJob } from "./validation-pool";

// A long-lived worker thread validating answers on request, with one validator per
// questionnaire version, built from the definition sent with the version's first job.
const validators = new Map<string, AnswerValidator>();

function validatorFor(job: ValidationJob): AnswerValidator {
  let validator = validators.get(job.version);
  if (!validator) {
    if (!job.definition) throw new Error(`no definition received for version ${job.version}`);
    validator = new AnswerValidator(job.definition);
    validators.set(job.version, validator);
  }
  return validator;
}

parentPort?.on("message", (job: ValidationJob) => {
  try {
    parentPort?.postMessage({ id: job.id, result: validatorFor(job).check(job.request) });
  } catch (error: unknown) {
    parentPort?.postMessage({ id: job.id, error: String((error as Error)?.stack ?? error) });
  }
});
