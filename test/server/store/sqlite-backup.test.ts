import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { backupEmbeddedStore } from "../../../server/src/store/embedded/sqlite-backup";
import { restoreEmbeddedStore } from "../../../server/src/store/embedded/sqlite-restore";
import { BackupError } from "../../../server/src/store/embedded/sqlite-store-file";
import { EMBEDDED_SCHEMA_VERSION, embeddedStoreFile, openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import type { Store, StoredResponse } from "../../../server/src/store/store.port";
import { censusAnswers } from "../../support/census-answers";
import { syntheticResponse } from "../../support/synthetic-census";

const NOW = new Date("2026-06-01T08:30:00.000Z");
const LATER = new Date("2026-06-02T09:00:00.000Z");

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-backup-"));

function aResponse(serial: number): StoredResponse {
  return syntheticResponse({
    surveyId: "census-lebanon",
    version: "v1",
    answers: censusAnswers({ authority_name: `Municipalité ${serial}`, population: serial }),
    at: new Date(Date.UTC(2026, 4, 1, 0, 0, serial)),
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

async function allResponses(store: Store): Promise<StoredResponse[]> {
  const responses: StoredResponse[] = [];
  for await (const response of store.responses.stream({ surveyId: "census-lebanon" })) responses.push(response);
  return responses;
}

function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const idsIn = (file: string) =>
  readOnly(file, (db) =>
    db
      .prepare<[], { id: string }>("SELECT id FROM responses ORDER BY rowid")
      .all()
      .map((row) => row.id),
  );

const fingerprint = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("backing up the embedded store", () => {
  let dataDir: string;
  let store: Store;

  beforeEach(() => {
    dataDir = tempDir();
    store = openEmbeddedStore({ dataDir });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("writes a consistent, self-contained copy while a writer keeps inserting", async () => {
    const seeded = range(0, 2000).map(aResponse);
    await store.responses.insertMany(seeded);
    const written = seeded.map((response) => response.id);
    let isWriting = true;
    const writer = (async () => {
      for (let serial = 2000; isWriting; serial += 1) {
        const response = aResponse(serial);
        await store.responses.insert(response);
        written.push(response.id);
        await new Promise(setImmediate);
      }
    })();

    const backup = await backupEmbeddedStore({ dataDir, now: NOW });
    const writtenWhenDone = written.length;
    isWriting = false;
    await writer;

    expect(writtenWhenDone).toBeGreaterThan(seeded.length);
    expect(backup.file).toBe(path.join(dataDir, "backups", "passerelle-2026-06-01T08-30-00Z.sqlite"));
    expect(backup.bytes).toBe(fs.statSync(backup.file).size);
    expect(backup.schemaVersion).toBe(EMBEDDED_SCHEMA_VERSION);
    // A snapshot: every write up to one moment, in order, and none after it.
    const copied = idsIn(backup.file);
    expect(copied.length).toBeGreaterThanOrEqual(seeded.length);
    expect(copied).toEqual(written.slice(0, copied.length));
    readOnly(backup.file, (db) => {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.pragma("journal_mode", { simple: true })).toBe("delete");
    });
    expect(fs.readdirSync(path.dirname(backup.file))).toEqual([path.basename(backup.file)]);
  });

  it("writes into a folder it is given, and never over an existing file", async () => {
    await store.responses.insert(aResponse(1));
    const folder = tempDir();
    const backup = await backupEmbeddedStore({ dataDir, destination: folder, now: NOW });
    expect(backup.file).toBe(path.join(folder, "passerelle-2026-06-01T08-30-00Z.sqlite"));
    const before = fingerprint(backup.file);

    await expect(backupEmbeddedStore({ dataDir, destination: backup.file, now: LATER })).rejects.toThrow(
      new BackupError(`${backup.file} already exists; give another file name.`),
    );
    expect(fingerprint(backup.file)).toBe(before);
    fs.rmSync(folder, { recursive: true });
  });

  it("removes the unfinished copies that killed backups left, and not one still being written", async () => {
    await store.responses.insert(aResponse(1));
    const folder = path.join(dataDir, "backups");
    fs.mkdirSync(folder);
    // A process that has exited: its copy was abandoned when it was killed.
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const abandoned = [`passerelle-2026-05-01T08-00-00Z.sqlite.${gone.stdout}.partial`, "passerelle-2026-04-01T08-00-00Z.sqlite.partial"];
    // A live process (this one's parent) still writing its copy.
    const live = `passerelle-2026-05-02T08-00-00Z.sqlite.${process.ppid}.partial`;
    for (const name of [...abandoned, live]) fs.writeFileSync(path.join(folder, name), Buffer.alloc(64 * 1024));

    const backup = await backupEmbeddedStore({ dataDir, now: NOW });
    expect(fs.readdirSync(folder).sort()).toEqual([live, path.basename(backup.file)].sort());
  });

  it("refuses when there is no store file", async () => {
    const empty = tempDir();
    await expect(backupEmbeddedStore({ dataDir: empty, now: NOW })).rejects.toThrow(/There is no embedded store at .*passerelle\.sqlite/);
    expect(fs.readdirSync(empty)).toEqual([]);
    fs.rmSync(empty, { recursive: true });
  });
});

describe("restoring the embedded store", () => {
  let dataDir: string;
  let store: Store;
  let backupFile: string;
  let original: StoredResponse[];

  beforeEach(async () => {
    dataDir = tempDir();
    store = openEmbeddedStore({ dataDir });
    original = range(0, 30).map(aResponse);
    await store.responses.insertMany(original);
    for (const version of ["v1", "v2"]) {
      await store.questionnaireVersions.save({ version, surveyId: "census-lebanon", definition: { title: version }, firstSeenAt: NOW });
    }
    backupFile = (await backupEmbeddedStore({ dataDir, now: NOW })).file;
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("brings back every response and questionnaire version after changes and deletions", async () => {
    const first = original[0] as StoredResponse;
    await store.responses.update(first.id, first.revision, { ...first, answers: censusAnswers({ authority_name: "Changed" }) });
    await store.responses.insert(aResponse(99));
    const raw = new Database(embeddedStoreFile(dataDir));
    raw.exec("DELETE FROM responses WHERE rowid % 2 = 0; DELETE FROM questionnaire_versions WHERE version = 'v1';");
    raw.close();
    await store.close();

    const restored = await restoreEmbeddedStore({ dataDir, backupFile, now: LATER });

    expect(restored.file).toBe(embeddedStoreFile(dataDir));
    expect(restored.replacedKeptAt).toBe(`${embeddedStoreFile(dataDir)}.before-restore-2026-06-02T09-00-00Z`);
    expect(fs.readdirSync(dataDir).sort()).toEqual(["backups", "passerelle.sqlite", "passerelle.sqlite.before-restore-2026-06-02T09-00-00Z"]);
    // The replaced store is kept whole, with what it held at the end.
    expect(idsIn(restored.replacedKeptAt as string)).toHaveLength(16);
    store = openEmbeddedStore({ dataDir });
    expect(await allResponses(store)).toEqual(original);
    expect((await store.questionnaireVersions.listForSurvey("census-lebanon")).map((v) => v.definition)).toEqual([{ title: "v1" }, { title: "v2" }]);
  });

  it("never overwrites a store kept aside by an earlier restore", async () => {
    await store.close();
    const first = await restoreEmbeddedStore({ dataDir, backupFile, now: LATER });
    const kept = fingerprint(first.replacedKeptAt as string);

    await expect(restoreEmbeddedStore({ dataDir, backupFile, now: LATER })).rejects.toThrow(/already exists; try again in a second/);
    expect(fingerprint(first.replacedKeptAt as string)).toBe(kept);
  });

  it("restores into a data folder whose store was lost", async () => {
    await store.close();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(embeddedStoreFile(dataDir) + suffix, { force: true });

    const restored = await restoreEmbeddedStore({ dataDir, backupFile, now: LATER });

    expect(restored.replacedKeptAt).toBeNull();
    store = openEmbeddedStore({ dataDir });
    expect(await allResponses(store)).toEqual(original);
  });

  it("keeps aside the writes a crash left in the WAL, and leaves no -wal or -shm beside the restored store", async () => {
    const last = aResponse(99);
    await store.responses.insert(last);
    // The files as a killed server leaves them: the last commit still in the WAL.
    const crashed = tempDir();
    for (const suffix of ["", "-wal", "-shm"]) {
      fs.copyFileSync(embeddedStoreFile(dataDir) + suffix, embeddedStoreFile(crashed) + suffix);
    }
    expect(fs.statSync(`${embeddedStoreFile(crashed)}-wal`).size).toBeGreaterThan(0);

    const restored = await restoreEmbeddedStore({ dataDir: crashed, backupFile, now: LATER });

    expect(fs.readdirSync(crashed).sort()).toEqual(["passerelle.sqlite", "passerelle.sqlite.before-restore-2026-06-02T09-00-00Z"]);
    expect(idsIn(restored.replacedKeptAt as string)).toContain(last.id);
    expect(idsIn(restored.file)).toEqual(original.map((response) => response.id));
    fs.rmSync(crashed, { recursive: true });
  });

  it("refuses while a server has the store open, and changes nothing", async () => {
    await store.responses.insert(aResponse(99));

    await expect(restoreEmbeddedStore({ dataDir, backupFile, now: LATER })).rejects.toThrow(/stop the server first/);

    expect(await store.responses.count({ surveyId: "census-lebanon" })).toBe(31);
    await store.responses.insert(aResponse(100));
    expect(
      fs
        .readdirSync(dataDir)
        .filter((name) => !name.startsWith("passerelle.sqlite-"))
        .sort(),
    ).toEqual(["backups", "passerelle.sqlite"]);
  });

  const corruptions: [string, (file: string) => void, RegExp][] = [
    ["a file that is not SQLite", (file) => fs.writeFileSync(file, "id,status\n1,submitted\n".repeat(500)), /not a database/],
    [
      "a damaged SQLite file",
      (file) => {
        const bytes = fs.readFileSync(file);
        bytes.fill(0xa5, 4096 * 2, bytes.length - 4096);
        fs.writeFileSync(file, bytes);
      },
      /damaged|malformed/,
    ],
    [
      "a SQLite database that is not a Passerelle store",
      (file) => {
        fs.rmSync(file);
        const db = new Database(file);
        db.exec("CREATE TABLE contacts (name TEXT)");
        db.close();
      },
      /not a Passerelle store/,
    ],
    [
      "a store from a newer Passerelle",
      (file) => {
        const db = new Database(file);
        db.pragma(`user_version = ${EMBEDDED_SCHEMA_VERSION + 1}`);
        db.close();
      },
      new RegExp(`newer Passerelle \\(schema ${EMBEDDED_SCHEMA_VERSION + 1}; this one knows up to ${EMBEDDED_SCHEMA_VERSION}\\): upgrade Passerelle first`),
    ],
  ];

  it.each(corruptions)("refuses %s, leaving it and the store untouched", async (_name, spoil, message) => {
    spoil(backupFile);
    const backupBefore = fingerprint(backupFile);
    await store.close();
    const storeBefore = fingerprint(embeddedStoreFile(dataDir));

    await expect(restoreEmbeddedStore({ dataDir, backupFile, now: LATER })).rejects.toThrow(message);

    expect(fingerprint(backupFile)).toBe(backupBefore);
    expect(fingerprint(embeddedStoreFile(dataDir))).toBe(storeBefore);
    expect(fs.readdirSync(dataDir).sort()).toEqual(["backups", "passerelle.sqlite"]);
  });

  it("replaces a store file that is no database at all, keeping it aside", async () => {
    await store.close();
    fs.writeFileSync(embeddedStoreFile(dataDir), "overwritten by mistake");

    const restored = await restoreEmbeddedStore({ dataDir, backupFile, now: LATER });

    expect(fs.readFileSync(restored.replacedKeptAt as string, "utf8")).toBe("overwritten by mistake");
    expect(idsIn(restored.file)).toEqual(original.map((response) => response.id));
  });
});
