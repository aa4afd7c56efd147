import type { CreatedResponse, ResponseView, SaveResponse, SavedResponse } from "@passerelle/shared";
import { ApiError, NetworkError } from "../../../client/src/api/http";
import { ResponseSaver, type SaveState } from "../../../client/src/features/responses/response-saver";

interface Call {
  method: "create" | "update" | "read";
  body?: SaveResponse;
  token?: string;
  idempotencyKey?: string;
  revision?: number | null;
  settle: { resolve: (value?: unknown) => void; reject: (error: unknown) => void };
}

/** A fake API whose every call stays pending until the test settles it. */
function fakeApi() {
  const calls: Call[] = [];
  const api = {
    create: (_surveyId: string, body: SaveResponse, idempotencyKey: string) =>
      new Promise<CreatedResponse>((resolve, reject) => {
        calls.push({ method: "create", body, idempotencyKey, settle: { resolve: resolve as (v?: unknown) => void, reject } });
      }),
    update: (_id: string, token: string, body: SaveResponse, revision: number | null) =>
      new Promise<SavedResponse>((resolve, reject) => {
        calls.push({ method: "update", body, token, revision, settle: { resolve: resolve as (v?: unknown) => void, reject } });
      }),
    read: (_id: string, token: string) =>
      new Promise<ResponseView>((resolve, reject) => {
        calls.push({ method: "read", token, settle: { resolve: resolve as (v?: unknown) => void, reject } });
      }),
  };
  return { api, calls };
}

const created: CreatedResponse = { id: "r1", status: "draft", version: "v1", revision: 1, resumeToken: "tok_abcdefghijklmnop" };
const saved = (revision: number): SavedResponse => ({ id: "r1", status: "draft", version: "v1", revision });
const resumed = { credentials: { responseId: "r1", resumeToken: "tok_abcdefghijklmnop" }, revision: 1 };
const changedElsewhere = () => new ApiError(412, { error: { code: "response_changed", message: "changed" } });
const draft = (name: string): SaveResponse => ({ answers: { name }, status: "draft", locale: "fr" });
const flushPromises = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

let keys = 0;

