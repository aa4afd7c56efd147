import path from "node:path";
import { formatJsonPath, type JsonPath } from "@passerelle/shared";

export interface QuestionnaireProblem {
  file: string;
  path: JsonPath;
  message: string;
}

/** Raised at start when a questionnaire or the theme catalogue is unusable; names every problem. */
export class QuestionnaireLoadError extends Error {
  constructor(
    readonly problems: readonly QuestionnaireProblem[],
    dir?: string,
  ) {
    super(
      `Cannot start: ${problems.length} problem(s) in the questionnaires${dir ? ` of ${path.resolve(dir)}` : ""}:\n` +
        problems.map((p) => `  ${p.file}${p.path.length ? ` at ${formatJsonPath(p.path)}` : ""}: ${p.message}`).join("\n"),
    );
  }
}
