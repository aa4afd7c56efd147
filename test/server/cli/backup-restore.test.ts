import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { CreatedResponse } from "@passerelle/shared";
import { miniAnswers } from "../../support/builders";
import { getResponse, postResponse } from "../../support/response-requests";
import { BACKUP_ENTRY, RESTORE_ENTRY, runToEnd, startServer, type RunningServer } from "../../support/server-process";
import { FIXTURE_SURVEYS_DIR } from "../../support/test-app";

const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

async function submit(server: RunningServer, serial: number): Promise<CreatedResponse> {
  const res = await postResponse(server.url, "mini", {
    answers: miniAnswers({ authority_name: `Municipalité ${serial}` }),
    status: "submitted",
    locale: "fr",
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedResponse;
}

const idsIn = (file: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], { id: string }>("SELECT id FROM responses")
      .all()
      .map((row) => row.id);
  } finally {
    db.close();
  }
};

describe("npm run backup and npm run restore", () => {
  // Two server starts and both commands as child processes: seconds, more on a busy machine.
  it("back up a running server's store as it takes answers, refuse to restore under it, restore once it stopped", async () => {
    const dataDir = tempDir("passerelle-data-");
    const backups = tempDir("passerelle-backups-");
    const env = { DATA_DIR: dataDir, SURVEYS_DIR: FIXTURE_SURVEYS_DIR };
    const server = await startServer(env);
    const before = await Promise.all([1, 2, 3, 4, 5].map((serial) => submit(server, serial)));
    let isSubmitting = true;
    const during = (async () => {
      let count = 0;
      for (; isSubmitting; count += 1) await submit(server, 100 + count);
      return count;
    })();

    const backup = await runToEnd(BACKUP_ENTRY, [backups], env);
    isSubmitting = false;
    expect(await during).toBeGreaterThan(0);

    expect(backup).toMatchObject({ code: 0, stderr: "" });
    const file = /^Backup written to (\S+) \(\d+(\.\d)? [kMG]?B, schema version \d+\); integrity check passed\.\n$/.exec(backup.stdout)?.[1];
    expect(file).toBeDefined();
    expect(path.dirname(file as string)).toBe(backups);
    expect(idsIn(file as string)).toEqual(expect.arrayContaining(before.map((created) => created.id)));

    const refused = await runToEnd(RESTORE_ENTRY, [file as string], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/^The store \S+passerelle\.sqlite is open in a running server: stop the server first, then restore\.\n$/);

    const after = await submit(server, 1000);
    expect(await server.stop()).toBe(0);
    const restored = await runToEnd(RESTORE_ENTRY, [file as string], env);
    expect(restored).toMatchObject({ code: 0, stderr: "" });
    expect(restored.stdout).toContain(`the store it replaced is kept at ${path.join(dataDir, "passerelle.sqlite.before-restore-")}`);

    const again = await startServer(env);
    try {
      for (const created of before) expect((await getResponse(again.url, created.id, created.resumeToken)).status).toBe(200);
      expect((await getResponse(again.url, after.id, after.resumeToken)).status).toBe(404);
    } finally {
      await again.stop();
    }
  }, 60_000);

  it("refuse to work on a MongoDB store, pointing to MongoDB's own tools", async () => {
    const dataDir = path.join(tempDir("passerelle-data-"), "data");
    const env = { DATA_DIR: dataDir, MONGODB_URI: "mongodb://db.example:27017/passerelle" };

    const backup = await runToEnd(BACKUP_ENTRY, [], env);
    const restore = await runToEnd(RESTORE_ENTRY, ["backup.sqlite"], env);

    expect(backup).toEqual({
      code: 1,
      stdout: "",
      stderr: "The store is MongoDB (MONGODB_URI is set): back it up with mongodump, or with Atlas backups (see docs/operations.md).\n",
    });
    expect(restore).toEqual({
      code: 1,
      stdout: "",
      stderr: "The store is MongoDB (MONGODB_URI is set): restore it with mongorestore, or from an Atlas snapshot (see docs/operations.md).\n",
    });
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("refuse to back up a data folder with no store, saying so in one line", async () => {
    const dataDir = tempDir("passerelle-data-");
    const backup = await runToEnd(BACKUP_ENTRY, [], { DATA_DIR: dataDir });
    expect(backup).toEqual({
      code: 1,
      stdout: "",
      stderr: `There is no embedded store at ${path.join(dataDir, "passerelle.sqlite")}, so nothing to back up: is DATA_DIR right?\n`,
    });
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
