import { randomUUID } from "node:crypto";
import type { StoredExcerpt } from "../../../server/src/store/excerpt-store.port";
import { StoreConflictError, type Store } from "../../../server/src/store/store.port";
import { MONGODB_URI, embedded, mongodb, type Adapter } from "../../support/store-adapters";

const PUBLISHED_AT = new Date("2026-06-01T08:00:00Z");
const LATER = new Date("2026-06-02T09:30:00.123Z");

function anExcerpt(overrides: Partial<StoredExcerpt> = {}): StoredExcerpt {
  return {
    id: randomUUID(),
    surveyId: "census-lebanon",
    responseId: randomUUID(),
    questionName: "need_water_sanitation",
    theme: "water_sanitation",
    text: "شبكة المياه قديمة",
    sourceText: "شبكة المياه في البلدة قديمة جداً",
    locale: "ar",
    authorityName: null,
    publishedBy: "analyst@example.org",
    publishedAt: PUBLISHED_AT,
    updatedAt: PUBLISHED_AT,
    ...overrides,
  };
}

const entry = (action: string, target: string) => ({ at: LATER, actor: "analyst@example.org", action, target, details: {} });

function contract(makeAdapter: () => Adapter): void {
  let adapter: Adapter;
  let store: Store;
  const trail = async () => (await store.audit.list({ limit: 10 })).map((event) => [event.action, event.target]).reverse();
  beforeEach(async () => {
    adapter = makeAdapter();
    store = await adapter.open();
  });
  afterEach(async () => {
    await store.close();
    await adapter.cleanUp();
  });

  it("gives back exactly what was written, a null theme and a kept authority name included", async () => {
    const excerpt = anExcerpt({ theme: null, questionName: "remarks", authorityName: "Municipalité de Zahlé", locale: "fr" });
    await store.excerpts.insert(excerpt);
    expect(await store.excerpts.findById(excerpt.id)).toEqual(excerpt);
    expect(await store.excerpts.findById(randomUUID())).toBeNull();
  });

  it("lists a questionnaire's excerpts oldest first, and no other questionnaire's", async () => {
    const later = anExcerpt({ publishedAt: LATER });
    const earlier = anExcerpt();
    const elsewhere = anExcerpt({ surveyId: "french-offer" });
    for (const excerpt of [later, earlier, elsewhere]) await store.excerpts.insert(excerpt);
    expect(await store.excerpts.listForSurvey("census-lebanon")).toEqual([earlier, later]);
    expect(await store.excerpts.listForSurvey("french-offer")).toEqual([elsewhere]);
    expect(await store.excerpts.listForSurvey("unknown")).toEqual([]);
  });

  it("updates the text, its source and the kept name, and leaves the rest", async () => {
    const excerpt = anExcerpt();
    await store.excerpts.insert(excerpt);
    const changes = { text: "Le réseau d'eau est ancien", sourceText: "Le réseau d'eau est très ancien", authorityName: "Batroun", updatedAt: LATER };
    expect(await store.excerpts.update(excerpt.id, changes)).toEqual({ ...excerpt, ...changes });
    expect(await store.excerpts.findById(excerpt.id)).toEqual({ ...excerpt, ...changes });
  });

  it("withdraws an excerpt, and says when there was none", async () => {
    const [kept, withdrawn] = [anExcerpt(), anExcerpt()];
    await store.excerpts.insert(kept);
    await store.excerpts.insert(withdrawn);
    expect(await store.excerpts.delete(withdrawn.id)).toBe(true);
    expect(await store.excerpts.delete(withdrawn.id)).toBe(false);
    expect(await store.excerpts.listForSurvey("census-lebanon")).toEqual([kept]);
  });

  it("writes each write's audit entry with it, and none for a write that found nothing", async () => {
    const excerpt = anExcerpt();
    await store.excerpts.insert(excerpt, { audit: entry("excerpt_published", excerpt.id) });
    await store.excerpts.update(
      excerpt.id,
      { text: "x", sourceText: "y", authorityName: null, updatedAt: LATER },
      { audit: entry("excerpt_edited", excerpt.id) },
    );
    expect(
      await store.excerpts.update(
        randomUUID(),
        { text: "x", sourceText: "y", authorityName: null, updatedAt: LATER },
        { audit: entry("excerpt_edited", "unknown") },
      ),
    ).toBeNull();
    await store.excerpts.delete(excerpt.id, { audit: entry("excerpt_withdrawn", excerpt.id) });
    await store.excerpts.delete(excerpt.id, { audit: entry("excerpt_withdrawn", "again") });
    expect(await trail()).toEqual([
      ["excerpt_published", excerpt.id],
      ["excerpt_edited", excerpt.id],
      ["excerpt_withdrawn", excerpt.id],
    ]);
  });

  it("writes no excerpt when its id is taken, and no audit entry for it", async () => {
    const excerpt = anExcerpt();
    await store.excerpts.insert(excerpt);
    await expect(store.excerpts.insert(anExcerpt({ id: excerpt.id, text: "other" }), { audit: entry("excerpt_published", "refused") })).rejects.toBeInstanceOf(
      StoreConflictError,
    );
    expect(await store.excerpts.findById(excerpt.id)).toEqual(excerpt);
    expect(await trail()).toEqual([]);
  });
}

describe("excerpt store contract: embedded", () => contract(embedded));
(MONGODB_URI ? describe : describe.skip)("excerpt store contract: mongodb", () => contract(() => mongodb(MONGODB_URI as string)));
