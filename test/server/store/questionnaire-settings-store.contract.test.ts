import type { Store } from "../../../server/src/store/store.port";
import { MONGODB_URI, embedded, mongodb, type Adapter } from "../../support/store-adapters";

const AT = new Date("2026-06-01T08:00:00Z");
const LATER = new Date("2026-06-02T08:00:00Z");
const entry = (action: string, target: string) => ({ at: AT, actor: "admin@example.org", action, target, details: { surveyId: target } });
// JSON cannot hold a BigInt: the entry fails to be written, inside the write's transaction.
const unwritable = (target: string) => ({ ...entry("questionnaire_settings_changed", target), details: { size: BigInt(1) } });
const aVersion = (version: string, surveyId = "census-lebanon") => ({
  version,
  surveyId,
  definition: { questionnaireId: surveyId, pages: [] },
  firstSeenAt: AT,
});
const aPublication = (version: string, publishedAt = AT) => ({ version, fileName: "census-v2.json", publishedAt, publishedBy: "admin@example.org" });

function contract(makeAdapter: () => Adapter): void {
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
  const trail = async () => (await store.audit.list({ limit: 10 })).map((event) => [event.action, event.target]).reverse();

  it("keeps each field's three states: left to the definition, a date, or no date", async () => {
    expect(await store.questionnaireSettings.find("census-lebanon")).toBeNull();
    const overrides = { status: "closed" as const, opensAt: null, closesAt: new Date("2026-12-31T21:00:00Z") };
    expect(await store.questionnaireSettings.saveOverrides("census-lebanon", overrides, { at: AT, by: "admin@example.org" })).toEqual({
      surveyId: "census-lebanon",
      overrides,
      updatedAt: AT,
      updatedBy: "admin@example.org",
    });
    await store.questionnaireSettings.saveOverrides("census-lebanon", { opensAt: LATER }, { at: LATER, by: "other@example.org" });
    expect(await store.questionnaireSettings.find("census-lebanon")).toEqual({
      surveyId: "census-lebanon",
      overrides: { opensAt: LATER },
      updatedAt: LATER,
      updatedBy: "other@example.org",
    });
  });

  it("publishes an upload with its version, keeps the overrides, and lists questionnaires by id", async () => {
    await store.questionnaireSettings.saveOverrides("mini", { status: "closed" }, { at: AT, by: "admin@example.org" });
    await store.questionnaireSettings.publish(aVersion("aaaaaaaaaaaaaaaa", "mini"), aPublication("aaaaaaaaaaaaaaaa", LATER));
    await store.questionnaireSettings.publish(aVersion("bbbbbbbbbbbbbbbb"), aPublication("bbbbbbbbbbbbbbbb"));
    expect(await store.questionnaireSettings.list()).toEqual([
      { surveyId: "census-lebanon", overrides: {}, publication: aPublication("bbbbbbbbbbbbbbbb"), updatedAt: AT, updatedBy: "admin@example.org" },
      {
        surveyId: "mini",
        overrides: { status: "closed" },
        publication: aPublication("aaaaaaaaaaaaaaaa", LATER),
        updatedAt: LATER,
        updatedBy: "admin@example.org",
      },
    ]);
    expect(await store.questionnaireVersions.find("aaaaaaaaaaaaaaaa")).toEqual(aVersion("aaaaaaaaaaaaaaaa", "mini"));
    // A version already known keeps its first record.
    await store.questionnaireSettings.publish({ ...aVersion("aaaaaaaaaaaaaaaa", "mini"), firstSeenAt: LATER }, aPublication("aaaaaaaaaaaaaaaa", LATER));
    expect((await store.questionnaireVersions.find("aaaaaaaaaaaaaaaa"))?.firstSeenAt).toEqual(AT);
  });

  it("writes the audit entry with the change, and neither when the entry cannot be written", async () => {
    await store.questionnaireSettings.saveOverrides(
      "mini",
      { status: "closed" },
      { at: AT, by: "admin@example.org" },
      { audit: entry("questionnaire_settings_changed", "mini") },
    );
    await store.questionnaireSettings.publish(aVersion("aaaaaaaaaaaaaaaa", "mini"), aPublication("aaaaaaaaaaaaaaaa"), {
      audit: entry("questionnaire_published", "mini"),
    });
    expect(await trail()).toEqual([
      ["questionnaire_settings_changed", "mini"],
      ["questionnaire_published", "mini"],
    ]);
    const before = await store.questionnaireSettings.find("mini");
    await expect(
      store.questionnaireSettings.saveOverrides("mini", { status: "open" }, { at: LATER, by: "admin@example.org" }, { audit: unwritable("mini") }),
    ).rejects.toThrow();
    await expect(
      store.questionnaireSettings.publish(aVersion("cccccccccccccccc", "mini"), aPublication("cccccccccccccccc", LATER), { audit: unwritable("mini") }),
    ).rejects.toThrow();
    await expect(
      store.questionnaireSettings.saveOverrides("new", { status: "open" }, { at: LATER, by: "admin@example.org" }, { audit: unwritable("new") }),
    ).rejects.toThrow();
    expect(await store.questionnaireSettings.find("mini")).toEqual(before);
    expect(await store.questionnaireSettings.find("new")).toBeNull();
    expect(await store.questionnaireVersions.find("cccccccccccccccc")).toBeNull();
    expect(await trail()).toHaveLength(2);
  });
}

describe("questionnaire settings store contract: embedded (SQLite)", () => contract(embedded));

(MONGODB_URI ? describe : describe.skip)("questionnaire settings store contract: MongoDB", () => contract(() => mongodb(MONGODB_URI ?? "")));
