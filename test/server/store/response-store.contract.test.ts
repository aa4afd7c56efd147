import { encodeDelta, type QuestionnaireShape } from "@passerelle/shared";
import { StoreConflictError, type AnswersOfVersion, type Store, type StoredIdempotencyRecord, type StoredResponse } from "../../../server/src/store/store.port";
import { MONGODB_URI, embedded, mongodb, type Adapter } from "../../support/store-adapters";

let sequence = 0;
function aResponse(overrides: Partial<StoredResponse> = {}): StoredResponse {
  sequence += 1;
  const createdAt = new Date(Date.UTC(2026, 5, 1, 8, 0, sequence));
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`,
    surveyId: "census-lebanon",
    version: "0123456789abcdef",
    status: "draft",
    locale: "ar",
    answers: { authority_name: "بلدية طرابلس", priority_themes: ["water_sanitation", "health"], empty_list: [], empty_object: {}, population: 12.5 },
    breakdown: { governorate: "north", district: "tripoli" },
    tokenHash: "a".repeat(64),
    revision: 1,
    createdAt,
    updatedAt: createdAt,
    submittedAt: null,
    ...overrides,
  };
}

const HOUR = 60 * 60 * 1000;

function aRecord(response: StoredResponse, overrides: Partial<StoredIdempotencyRecord> = {}): StoredIdempotencyRecord {
  return {
    surveyId: response.surveyId,
    keyHash: "b".repeat(64),
    responseId: response.id,
    requestFingerprint: "c".repeat(64),
    sealedReply: "sealed-reply-of-" + response.id,
    createdAt: response.createdAt,
    expiresAt: new Date(response.createdAt.getTime() + 24 * HOUR),
    ...overrides,
  };
}

async function collect(iterable: AsyncIterable<StoredResponse>): Promise<StoredResponse[]> {
  const all: StoredResponse[] = [];
  for await (const item of iterable) all.push(item);
  return all;
}

function contract(makeAdapter: () => Adapter) {
  let adapter: Adapter;
  let store: Store;

  beforeEach(async () => {
    adapter = makeAdapter();
    store = await adapter.open();
  });
  afterEach(async () => {
    await store.close();
    await adapter.cleanUp();
  });

  it("gives back exactly what was written, Arabic text, empty lists and dates included", async () => {
    const response = aResponse({ status: "submitted", submittedAt: new Date("2026-06-02T09:30:00.123Z") });
    await store.responses.insert(response);
    expect(await store.responses.findById(response.id)).toEqual(response);
  });

  it("finds nothing for an unknown id", async () => {
    expect(await store.responses.findById("00000000-0000-4000-8000-999999999999")).toBeNull();
  });

  it("refuses a second response with the same id", async () => {
    const response = aResponse();
    await store.responses.insert(response);
    await expect(store.responses.insert({ ...response, answers: {} })).rejects.toBeInstanceOf(StoreConflictError);
    expect((await store.responses.findById(response.id))?.answers).toEqual(response.answers);
  });

  it("writes many responses at once, or none when one of them is refused", async () => {
    const batch = [aResponse(), aResponse(), aResponse()];
    await store.responses.insertMany(batch);
    expect(await store.responses.count({ surveyId: "census-lebanon" })).toBe(3);
    const clash = [aResponse(), { ...batch[0]!, answers: {} }];
    await expect(store.responses.insertMany(clash)).rejects.toBeInstanceOf(StoreConflictError);
    expect(await store.responses.findById(clash[0]!.id)).toBeNull();
    expect(await store.responses.count({ surveyId: "census-lebanon" })).toBe(3);
  });

  it("writes a response with its idempotency record, and finds the record while it is live", async () => {
    const response = aResponse();
    const record = aRecord(response);
    expect(await store.responses.insertIdempotent(response, record)).toEqual({ kind: "created" });
    expect(await store.responses.findById(response.id)).toEqual(response);
    expect(await store.responses.findIdempotencyRecord(record.surveyId, record.keyHash, response.createdAt)).toEqual(record);
    expect(await store.responses.findIdempotencyRecord(record.surveyId, record.keyHash, new Date(record.expiresAt.getTime() - 1))).toEqual(record);
    expect(await store.responses.findIdempotencyRecord(record.surveyId, record.keyHash, record.expiresAt)).toBeNull();
    expect(await store.responses.findIdempotencyRecord("french-offer", record.keyHash, response.createdAt)).toBeNull();
    expect(await store.responses.findIdempotencyRecord(record.surveyId, "d".repeat(64), response.createdAt)).toBeNull();
  });

  it("writes nothing for a key already live and returns the first record", async () => {
    const first = aResponse();
    const record = aRecord(first);
    await store.responses.insertIdempotent(first, record);
    const second = aResponse();
    const outcome = await store.responses.insertIdempotent(second, aRecord(second, { createdAt: new Date(first.createdAt.getTime() + HOUR) }));
    expect(outcome).toEqual({ kind: "existing", record });
    expect(await store.responses.findById(second.id)).toBeNull();
    expect(await store.responses.count({ surveyId: "census-lebanon" })).toBe(1);
  });

  it("writes one response for concurrent inserts with the same key", async () => {
    const candidates = [aResponse(), aResponse(), aResponse(), aResponse()];
    const outcomes = await Promise.all(candidates.map((response) => store.responses.insertIdempotent(response, aRecord(response))));
    expect(outcomes.filter((outcome) => outcome.kind === "created")).toHaveLength(1);
    const winner = candidates[outcomes.findIndex((outcome) => outcome.kind === "created")]!;
    for (const outcome of outcomes) {
      if (outcome.kind === "existing") expect(outcome.record.responseId).toBe(winner.id);
    }
    expect(await store.responses.count({ surveyId: "census-lebanon" })).toBe(1);
  });

  it("scopes keys to their questionnaire", async () => {
    const census = aResponse();
    const offer = aResponse({ surveyId: "french-offer" });
    expect(await store.responses.insertIdempotent(census, aRecord(census))).toEqual({ kind: "created" });
    expect(await store.responses.insertIdempotent(offer, aRecord(offer))).toEqual({ kind: "created" });
  });

  it("lets an expired key be used afresh, replacing its record", async () => {
    const first = aResponse();
    await store.responses.insertIdempotent(first, aRecord(first));
    const later = aResponse({ createdAt: new Date(first.createdAt.getTime() + 25 * HOUR) });
    const renewed = aRecord(later);
    expect(await store.responses.insertIdempotent(later, renewed)).toEqual({ kind: "created" });
    expect(await store.responses.findIdempotencyRecord(renewed.surveyId, renewed.keyHash, later.createdAt)).toEqual(renewed);
    expect(await store.responses.count({ surveyId: "census-lebanon" })).toBe(2);
  });

  it("writes neither response nor record when the response id is taken", async () => {
    const taken = aResponse();
    await store.responses.insert(taken);
    const record = aRecord(taken);
    await expect(store.responses.insertIdempotent({ ...taken, answers: {} }, record)).rejects.toBeInstanceOf(StoreConflictError);
    expect(await store.responses.findIdempotencyRecord(record.surveyId, record.keyHash, taken.createdAt)).toBeNull();
    expect((await store.responses.findById(taken.id))?.answers).toEqual(taken.answers);
  });

  it("updates when the revision matches and bumps it", async () => {
    const response = aResponse();
    await store.responses.insert(response);
    const updatedAt = new Date("2026-06-03T00:00:00Z");
    const updated = await store.responses.update(response.id, 1, {
      version: "fedcba9876543210",
      status: "submitted",
      locale: "fr",
      answers: { authority_name: "Tripoli" },
      breakdown: { governorate: "north" },
      updatedAt,
      submittedAt: updatedAt,
    });
    expect(updated).toEqual({
      ...response,
      version: "fedcba9876543210",
      status: "submitted",
      locale: "fr",
      answers: { authority_name: "Tripoli" },
      breakdown: { governorate: "north" },
      updatedAt,
      submittedAt: updatedAt,
      revision: 2,
    });
    expect(await store.responses.findById(response.id)).toEqual(updated);
  });

  it("refuses an update based on a stale revision and leaves the response as it was", async () => {
    const response = aResponse();
    await store.responses.insert(response);
    const changes = { ...response, answers: { authority_name: "Overwritten" } };
    expect(await store.responses.update(response.id, 7, changes)).toBeNull();
    expect(await store.responses.update("00000000-0000-4000-8000-999999999999", 1, changes)).toBeNull();
    expect(await store.responses.findById(response.id)).toEqual(response);
  });

  it("streams and counts the responses of one questionnaire and status, in creation order", async () => {
    const drafts = [aResponse(), aResponse()];
    const submitted = [aResponse({ status: "submitted" }), aResponse({ status: "submitted" })];
    const other = aResponse({ surveyId: "french-offer" });
    for (const response of [drafts[0], submitted[0], other, drafts[1], submitted[1]]) {
      await store.responses.insert(response as StoredResponse);
    }
    const ids = (list: StoredResponse[]) => list.map((response) => response.id);
    expect(ids(await collect(store.responses.stream({ surveyId: "census-lebanon" })))).toEqual(
      ids([drafts[0], submitted[0], drafts[1], submitted[1]] as StoredResponse[]),
    );
    expect(ids(await collect(store.responses.stream({ surveyId: "census-lebanon", status: "submitted" })))).toEqual(ids(submitted));
    expect(await store.responses.count({ surveyId: "census-lebanon", status: "draft" })).toBe(2);
    expect(await store.responses.count({ surveyId: "unknown" })).toBe(0);
  });

  it("streams only the responses matching breakdown values and a submission period", async () => {
    const at = (day: number) => new Date(Date.UTC(2026, 5, day, 12));
    const northEarly = aResponse({ status: "submitted", submittedAt: at(2), breakdown: { governorate: "north", district: "tripoli" } });
    const northLate = aResponse({ status: "submitted", submittedAt: at(9), breakdown: { governorate: "north", district: "koura" } });
    const south = aResponse({ status: "submitted", submittedAt: at(5), breakdown: { governorate: "south", district: "tyre" } });
    const draft = aResponse({ breakdown: { governorate: "north", district: "tripoli" } });
    for (const response of [northEarly, northLate, south, draft]) await store.responses.insert(response);
    const ids = async (filter: Omit<Parameters<Store["responses"]["stream"]>[0], "surveyId">) =>
      (await collect(store.responses.stream({ surveyId: "census-lebanon", status: "submitted", ...filter }))).map((r) => r.id);

    expect(await ids({ breakdown: { governorate: "north" } })).toEqual([northEarly.id, northLate.id]);
    expect(await ids({ breakdown: { governorate: "north", district: "koura" } })).toEqual([northLate.id]);
    expect(await ids({ breakdown: { governorate: "bekaa" } })).toEqual([]);
    expect(await ids({ submittedFrom: at(5) })).toEqual([northLate.id, south.id]);
    expect(await ids({ submittedFrom: at(2), submittedBefore: at(9) })).toEqual([northEarly.id, south.id]);
    expect(await ids({ breakdown: { 'governorate") OR 1=1 --': "north" } })).toEqual([]);
    const sequence = await store.responses.changeSequence("census-lebanon");
    expect(await ids({ changes: { upTo: sequence } })).toEqual([northEarly.id, northLate.id, south.id]);
    expect(await ids({ changes: { upTo: sequence - 2 } })).toEqual([northEarly.id, northLate.id]);
    expect(await ids({ changes: { after: sequence - 2 } })).toEqual([south.id]);
    expect(await store.responses.count({ surveyId: "census-lebanon", breakdown: { governorate: "north" } })).toBe(3);
  });

  it("splits the responses into disjoint slices that together hold them all", async () => {
    const written = Array.from({ length: 60 }, (_, index) =>
      aResponse({ id: `${(index % 16).toString(16)}${String(index).padStart(7, "0")}-0000-4000-8000-000000000000`, status: "submitted" }),
    );
    await store.responses.insertMany(written);
    const slices = await Promise.all(
      [0, 1, 2].map(async (index) => (await collect(store.responses.stream({ surveyId: "census-lebanon", slice: { index, count: 3 } }))).map((r) => r.id)),
    );
    expect(slices.flat().sort()).toEqual(written.map((r) => r.id).sort());
    for (const slice of slices) expect(slice.length).toBeGreaterThan(5);
  });

  it.each([
    ["now", false],
    ["as of a point of the change sequence", true],
  ])("plans slices of about equal size that together hold every response, those written after the plan too, read %s", async (_case, isAsOfPoint) => {
    const written = Array.from({ length: 1200 }, (_, index) => aResponse({ status: index % 7 === 0 ? "draft" : "submitted" }));
    await store.responses.insertMany(written);
    // Edited before the point: its change comes after everyone else's, and it still counts once.
    const edited = written[3] as StoredResponse;
    await store.responses.update(edited.id, edited.revision, { ...edited, status: "submitted", submittedAt: edited.createdAt });
    const changes = isAsOfPoint ? { changes: { upTo: await store.responses.changeSequence("census-lebanon") } } : {};
    const filter = { surveyId: "census-lebanon", status: "submitted" as const, ...changes };
    const slices = await store.responses.planSlices(filter, 3);
    const later = aResponse({ status: "submitted" });
    await store.responses.insert(later);
    const read = await Promise.all(slices.map(async (slice) => (await collect(store.responses.stream({ ...filter, slice }))).map((r) => r.id)));
    const expected = [...written.filter((r, index) => index === 3 || r.status === "submitted"), ...(isAsOfPoint ? [] : [later])].map((r) => r.id);
    expect(read.flat().sort()).toEqual(expected.sort());
    for (const ids of read) expect(ids.length).toBeGreaterThan(expected.length / 4);
    // A fold's pages read the same slices.
    const paged = await Promise.all(
      slices.map(async (slice) => {
        let rows = 0;
        for await (const page of store.responses.streamAnswerPages({ ...filter, slice }, { deltaStamps: new Map([["0123456789abcdef", "a stamp"]]) }))
          rows += page.length;
        return rows;
      }),
    );
    expect(paged).toEqual(read.map((ids) => ids.length));
  });

  it("plans slices of no response when the filter picks none, which still hold what is written after", async () => {
    const slices = await store.responses.planSlices({ surveyId: "census-lebanon", status: "submitted" }, 2);
    expect(slices).toHaveLength(2);
    await store.responses.insert(aResponse({ status: "submitted" }));
    const read = await Promise.all(slices.map(async (slice) => collect(store.responses.stream({ surveyId: "census-lebanon", status: "submitted", slice }))));
    expect(read.flat()).toHaveLength(1);
  });

  it("streams only the responses with the given ids, in creation order, more than a page of them and with the other filters", async () => {
    const written = Array.from({ length: 1300 }, (_, index) => aResponse({ status: index % 5 === 0 ? "draft" : "submitted" }));
    await store.responses.insertMany(written);
    await store.responses.insert(aResponse({ surveyId: "another-survey", id: "00000000-0000-4000-8000-ffffffffffff" }));
    const picked = written.filter((_, index) => index % 2 === 1);
    const ids = [...picked.map((response) => response.id), "00000000-0000-4000-8000-ffffffffffff", "unknown"].reverse();
    const read = await collect(store.responses.stream({ surveyId: "census-lebanon", ids }));
    expect(read.map((response) => response.id)).toEqual(picked.map((response) => response.id));
    const submitted = await collect(store.responses.stream({ surveyId: "census-lebanon", status: "submitted", ids }));
    expect(submitted.map((response) => response.id)).toEqual(picked.filter((response) => response.status === "submitted").map((response) => response.id));
    expect(await collect(store.responses.stream({ surveyId: "census-lebanon", ids: [] }))).toEqual([]);
  });

  it("streams the fold's part of the matching responses a page at a time, as the full stream gives them", async () => {
    const written = Array.from({ length: 2600 }, (_, index) =>
      aResponse({
        status: index % 4 === 0 ? "draft" : "submitted",
        version: index % 3 === 0 ? "fedcba9876543210" : "0123456789abcdef",
        breakdown: { governorate: index % 2 === 0 ? "north" : "south", district: "tripoli" },
        answers: { authority_name: `بلدية ${index}`, priority_themes: ["health"], population: index },
      }),
    );
    await store.responses.insertMany(written);
    const filter = { surveyId: "census-lebanon", status: "submitted" as const, breakdown: { governorate: "north" } };
    const pages: AnswersOfVersion[][] = [];
    for await (const page of store.responses.streamAnswerPages(filter)) pages.push(page);
    const full = await collect(store.responses.stream(filter));
    expect(pages.flat()).toEqual(full.map((response) => ({ version: response.version, answers: response.answers })));
    for (const page of pages) expect(page.length).toBeGreaterThan(0);
    const none: unknown[] = [];
    for await (const page of store.responses.streamAnswerPages({ surveyId: "no-such-survey" })) none.push(page);
    expect(none).toEqual([]);
  });

  describe("encoded deltas kept beside the answers", () => {
    const shape: QuestionnaireShape = {
      questions: [
        { name: "priority_themes", kind: "ranking", choices: ["water_sanitation", "health"] },
        { name: "population", kind: "numeric", choices: [] },
      ],
      breakdownFields: ["priority_themes"],
    };
    const encoded = (response: StoredResponse): StoredResponse => ({ ...response, foldDelta: encodeDelta(response.version, shape, response.answers) });
    const stampOf = (response: StoredResponse) => (response.foldDelta as NonNullable<StoredResponse["foldDelta"]>).stamp;
    async function pagesOf(deltaStamps: ReadonlyMap<string, string>): Promise<AnswersOfVersion[]> {
      const pages: AnswersOfVersion[][] = [];
      for await (const page of store.responses.streamAnswerPages({ surveyId: "census-lebanon" }, { deltaStamps })) pages.push(page);
      return pages.flat();
    }

    it("gives the delta instead of the answers to a fold reading its stamp, for every kind of insert", async () => {
      const one = encoded(aResponse({ status: "submitted" }));
      const many = [encoded(aResponse()), encoded(aResponse())];
      const keyed = encoded(aResponse());
      await store.responses.insert(one);
      await store.responses.insertMany(many);
      await store.responses.insertIdempotent(keyed, aRecord(keyed));
      const read = await pagesOf(new Map([[one.version, stampOf(one)]]));
      expect(read).toEqual([one, ...many, keyed].map((response) => ({ version: response.version, delta: expect.any(Uint8Array) })));
      expect(read.map((row) => Buffer.from(row.delta as Uint8Array))).toEqual([one, ...many, keyed].map((response) => Buffer.from(response.foldDelta!.bytes)));
      const streamed = await collect(store.responses.stream({ surveyId: "census-lebanon" }, { withFoldDeltas: true }));
      expect(streamed.map((response) => response.foldDelta?.stamp)).toEqual([one, ...many, keyed].map(stampOf));
      expect((await collect(store.responses.stream({ surveyId: "census-lebanon" }))).map((response) => response.foldDelta)).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      const found = await store.responses.findById(one.id);
      expect({ stamp: found?.foldDelta?.stamp, bytes: Buffer.from(found?.foldDelta?.bytes ?? []) }).toEqual({
        stamp: stampOf(one),
        bytes: Buffer.from(one.foldDelta!.bytes),
      });
    });

    it("gives a fold as of a point the encodings of the responses submitted in a period, and the answers of those it cannot read", async () => {
      const day = (date: number) => new Date(Date.UTC(2026, 5, date, 12));
      const responses = [3, 9, 10, 16, 17, 24].map((date, index) => {
        const response = aResponse({ status: "submitted", submittedAt: day(date), answers: { priority_themes: ["health"], population: index } });
        return index === 2 ? response : encoded(response);
      });
      await store.responses.insertMany(responses);
      const upTo = await store.responses.changeSequence("census-lebanon");
      // Moved into the period after the point: a fold as of the point reads it no more.
      await store.responses.update(responses[5]!.id, 1, { ...responses[5]!, submittedAt: day(12) });
      const pages: AnswersOfVersion[][] = [];
      const filter = { surveyId: "census-lebanon", status: "submitted" as const, submittedFrom: day(9), submittedBefore: day(17), changes: { upTo } };
      for await (const page of store.responses.streamAnswerPages(filter, { deltaStamps: new Map([["0123456789abcdef", stampOf(responses[0]!)]]) }))
        pages.push(page);
      const read = pages.flat().map((row) => (row.delta ? Buffer.from(row.delta) : row.answers));
      expect(read).toEqual(
        expect.arrayContaining([Buffer.from(responses[1]!.foldDelta!.bytes), responses[2]!.answers, Buffer.from(responses[3]!.foldDelta!.bytes)]),
      );
      expect(read).toHaveLength(3);
    });

    it("gives the answers to a fold that reads another stamp, or another version's, or none", async () => {
      const response = encoded(aResponse({ status: "submitted" }));
      await store.responses.insert(response);
      const answers = [{ version: response.version, answers: response.answers }];
      expect(await pagesOf(new Map([[response.version, "another fold code"]]))).toEqual(answers);
      const otherVersion = encodeDelta("fedcba9876543210", shape, response.answers).stamp;
      expect(await pagesOf(new Map([["fedcba9876543210", otherVersion]]))).toEqual(answers);
      expect(await pagesOf(new Map())).toEqual(answers);
    });

    it("writes no encoding made from other answers or for another version, and drops the encoding of answers replaced without one", async () => {
      const stale = { ...aResponse(), foldDelta: encodeDelta("0123456789abcdef", shape, { population: 1 }) };
      const misplaced = aResponse();
      await store.responses.insertMany([stale, { ...misplaced, foldDelta: encodeDelta("fedcba9876543210", shape, misplaced.answers) }]);
      expect((await store.responses.findById(stale.id))?.foldDelta).toBeUndefined();
      expect((await store.responses.findById(misplaced.id))?.foldDelta).toBeUndefined();
      const response = encoded(aResponse());
      await store.responses.insert(response);
      const stamps = new Map([[response.version, stampOf(response)]]);
      const read = (await store.responses.findById(response.id)) as StoredResponse;
      // A read carries the encoding without the hash binding it to its answers: passed back
      // with new answers, it is not written.
      const answers = { ...response.answers, population: 99 };
      const updated = await store.responses.update(response.id, 1, { ...read, answers });
      expect(updated?.foldDelta).toBeUndefined();
      expect((await pagesOf(stamps)).at(-1)).toEqual({ version: response.version, answers });
      const reEncoded = encodeDelta(response.version, shape, answers);
      await store.responses.update(response.id, 2, { ...read, answers, foldDelta: reEncoded });
      expect(Buffer.from((await pagesOf(stamps)).at(-1)?.delta ?? [])).toEqual(Buffer.from(reEncoded.bytes));
    });

    it("writes encodings of stored responses still at the revision read and made for their answers, moving neither revision nor sequence", async () => {
      const [current, edited, other] = [aResponse({ status: "submitted" }), aResponse(), aResponse()];
      await store.responses.insertMany([current, edited, other]);
      await store.responses.update(edited.id, 1, { ...edited, answers: { population: 7 } });
      const sequence = await store.responses.changeSequence("census-lebanon");
      const written = await store.responses.writeFoldDeltas([
        { id: current.id, revision: 1, foldDelta: encodeDelta(current.version, shape, current.answers) },
        { id: edited.id, revision: 1, foldDelta: encodeDelta(edited.version, shape, edited.answers) },
        { id: other.id, revision: 1, foldDelta: encodeDelta(other.version, shape, { population: 3 }) },
        { id: "00000000-0000-4000-8000-999999999999", revision: 1, foldDelta: encodeDelta(other.version, shape, other.answers) },
      ]);
      expect(written).toBe(1);
      expect(await store.responses.changeSequence("census-lebanon")).toBe(sequence);
      const stored = await Promise.all([current, edited, other].map((response) => store.responses.findById(response.id)));
      expect(stored.map((response) => [response?.revision, response?.foldDelta?.stamp])).toEqual([
        [1, encodeDelta(current.version, shape, current.answers).stamp],
        [2, undefined],
        [1, undefined],
      ]);
    });

    it("keeps responses saved without an encoding readable from their answers", async () => {
      const plain = aResponse({ status: "submitted" });
      await store.responses.insert(plain);
      expect((await store.responses.findById(plain.id))?.foldDelta).toBeUndefined();
      expect(await pagesOf(new Map([[plain.version, "any stamp"]]))).toEqual([{ version: plain.version, answers: plain.answers }]);
    });
  });

  it("streams more responses than fit in one page without losing or repeating any", async () => {
    const written = Array.from({ length: 1234 }, () => aResponse({ status: "submitted" }));
    for (const response of written) await store.responses.insert(response);
    const read = await collect(store.responses.stream({ surveyId: "census-lebanon", status: "submitted" }));
    expect(read.map((response) => response.id)).toEqual(written.map((response) => response.id));
  });

  it("advances the change sequence on every creation and update of the questionnaire's responses, and only then", async () => {
    expect(await store.responses.changeSequence("census-lebanon")).toBe(0);
    const response = aResponse();
    await store.responses.insert(response);
    const afterInsert = await store.responses.changeSequence("census-lebanon");
    expect(afterInsert).toBeGreaterThan(0);
    await store.responses.insert(aResponse({ surveyId: "french-offer" }));
    expect(await store.responses.changeSequence("census-lebanon")).toBe(afterInsert);
    // The same instant, even an earlier one: the sequence does not read the clock.
    await store.responses.update(response.id, 1, { ...response, updatedAt: new Date(response.updatedAt.getTime() - 60_000) });
    const afterUpdate = await store.responses.changeSequence("census-lebanon");
    expect(afterUpdate).toBeGreaterThan(afterInsert);
    expect(await store.responses.update(response.id, 1, { ...response, answers: {} })).toBeNull();
    expect(await store.responses.changeSequence("census-lebanon")).toBe(afterUpdate);
    await store.responses.insertMany([aResponse(), aResponse()]);
    expect(await store.responses.changeSequence("census-lebanon")).toBe(afterUpdate + 2);
  });

  it("reads what changed since a point of the sequence: edits and submissions apart", async () => {
    const draft = aResponse();
    const submitted = aResponse({ status: "submitted", submittedAt: new Date("2026-06-02T09:00:00Z") });
    await store.responses.insert(draft);
    await store.responses.insert(submitted);
    const point = await store.responses.changeSequence("census-lebanon");
    const at = submitted.updatedAt;
    // Submitted after the point, written with the same clock reading as before it.
    await store.responses.update(draft.id, 1, { ...draft, status: "submitted", submittedAt: at, updatedAt: at });
    // Edited after the point, already submitted before it.
    await store.responses.update(submitted.id, 1, { ...submitted, answers: { authority_name: "Edited" }, updatedAt: at });
    const ids = async (changes: NonNullable<Parameters<Store["responses"]["stream"]>[0]["changes"]>) =>
      (await collect(store.responses.stream({ surveyId: "census-lebanon", changes }))).map((r) => r.id);
    expect(await ids({ after: point })).toEqual([draft.id, submitted.id]);
    expect(await ids({ submittedAfter: point })).toEqual([draft.id]);
    expect(await ids({ after: point, submittedUpTo: point })).toEqual([submitted.id]);
    expect(await ids({ upTo: point })).toEqual([]);
    expect(await store.responses.count({ surveyId: "census-lebanon", changes: { submittedUpTo: point } })).toBe(1);
  });

  it("streams in insertion order whatever the creation times say", async () => {
    const later = aResponse({ createdAt: new Date("2026-07-01T00:00:00Z") });
    const earlier = aResponse({ createdAt: new Date("2026-05-01T00:00:00Z") });
    await store.responses.insert(later);
    await store.responses.insert(earlier);
    const read = await collect(store.responses.stream({ surveyId: "census-lebanon" }));
    expect(read.map((r) => r.id)).toEqual([later.id, earlier.id]);
  });

  describe("audit entries written with the change they record", () => {
    const submitted = (target: string) => ({
      at: new Date("2026-06-03T10:00:00Z"),
      actor: "respondent",
      action: "response_submitted",
      target,
      details: { surveyId: "census-lebanon" },
    });
    // JSON cannot hold a BigInt: the entry fails to be written, inside the write's transaction.
    const unwritable = (target: string) => ({ ...submitted(target), details: { size: BigInt(1) } });
    const trail = async () => (await store.audit.list({ limit: 10 })).map((event) => [event.action, event.target]);

    it("stores the entry with an insert, an idempotent insert and an update", async () => {
      const first = aResponse({ status: "submitted" });
      const second = aResponse({ status: "submitted" });
      await store.responses.insert(first, { audit: submitted(first.id) });
      await store.responses.insertIdempotent(second, aRecord(second), { audit: submitted(second.id) });
      await store.responses.update(first.id, 1, { ...first, answers: {} }, { audit: submitted(first.id) });
      expect(await trail()).toEqual([
        ["response_submitted", first.id],
        ["response_submitted", second.id],
        ["response_submitted", first.id],
      ]);
    });

    it("stores no entry for a write that was refused", async () => {
      const response = aResponse();
      await store.responses.insert(response);
      await expect(store.responses.insert(response, { audit: submitted(response.id) })).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.responses.update(response.id, 9, { ...response, answers: {} }, { audit: submitted(response.id) })).toBeNull();
      const existing = await store.responses.insertIdempotent(aResponse(), aRecord(response), { audit: submitted("replayed") });
      expect(existing.kind).toBe("created");
      const again = aResponse();
      expect((await store.responses.insertIdempotent(again, aRecord(response), { audit: submitted(again.id) })).kind).toBe("existing");
      expect(await trail()).toEqual([["response_submitted", "replayed"]]);
    });

    it("stores neither the change nor the entry when the entry cannot be written", async () => {
      const response = aResponse({ status: "submitted" });
      await expect(store.responses.insert(response, { audit: unwritable(response.id) })).rejects.toThrow();
      expect(await store.responses.findById(response.id)).toBeNull();
      await store.responses.insert(response);
      const sequence = await store.responses.changeSequence("census-lebanon");
      await expect(store.responses.update(response.id, 1, { ...response, answers: {} }, { audit: unwritable(response.id) })).rejects.toThrow();
      expect(await store.responses.findById(response.id)).toEqual(response);
      expect(await store.responses.changeSequence("census-lebanon")).toBe(sequence);
      expect(await trail()).toEqual([]);
    });
  });

  it("keeps each questionnaire version once, the first record winning", async () => {
    const first = {
      version: "0123456789abcdef",
      surveyId: "census-lebanon",
      definition: { title: { ar: "مسح" }, pages: [] },
      firstSeenAt: new Date("2026-06-01T00:00:00Z"),
    };
    await store.questionnaireVersions.save(first);
    await store.questionnaireVersions.save({ ...first, definition: { changed: true }, firstSeenAt: new Date("2026-07-01T00:00:00Z") });
    expect(await store.questionnaireVersions.find(first.version)).toEqual(first);
    expect(await store.questionnaireVersions.find("ffffffffffffffff")).toBeNull();
    const second = { ...first, version: "1111111111111111", firstSeenAt: new Date("2026-08-01T00:00:00Z") };
    await store.questionnaireVersions.save(second);
    await store.questionnaireVersions.save({ ...first, version: "2222222222222222", surveyId: "french-offer" });
    expect((await store.questionnaireVersions.listForSurvey("census-lebanon")).map((v) => v.version)).toEqual([first.version, second.version]);
  });

  it("keeps what was written across closing and reopening", async () => {
    const response = aResponse();
    await store.responses.insert(response);
    await store.close();
    store = await adapter.open();
    expect(await store.responses.findById(response.id)).toEqual(response);
  });
}

describe("response store contract: embedded (SQLite)", () => contract(embedded));

(MONGODB_URI ? describe : describe.skip)("response store contract: MongoDB", () => contract(() => mongodb(MONGODB_URI ?? "")));
