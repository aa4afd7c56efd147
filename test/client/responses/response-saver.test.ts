import type { CreatedResponse, SaveResponse } from "@passerelle/shared";
import { ApiError, NetworkError } from "../../../client/src/api/http";
import { ResponseSaver, type SaveState } from "../../../client/src/features/responses/response-saver";

interface Call {
  method: "create" | "update";
  body: SaveResponse;
  token?: string;
  settle: { resolve: (value?: unknown) => void; reject: (error: unknown) => void };
}

/** A fake API whose every call stays pending until the test settles it. */
function fakeApi() {
  const calls: Call[] = [];
  const api = {
    create: (_surveyId: string, body: SaveResponse) =>
      new Promise<CreatedResponse>((resolve, reject) => {
        calls.push({ method: "create", body, settle: { resolve: resolve as (v?: unknown) => void, reject } });
      }),
    update: (_id: string, token: string, body: SaveResponse) =>
      new Promise<unknown>((resolve, reject) => {
        calls.push({ method: "update", body, token, settle: { resolve, reject } });
      }),
  };
  return { api, calls };
}

const created: CreatedResponse = { id: "r1", status: "draft", version: "v1", revision: 1, resumeToken: "tok_abcdefghijklmnop" };
const draft = (name: string): SaveResponse => ({ answers: { name }, status: "draft", locale: "fr" });
const flushPromises = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

function setup(overrides: Partial<ConstructorParameters<typeof ResponseSaver>[0]> = {}) {
  const { api, calls } = fakeApi();
  const states: SaveState[] = [];
  const onCreated = jest.fn();
  const saver = new ResponseSaver({
    surveyId: "census",
    credentials: null,
    api,
    autosave: true,
    onStateChange: (state) => states.push(state),
    onCreated,
    debounceMs: 1500,
    retryDelaysMs: [2000, 5000],
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
  expect(calls.map((call) => [call.method, call.body.answers])).toEqual([["create", { name: "ab" }]]);
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
  expect(calls.map((call) => call.body.answers)).toEqual([{ name: "a" }, { name: "c" }]);
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
  const { saver, calls, states } = setup({ credentials: { responseId: "r1", resumeToken: "tok_abcdefghijklmnop" } });
  saver.scheduleDraft(draft("a"));
  saver.flush();
  const submitted = saver.submit(draft("final"));
  expect(calls).toHaveLength(1);
  calls[0]?.settle.resolve({});
  await flushPromises();
  expect(calls[1]?.body).toEqual({ answers: { name: "final" }, status: "submitted", locale: "fr" });
  calls[1]?.settle.resolve({});
  await expect(submitted).resolves.toBeUndefined();
  expect(states.at(-1)?.kind).toBe("submitted");
  saver.scheduleDraft(draft("after"));
  jest.advanceTimersByTime(5000);
  expect(calls).toHaveLength(2);
});

test("a refused submission rejects with the server's error and keeps autosaving", async () => {
  const { saver, calls, states } = setup({ credentials: { responseId: "r1", resumeToken: "tok_abcdefghijklmnop" } });
  const refusal = new ApiError(422, { error: { code: "invalid_answers", message: "no", details: [{ question: "name", message: "bad" }] } });
  const submitted = saver.submit(draft("x"));
  calls[0]?.settle.reject(refusal);
  await expect(submitted).rejects.toBe(refusal);
  expect(states.at(-1)).toMatchObject({ kind: "submit-failed" });
  saver.scheduleDraft(draft("y"));
  jest.advanceTimersByTime(1500);
  expect(calls[1]?.body.status).toBe("draft");
});

test("a submission without a connection keeps the answers as a draft to save later", async () => {
  const { saver, calls } = setup({ credentials: { responseId: "r1", resumeToken: "tok_abcdefghijklmnop" } });
  const submitted = saver.submit(draft("x"));
  calls[0]?.settle.reject(new NetworkError(new TypeError("offline")));
  await expect(submitted).rejects.toBeInstanceOf(NetworkError);
  saver.retryNow();
  await flushPromises();
  expect(calls[1]?.body).toEqual({ answers: { name: "x" }, status: "draft", locale: "fr" });
});

test("without autosave (a response already submitted) drafts are never sent", () => {
  const { saver, calls } = setup({ autosave: false });
  saver.scheduleDraft(draft("a"));
  jest.advanceTimersByTime(5000);
  saver.flush();
  expect(calls).toHaveLength(0);
});

test("a draft typed while the submission is on its way is not sent after it", async () => {
  const { saver, calls } = setup({ credentials: { responseId: "r1", resumeToken: "tok_abcdefghijklmnop" } });
  const submitted = saver.submit(draft("final"));
  saver.scheduleDraft(draft("late"));
  saver.flush();
  calls[0]?.settle.resolve({});
  await submitted;
  await flushPromises();
  expect(calls).toHaveLength(1);
});
