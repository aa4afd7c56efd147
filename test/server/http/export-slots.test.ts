import express from "express";
import pino from "pino";
import { exportSlots } from "../../../server/src/exports/export-slots";
import { errorHandler } from "../../../server/src/http/error-handler";

/** A real express app whose "export" runs until the test lets it finish. */
function appWithSlots(concurrency: number) {
  const releases: (() => void)[] = [];
  const app = express();
  app.get("/export", exportSlots(concurrency), (_req, res) => {
    res.write("started\n");
    releases.push(() => res.end("done\n"));
  });
  app.use(errorHandler(pino({ level: "silent" })));
  const server = app.listen(0, "127.0.0.1");
  const url = () => `http://127.0.0.1:${(server.address() as { port: number }).port}/export`;
  return { server, url, releases };
}

const untilStarted = async (url: string, controller?: AbortController) => {
  const res = await fetch(url, controller ? { signal: controller.signal } : {});
  if (res.status === 200) {
    const reader = res.body!.getReader();
    await reader.read();
    return { status: 200, reader };
  }
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() };
};

describe("the cap on concurrent exports", () => {
  it("refuses one export beyond the cap with 429 and Retry-After, and takes it again once a slot is free", async () => {
    const { server, url, releases } = appWithSlots(2);
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const first = await untilStarted(url());
      const second = await untilStarted(url());
      expect([first.status, second.status]).toEqual([200, 200]);
      const refused = await untilStarted(url());
      expect(refused).toMatchObject({ status: 429, retryAfter: "10", body: { error: { code: "too_many_requests" } } });
      releases[0]!();
      await first.reader!.read();
      await first.reader!.read();
      expect((await untilStarted(url())).status).toBe(200);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("frees the slot of a client that goes away mid-export", async () => {
    const { server, url } = appWithSlots(1);
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const controller = new AbortController();
      await untilStarted(url(), controller);
      expect((await untilStarted(url())).status).toBe(429);
      controller.abort();
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
        status = (await untilStarted(url())).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(status).toBe(200);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
