import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { miniAnswers } from "../../support/builders";
import { startServer } from "../../support/server-process";
import { FIXTURE_SURVEYS_DIR } from "../../support/test-app";

const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

async function submit(
  url: string,
  answers: Record<string, unknown>,
): Promise<{ status: number; body: { error?: { code: string; details?: { question: string }[] } } }> {
  const res = await fetch(`${url}/api/surveys/mini/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ answers, status: "submitted", locale: "fr" }),
  });
  return { status: res.status, body: await res.json() };
}

describe("the server's worker threads", () => {
  it.each([
    ["in worker threads (the default)", {}],
    ["in the request's thread with VALIDATION_THREADS=0", { VALIDATION_THREADS: "0" }],
  ])("validates submissions %s, and exits at SIGTERM once they are ended", async (_, env: Record<string, string>) => {
    const server = await startServer({ DATA_DIR: tempDir("passerelle-threads-"), SURVEYS_DIR: FIXTURE_SURVEYS_DIR, LOG_LEVEL: "info", ...env });
    try {
      expect((await submit(server.url, miniAnswers())).status).toBe(201);
      const refused = await submit(server.url, miniAnswers({ governorate: "south" }));
      expect(refused.status).toBe(422);
      expect(refused.body.error?.details?.map((detail) => detail.question)).toContain("district");
    } finally {
      // Killed after 10 s by stop(): exiting with 0 is exiting on its own, threads included.
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).toContain("worker threads ended");
  });
});