function setup(overrides: Partial<ConstructorParameters<typeof ResponseSaver>[0]> = {}) {
  const { api, calls } = fakeApi();
  const states: SaveState[] = [];
  const onCreated = jest.fn();
  const saver = new ResponseSaver({
    surveyId: "census",
    credentials: null,
    revision: null,
    api,
    autosave: true,
    onStateChange: (state) => states.push(state),
    onCreated,
    debounceMs: 1500,
    retryDelaysMs: [2000, 5000],
    newIdempotencyKey: () => `key-${(keys += 1)}-0123456789abcdef`,
    ...overrides,
  });
  return { saver, calls, states, onCreated };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test("sends one draft with the latest answers once changes pause", async () => {
  const { saver, calls } = setup();
  saver.scheduleDraft(draft("a"));
  jest.advanceTimersByTime(1000);
  saver.scheduleDraft(draft("ab"));
  jest.advanceTimersByTime(1499);
  expect(calls).toHaveLength(0);
  jest.advanceTimersByTime(1);
  expect(calls.map((call) => [call.method, call.body?.answers])).toEqual([["create", { name: "ab" }]]);
});

test("creates the response once, then updates it with the token", async () => {
  const { saver, calls, onCreated, states } = setup();
  saver.scheduleDraft(draft("a"));
  saver.flush();
  calls[0]?.settle.resolve(created);
  await flushPromises();
  expect(onCreated).toHaveBeenCalledWith({ responseId: "r1", resumeToken: "tok_abcdefghijklmnop" });
  expect(states.at(-1)?.kind).toBe("saved");
  saver.scheduleDraft(draft("b"));
  saver.flush();
  expect(calls[1]).toMatchObject({ method: "update", token: "tok_abcdefghijklmnop" });
});

test("never has two saves in flight, and sends only the latest waiting one", async () => {
  const { saver, calls } = setup();
  saver.scheduleDraft(draft("a"));
  saver.flush();
  saver.scheduleDraft(draft("b"));
  saver.flush();
  saver.scheduleDraft(draft("c"));
  saver.flush();
  expect(calls).toHaveLength(1);
  calls[0]?.settle.resolve(created);
  await flushPromises();
  expect(calls.map((call) => call.body?.answers)).toEqual([{ name: "a" }, { name: "c" }]);
  expect(calls[1]?.method).toBe("update");
});

test("without a connection, reports offline and retries with backoff or when the browser is online again", async () => {
  const { saver, calls, states } = setup();
  saver.scheduleDraft(draft("a"));
  saver.flush();
  calls[0]?.settle.reject(new NetworkError(new TypeError("Failed to fetch")));
  await flushPromises();
  expect(states.at(-1)?.kind).toBe("offline");
  jest.advanceTimersByTime(1999);
  expect(calls).toHaveLength(1);
  jest.advanceTimersByTime(1);
  await flushPromises();
  expect(calls).toHaveLength(2);
  calls[1]?.settle.reject(new NetworkError(new TypeError("Failed to fetch")));
  await flushPromises();
  saver.retryNow();
  await flushPromises();
  expect(calls).toHaveLength(3);
  calls[2]?.settle.resolve(created);
  await flushPromises();
  expect(states.at(-1)?.kind).toBe("saved");
});

test("a draft refused for good is reported and not retried", async () => {
  const { saver, calls, states } = setup();
  saver.scheduleDraft(draft("a"));
  saver.flush();
  calls[0]?.settle.reject(new ApiError(409, { error: { code: "survey_closed", message: "closed" } }));
  await flushPromises();
  expect(states.at(-1)).toMatchObject({ kind: "failed", retrying: false });
  jest.advanceTimersByTime(120_000);
  expect(calls).toHaveLength(1);
});

test("a submission waits for the save in flight, is sent as submitted, and stops autosave", async () => {
  const { saver, calls, states } = setup(resumed);
  saver.scheduleDraft(draft("a"));
  saver.flush();
  const submitted = saver.submit(draft("final"));
  expect(calls).toHaveLength(1);
  calls[0]?.settle.resolve(saved(2));
  await flushPromises();
  expect(calls[1]?.body).toEqual({ answers: { name: "final" }, status: "submitted", locale: "fr" });
  calls[1]?.settle.resolve(saved(3));
  await expect(submitted).resolves.toBeUndefined();
  expect(states.at(-1)?.kind).toBe("submitted");
  saver.scheduleDraft(draft("after"));
  jest.advanceTimersByTime(5000);
  expect(calls).toHaveLength(2);
});

test("a refused submission rejects with the server's error and keeps autosaving", async () => {
  const { saver, calls, states } = setup(resumed);
  const refusal = new ApiError(422, { error: { code: "invalid_answers", message: "no", details: [{ question: "name", message: "bad" }] } });
  const submitted = saver.submit(draft("x"));
  calls[0]?.settle.reject(refusal);
  await expect(submitted).rejects.toBe(refusal);
  expect(states.at(-1)).toMatchObject({ kind: "submit-failed" });
  saver.scheduleDraft(draft("y"));
  jest.advanceTimersByTime(1500);
  expect(calls[1]?.body?.status).toBe("draft");
});

describe("a submission without a connection", () => {
  const offline = () => new NetworkError(new TypeError("offline"));
  const settled = (promise: Promise<void>) => {
    let outcome = "pending";
    promise.then(
      () => (outcome = "resolved"),
      () => (outcome = "rejected"),
    );
    return () => outcome;
  };

  test("stays queued as a submission and is sent by itself when the connection returns", async () => {
    const { saver, calls, states } = setup(resumed);
    const outcome = settled(saver.submit(draft("x")));
    calls[0]?.settle.reject(offline());
    await flushPromises();
    expect(states.at(-1)).toEqual({ kind: "submit-queued" });
    expect(saver.isSubmissionQueued).toBe(true);
    expect(outcome()).toBe("pending");
    saver.retryNow();
    await flushPromises();
    expect(calls[1]?.body).toEqual({ answers: { name: "x" }, status: "submitted", locale: "fr" });
    expect(outcome()).toBe("pending");
    calls[1]?.settle.resolve(saved(2));
    await flushPromises();
    expect(outcome()).toBe("resolved");
    expect(states.at(-1)?.kind).toBe("submitted");
    expect(calls).toHaveLength(2);
  });

  test("is retried with backoff while the connection stays away, and never reported sent", async () => {
    const { saver, calls, states } = setup(resumed);
    const outcome = settled(saver.submit(draft("x")));
    for (const [index, wait] of [
      [0, 2000],
      [1, 5000],
      [2, 5000],
    ] as const) {
      calls[index]?.settle.reject(offline());
      await flushPromises();
      jest.advanceTimersByTime(wait);
      await flushPromises();
    }
    expect(calls.map((call) => call.body?.status)).toEqual(["submitted", "submitted", "submitted", "submitted"]);
    expect(states.map((state) => state.kind)).not.toContain("submitted");
    expect(states.map((state) => state.kind)).not.toContain("saved");
    expect(outcome()).toBe("pending");
  });

  test("carries the answers corrected while it waited", async () => {
    const { saver, calls } = setup(resumed);
    void saver.submit(draft("x"));
    calls[0]?.settle.reject(offline());
    await flushPromises();
    saver.updateQueuedSubmission(draft("corrected"));
    saver.retryNow();
    await flushPromises();
    expect(calls[1]?.body).toEqual({ answers: { name: "corrected" }, status: "submitted", locale: "fr" });
  });

  test("rejects with the server's refusal once the connection returns (422), and drafts resume", async () => {
    const { saver, calls, states } = setup(resumed);
    const submitted = saver.submit(draft("x"));
    calls[0]?.settle.reject(offline());
    await flushPromises();
    saver.retryNow();
    await flushPromises();
    const refusal = new ApiError(422, { error: { code: "invalid_answers", message: "no", details: [{ question: "name", message: "bad" }] } });
    calls[1]?.settle.reject(refusal);
    await expect(submitted).rejects.toBe(refusal);
    expect(states.at(-1)).toMatchObject({ kind: "submit-failed" });
    expect(saver.isSubmissionQueued).toBe(false);
    saver.scheduleDraft(draft("y"));
    jest.advanceTimersByTime(1500);
    expect(calls[2]?.body?.status).toBe("draft");
  });

  test("reports every confirmed write with what the server now holds", async () => {
    const onSaved = jest.fn();
    const { saver, calls } = setup({ ...resumed, onSaved });
    void saver.submit(draft("x"));
    calls[0]?.settle.reject(offline());
    await flushPromises();
    expect(onSaved).not.toHaveBeenCalled();
    saver.retryNow();
    await flushPromises();
    calls[1]?.settle.resolve(saved(2));
    await flushPromises();
    expect(onSaved).toHaveBeenCalledWith({ answers: { name: "x" }, status: "submitted", locale: "fr" }, 2);
  });
});

test("without autosave (a response already submitted) drafts are never sent", () => {
  const { saver, calls } = setup({ autosave: false });
  saver.scheduleDraft(draft("a"));
  jest.advanceTimersByTime(5000);
  saver.flush();
  expect(calls).toHaveLength(0);
});

test("a draft typed while the submission is on its way is not sent after it", async () => {
  const { saver, calls } = setup(resumed);
  const submitted = saver.submit(draft("final"));
  saver.scheduleDraft(draft("late"));
  saver.flush();
  calls[0]?.settle.resolve(saved(2));
  await submitted;
  await flushPromises();
  expect(calls).toHaveLength(1);
});

describe("idempotent creation", () => {
  test("retries a creation whose answer was lost with the same key and body, then saves the newer answers", async () => {
    const { saver, calls, onCreated } = setup();
    saver.scheduleDraft(draft("a"));
    saver.flush();
    calls[0]?.settle.reject(new NetworkError(new TypeError("Failed to fetch")));
    await flushPromises();
    saver.scheduleDraft(draft("ab"));
    saver.flush();
    saver.retryNow();
    await flushPromises();
    expect(calls[1]).toMatchObject({ method: "create", idempotencyKey: calls[0]?.idempotencyKey, body: draft("a") });
    calls[1]?.settle.resolve(created);
    await flushPromises();
    expect(onCreated).toHaveBeenCalledTimes(1);
    expect(calls[2]).toMatchObject({ method: "update", body: draft("ab"), revision: 1 });
  });

  test("draws a new key once the server refused a creation, which stored nothing", async () => {
    const { saver, calls } = setup();
    saver.scheduleDraft(draft("a"));
    saver.flush();
    calls[0]?.settle.reject(new ApiError(422, { error: { code: "invalid_answers", message: "no" } }));
    await flushPromises();
    saver.scheduleDraft(draft("b"));
    saver.flush();
    expect(calls[1]).toMatchObject({ method: "create", body: draft("b") });
    expect(calls[1]?.idempotencyKey).not.toBe(calls[0]?.idempotencyKey);
  });

  test("draws keys of 128 random bits in base64url by default", async () => {
    const { saver, calls } = setup({ newIdempotencyKey: undefined });
    saver.scheduleDraft(draft("a"));
    saver.flush();
    expect(calls[0]?.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

/** Saves "a", loses the answer, and has the retry refused as changed elsewhere. */
async function loseAnswerThenRefuseRetry(saver: ResponseSaver, calls: Call[]): Promise<void> {
  saver.scheduleDraft(draft("a"));
  saver.flush();
  calls[0]?.settle.reject(new NetworkError(new TypeError("reset")));
  await flushPromises();
  saver.retryNow();
  await flushPromises();
  calls[1]?.settle.reject(changedElsewhere());
  await flushPromises();
}

describe("concurrent edits", () => {
  test("sends each save with the revision the previous one returned", async () => {
    const { saver, calls } = setup(resumed);
    saver.scheduleDraft(draft("a"));
    saver.flush();
    expect(calls[0]?.revision).toBe(1);
    calls[0]?.settle.resolve(saved(2));
    await flushPromises();
    saver.scheduleDraft(draft("b"));
    saver.flush();
    expect(calls[1]?.revision).toBe(2);
  });

  test("stops on a change made elsewhere, keeps the answers unsent, and saves them if the respondent keeps them", async () => {
    const { saver, calls, states } = setup(resumed);
    saver.scheduleDraft(draft("mine"));
    saver.flush();
    calls[0]?.settle.reject(changedElsewhere());
    await flushPromises();
    expect(states.at(-1)).toEqual({ kind: "conflict" });
    saver.scheduleDraft(draft("mine, more"));
    jest.advanceTimersByTime(120_000);
    saver.flush();
    await flushPromises();
    expect(calls).toHaveLength(1);
    expect(saver.hasUnsavedChanges).toBe(true);

    saver.resolveConflict(5, { keepLocal: true });
    await flushPromises();
    expect(calls[1]).toMatchObject({ method: "update", body: draft("mine, more"), revision: 5 });
  });

  test("drops the unsent answers when the respondent loads the saved version", async () => {
    const { saver, calls, states } = setup(resumed);
    saver.scheduleDraft(draft("mine"));
    saver.flush();
    calls[0]?.settle.reject(changedElsewhere());
    await flushPromises();
    saver.resolveConflict(5, { keepLocal: false });
    await flushPromises();
    expect(calls).toHaveLength(1);
    expect(saver.hasUnsavedChanges).toBe(false);
    expect(states.at(-1)?.kind).toBe("saved");
    saver.scheduleDraft(draft("next"));
    saver.flush();
    expect(calls[1]).toMatchObject({ body: draft("next"), revision: 5 });
  });

  test("a submission during a conflict is refused with the server's error", async () => {
    const { saver, calls } = setup(resumed);
    saver.scheduleDraft(draft("mine"));
    saver.flush();
    calls[0]?.settle.reject(changedElsewhere());
    await flushPromises();
    const submitted = saver.submit(draft("final"));
    await flushPromises();
    expect(calls[1]).toMatchObject({ method: "update", revision: 1 });
    calls[1]?.settle.reject(changedElsewhere());
    await expect(submitted).rejects.toMatchObject({ code: "response_changed" });
  });

  test("a refusal after a save whose answer was lost is no conflict when that save is what the server holds", async () => {
    const { saver, calls, states } = setup(resumed);
    await loseAnswerThenRefuseRetry(saver, calls);
    expect(calls[2]?.method).toBe("read");
    const view = { id: "r1", surveyId: "census", status: "draft", version: "v1", locale: "fr", answers: { name: "a" }, revision: 2 };
    calls[2]?.settle.resolve(view);
    await flushPromises();
    expect(calls[3]).toMatchObject({ method: "update", body: draft("a"), revision: 2 });
    calls[3]?.settle.resolve(saved(3));
    await flushPromises();
    expect(states.map((state) => state.kind)).not.toContain("conflict");
  });

  test("the same refusal is a conflict when the server holds other answers", async () => {
    const { saver, calls, states } = setup(resumed);
    await loseAnswerThenRefuseRetry(saver, calls);
    calls[2]?.settle.resolve({ id: "r1", surveyId: "census", status: "draft", version: "v1", locale: "fr", answers: { name: "theirs" }, revision: 2 });
    await flushPromises();
    expect(calls).toHaveLength(3);
    expect(states.at(-1)).toEqual({ kind: "conflict" });
  });
});
