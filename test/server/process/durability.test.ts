import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Answers, CreatedResponse, ResponseStatus, SaveResponse } from "@passerelle/shared";
import { censusAnswers } from "../../support/census-answers";
import { getResponse, postResponse, putResponse } from "../../support/response-requests";
import { startServer, type RunningServer } from "../../support/server-process";
import { SHIPPED_SURVEYS_DIR } from "../../support/test-app";

// Requests kept in flight at once, and how many writes are acknowledged before the crash.
const CONCURRENCY = 4;
const KILL_AFTER_ACKNOWLEDGED = 80;

interface Sent {
  status: ResponseStatus;
  answers: Answers;
}

interface Tracked {
  id: string;
  token: string;
  /** What the server last acknowledged. */
  acknowledged: Sent;
  /** An update sent but not answered when the server died: it may or may not have been written. */
  unanswered: Sent | null;
}

/** A stream of census writes against a server that is killed part-way, and what it acknowledged. */
class WriteStream {
  readonly responses: Tracked[] = [];
  /** Authority names of creations sent but not answered when the server died. */
  readonly unansweredCreations = new Set<string>();
  acknowledgedCount = 0;
  isKilled = false;
  private serial = 0;
  private crashed: Promise<void> | undefined;

  constructor(private readonly server: RunningServer) {}

  /** Runs CONCURRENCY writers until the kill; resolves once the server is gone and every writer stopped. */
  async run(): Promise<void> {
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, () => this.write()));
    } finally {
      // Should a writer fail first, the others stop and the server is not left running.
      if (!this.isKilled) this.kill();
      await this.crashed;
    }
  }

  private async write(): Promise<void> {
    while (!this.isKilled) {
      this.serial += 1;
      const serial = this.serial;
      const name = `Municipalité ${serial}`;
      // Every third a submission straight away; the others start as drafts, half of them then submitted.
      const first: Sent =
        serial % 3 === 0
          ? { status: "submitted", answers: censusAnswers({ authority_name: name, population: serial }) }
          : { status: "draft", answers: { authority_name: name, governorate: "north" } };
      this.unansweredCreations.add(name);
      const created = await this.send(() => postResponse(this.server.url, "census-lebanon", asBody(first)));
      if (!created) return;
      this.unansweredCreations.delete(name);
      const tracked: Tracked = { id: created.id, token: created.resumeToken, acknowledged: first, unanswered: null };
      this.responses.push(tracked);
      this.acknowledge();
      if (serial % 3 !== 1 || this.isKilled) continue;

      const update: Sent = { status: "submitted", answers: censusAnswers({ authority_name: name, population: serial, staff_count: serial % 50 }) };
      tracked.unanswered = update;
      if (!(await this.send(() => putResponse(this.server.url, tracked.id, tracked.token, asBody(update))))) return;
      tracked.acknowledged = update;
      tracked.unanswered = null;
      this.acknowledge();
    }
  }

  // The body of a 2xx answer, or null when the server died first; any other answer fails the test.
  private async send(request: () => Promise<Response>): Promise<CreatedResponse | null> {
    try {
      const res = await request();
      const body = (await res.json()) as CreatedResponse;
      if (!res.ok) throw new Error(`unexpected ${res.status}: ${JSON.stringify(body)}`);
      return body;
    } catch (error) {
      if (this.isKilled) return null;
      throw error;
    }
  }

  private acknowledge(): void {
    this.acknowledgedCount += 1;
    if (this.acknowledgedCount === KILL_AFTER_ACKNOWLEDGED) this.kill();
  }

  private kill(): void {
    this.isKilled = true;
    this.crashed = this.server.kill();
  }
}

const asBody = (sent: Sent): SaveResponse => ({ ...sent, locale: "ar" });

function storedAuthorityNames(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, "passerelle.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], { name: string }>("SELECT json_extract(answers, '$.authority_name') AS name FROM responses WHERE survey_id = 'census-lebanon'")
      .all()
      .map((row) => row.name);
  } finally {
    db.close();
  }
}

describe("the server process under a crash", () => {
  it("keeps every acknowledged write, intact and once, when killed with writes in flight", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-crash-"));
    // One address sends every write here: the per-address creation limit is not what is tested.
    const env = { DATA_DIR: dataDir, SURVEYS_DIR: SHIPPED_SURVEYS_DIR, RATE_LIMIT_RESPONSES: "0" };
    const first = await startServer(env);
    const stream = new WriteStream(first);
    const inFlightAtKill = () => stream.unansweredCreations.size + stream.responses.filter((r) => r.unanswered).length;

    await stream.run();

    expect(first.process.signalCode).toBe("SIGKILL");
    // Killed mid-stream, or the test would prove nothing about writes caught by the crash.
    expect(inFlightAtKill()).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dataDir, "passerelle.sqlite-wal"))).toBe(true);

    const second = await startServer(env);
    try {
      for (const tracked of stream.responses) {
        const res = await getResponse(second.url, tracked.id, tracked.token);
        expect(res.status).toBe(200);
        const { status, answers } = (await res.json()) as Sent;
        // What was acknowledged, or a newer update the server may have written before dying.
        expect([tracked.acknowledged, tracked.unanswered]).toContainEqual({ status, answers });
      }
    } finally {
      expect(await second.stop()).toBe(0);
    }

    const names = storedAuthorityNames(dataDir);
    const acknowledgedNames = stream.responses.map((tracked) => tracked.acknowledged.answers.authority_name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(acknowledgedNames));
    // Beyond the acknowledged, only creations that were in flight when the server died.
    const extra = names.filter((name) => !acknowledgedNames.includes(name));
    expect(extra.filter((name) => !stream.unansweredCreations.has(name))).toEqual([]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);
});
