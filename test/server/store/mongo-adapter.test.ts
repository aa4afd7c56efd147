import mongoose from "mongoose";
import { INSERT_CHUNK_SIZE } from "../../../server/src/store/mongodb/mongo-response.store";
import { openMongoStore } from "../../../server/src/store/mongodb/mongo.store";
import { MONGODB_URI } from "../../support/store-adapters";

// What only a real MongoDB server can show: the start-up step and what a worker does not do.
// Runs whenever MONGODB_URI is set (the contract suites print why they skip otherwise).
(MONGODB_URI ? describe : describe.skip)("the MongoDB adapter against a real server", () => {
  const uri = MONGODB_URI ?? "";
  const dbName = `passerelle_adapter_${process.pid}_${Date.now()}`;

  afterAll(async () => {
    const connection = await mongoose.createConnection(uri, { dbName }).asPromise();
    await connection.dropDatabase();
    await connection.close();
  });

  it("builds no index when opened by a worker, and the declared ones at the start-up step, dropping none", async () => {
    const worker = await openMongoStore({ uri, dbName, prepare: false });
    const raw = await mongoose.createConnection(uri, { dbName }).asPromise();
    try {
      const before = await raw.db!.listCollections().toArray();
      expect(before.map((collection) => collection.name)).not.toContain("responses");
      // An index another version declared, which this one does not: a rolling upgrade keeps it.
      await raw.db!.createCollection("responses");
      await raw.db!.collection("responses").createIndex({ legacyField: 1 }, { name: "from_another_version" });
      const server = await openMongoStore({ uri, dbName, prepare: true });
      const names = (await raw.db!.collection("responses").indexes()).map((index) => index.name);
      expect(names).toEqual(expect.arrayContaining(["from_another_version", "surveyId_1_createdSeq_1", "invitationId_1"]));
      const unique = (await raw.db!.collection("responses").indexes()).find((index) => index.name === "invitationId_1");
      expect(unique?.unique).toBe(true);
      await server.close();
    } finally {
      await worker.close();
      await raw.close();
    }
  });

  it("writes a batch larger than one transaction holds, or none of it when its last response is refused", async () => {
    const store = await openMongoStore({ uri, dbName, prepare: true });
    try {
      const at = new Date("2026-06-01T08:00:00Z");
      const batch = Array.from({ length: INSERT_CHUNK_SIZE * 2 + 1 }, (_, index) => ({
        id: `10000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
        surveyId: "chunked",
        version: "0123456789abcdef",
        status: "submitted" as const,
        locale: "fr" as const,
        answers: {},
        breakdown: {},
        tokenHash: "a".repeat(64),
        revision: 1,
        createdAt: at,
        updatedAt: at,
        submittedAt: at,
      }));
      await expect(store.responses.insertMany([...batch, batch[0]!])).rejects.toThrow();
      expect(await store.responses.count({ surveyId: "chunked" })).toBe(0);
      await store.responses.insertMany(batch);
      expect(await store.responses.count({ surveyId: "chunked" })).toBe(batch.length);
      expect(await store.responses.changeSequence("chunked")).toBeGreaterThanOrEqual(batch.length);
    } finally {
      await store.close();
    }
  });
});
