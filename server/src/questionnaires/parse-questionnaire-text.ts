import type { QuestionnaireProblem } from "./questionnaire-problems";

/**
 * Parses a questionnaire file's text (a byte-order mark allowed), or records why it is not JSON,
 * with the line and column, and returns undefined.
 */
export function parseQuestionnaireText(file: string, text: string, problems: QuestionnaireProblem[]): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    problems.push({ file, path: [], message: `invalid JSON: ${describeSyntaxError(text, error as Error)}` });
    return undefined;
  }
}

// Node reports a character offset; people look for a line and column.
function describeSyntaxError(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return error.message;
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  const column = Number(position) - before.lastIndexOf("\n");
  return `${error.message} (line ${line}, column ${column})`;
}
