/**
 * Runs survey-core code with its console output taken aside and returns what it wrote.
 * survey-core reports some problems (an unknown function in an expression, a value a question
 * cannot hold) with `console.warn`/`console.error`, which would land raw among the server's
 * JSON log lines. survey-core is synchronous, so the console is restored before anything else runs.
 */
export function captureConsoleOutput<T>(action: () => T): { result: T; messages: string[] } {
  const messages: string[] = [];
  const { warn, error } = console;
  const keep = (...parts: unknown[]) => void messages.push(parts.map(String).join(" "));
  console.warn = keep;
  console.error = keep;
  try {
    return { result: action(), messages };
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

/**
 * Runs survey-core code on a respondent's answers without its console output: what it would say
 * about the answers (a value a question cannot hold) the verdict already says.
 */
export function withoutConsoleOutput<T>(action: () => T): T {
  return captureConsoleOutput(action).result;
}
