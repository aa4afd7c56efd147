import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import request from "supertest";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { createApp } from "../../../server/src/app";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import { isFormPage } from "../../../server/src/http/form-preload";
import { FIXTURE_SURVEYS_DIR } from "../../support/test-app";

function appWithClient({ respondentFiles }: { respondentFiles?: string } = {}) {
  const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-client-"));
  fs.mkdirSync(path.join(clientDir, "assets"));
  fs.writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><html><head><title>Passerelle</title></head><body></body></html>");
  if (respondentFiles !== undefined) fs.writeFileSync(path.join(clientDir, "respondent-files.json"), respondentFiles);
  fs.writeFileSync(path.join(clientDir, "assets", "index-abc123.js"), "console.log(1)");
  const script = `console.log(${JSON.stringify("passerelle ".repeat(200))})`;
  fs.writeFileSync(path.join(clientDir, "assets", "respond-page-def456.js"), script);
  fs.writeFileSync(path.join(clientDir, "assets", "respond-page-def456.js.br"), brotliCompressSync(script));
  fs.writeFileSync(path.join(clientDir, "assets", "respond-page-def456.js.gz"), gzipSync(script));
  fs.writeFileSync(path.join(clientDir, "sw.js"), "self.addEventListener('fetch', () => {})");
  fs.writeFileSync(path.join(clientDir, "manifest.webmanifest"), "{}");
  return createApp({
    store: openEmbeddedStore({ dataDir: ":memory:" }),
    questionnaires: loadQuestionnaires(FIXTURE_SURVEYS_DIR),
    logger: pino({ level: "silent" }),
    bodyLimit: "1mb",
    clientDir,
  });
}

const RESPONDENT_FILES = JSON.stringify({
  shell: { scripts: ["assets/index-abc123.js"], styles: [] },
  form: { scripts: ["assets/respond-page-def456.js", "assets/survey-model-0a1b2c.js"], styles: ["assets/survey-model-0a1b2c.css"] },
  lazy: { scripts: ["assets/build-9f8e7d.js"], styles: [] },
});

const preloads = (html: string) => [...html.matchAll(/<link rel="(modulepreload|preload)"[^>]*href="([^"]+)"/g)].map((match) => `${match[1]} ${match[2]}`);

describe("announcing the form's files on the form's pages", () => {
  it.each([
    ["/surveys/census-lebanon", true],
    ["/surveys/census-lebanon/", true],
    ["/surveys/census-lebanon/invitation", true],
    ["/surveys/census-lebanon/responses/r-1", true],
    ["/surveys/census-lebanon/responses/r-1/receipt", true],
    ["/surveys/census-lebanon/responses/r-1/done", false],
    ["/surveys/census-lebanon/dashboard", false],
    ["/surveys/census-lebanon/brief", false],
    ["/surveys/dashboard", true],
    ["/", false],
    ["/admin", false],
    ["/admin/surveys/census-lebanon", false],
    ["/sign-in", false],
    ["/matching", false],
    ["/surveys", false],
    ["/surveys/a/b", false],
  ])("%s is a form page: %s", (pathname, expected) => {
    expect(isFormPage(pathname)).toBe(expected);
  });

  it("lists the form's scripts as module preloads and its styles as style preloads, in the head, on a form page", async () => {
    const app = appWithClient({ respondentFiles: RESPONDENT_FILES });
    const res = await request(app).get("/surveys/census-lebanon/responses/abc").expect(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(preloads(res.text)).toEqual([
      "preload /assets/survey-model-0a1b2c.css",
      "modulepreload /assets/respond-page-def456.js",
      "modulepreload /assets/survey-model-0a1b2c.js",
    ]);
    expect(res.text.indexOf("modulepreload")).toBeLessThan(res.text.indexOf("</head>"));
  });

  it("announces nothing on staff pages and on the home page, which never need the form first", async () => {
    const app = appWithClient({ respondentFiles: RESPONDENT_FILES });
    for (const address of ["/", "/surveys/census-lebanon/dashboard", "/admin", "/sign-in"]) {
      const res = await request(app).get(address).expect(200);
      expect(res.text).toContain("<title>Passerelle</title>");
      expect(preloads(res.text)).toEqual([]);
    }
  });

  it.each([
    ["no list", undefined],
    ["an unreadable list", "{ not json"],
    ["a list of the wrong shape", JSON.stringify({ form: { scripts: "x" } })],
  ])("serves the plain page when the build left %s", async (_case, respondentFiles) => {
    const app = appWithClient({ respondentFiles });
    const res = await request(app).get("/surveys/census-lebanon").expect(200);
    expect(res.text).toContain("<title>Passerelle</title>");
    expect(preloads(res.text)).toEqual([]);
  });
});

describe("serving the respondent app", () => {
  it("answers the app's own routes with index.html, never cached", async () => {
    const app = appWithClient();
    const res = await request(app).get("/surveys/census-lebanon/responses/abc").expect(200);
    expect(res.text).toContain("<title>Passerelle</title>");
    expect(res.headers["cache-control"]).toBe("no-cache");
  });

  it.each([
    ["/assets/%", 400],
    ["/assets/%zz", 400],
    ["/assets/%E0%A4%A", 400],
    ["/assets/%c0%ae%c0%ae/", 400],
    ["/assets/%00", 400],
    ["/assets/index-abc123.js%00", 400],
    ["/assets/%2e%2e/index.html", 404],
    ["/assets/..", 404],
    ["/assets/..%2f..%2fetc%2fpasswd", 404],
    ["/assets/%2e%2e%2f%2e%2e%2findex.html", 404],
    ["/assets/....", 404],
    ["/assets/.hidden", 404],
    ["/assets/index-abc123.js/", 404],
    ["/assets/index-abc123.js%2f", 404],
  ])("answers the malformed asset path %s with %i and the error body, never a 500", async (assetPath, status) => {
    const app = appWithClient();
    for (const method of ["get", "head"] as const) {
      const res = await request(app)[method](assetPath).expect(status);
      if (method === "get") expect(res.body.error.code).toBe(status === 400 ? "invalid_request" : "route_not_found");
    }
  });

  it("serves hashed assets with a long cache and a missing one as a 404", async () => {
    const app = appWithClient();
    const asset = await request(app).get("/assets/index-abc123.js").expect(200);
    expect(asset.headers["cache-control"]).toContain("immutable");
    const missing = await request(app).get("/assets/index-old.js").expect(404);
    expect(missing.body.error.code).toBe("route_not_found");
  });

  it("makes the browser ask for the service worker and the manifest again every time, so a new deployment is seen", async () => {
    const app = appWithClient();
    for (const file of ["/sw.js", "/manifest.webmanifest"]) {
      const res = await request(app).get(file).expect(200);
      expect(res.headers["cache-control"]).toBe("no-cache");
    }
    const worker = await request(app).get("/sw.js");
    expect(worker.headers["content-type"]).toContain("javascript");
  });

  it("keeps unknown API paths as JSON errors", async () => {
    const res = await request(appWithClient()).get("/api/unknown").expect(404);
    expect(res.body.error.code).toBe("route_not_found");
  });
});

const SCRIPT = `console.log(${JSON.stringify("passerelle ".repeat(200))})`;
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => callback(null, Buffer.concat(chunks)));
};

describe("precompressed assets", () => {
  it.each([
    ["br, gzip, deflate", "br", brotliCompressSync(SCRIPT)],
    ["gzip", "gzip", gzipSync(SCRIPT)],
    ["gzip;q=0.5, br;q=1", "br", brotliCompressSync(SCRIPT)],
    // Chromium's own header: gzip listed first, every encoding rated alike.
    ["gzip, deflate, br, zstd", "br", brotliCompressSync(SCRIPT)],
    ["br;q=0.2, gzip;q=0.8", "gzip", gzipSync(SCRIPT)],
    ["br;q=0, *", "gzip", gzipSync(SCRIPT)],
  ] as const)("for Accept-Encoding %j sends the %s copy made at build", async (accepted, encoding, copy) => {
    const res = await request(appWithClient()).get("/assets/respond-page-def456.js").set("Accept-Encoding", accepted).buffer(true).parse(binary).expect(200);
    expect(res.headers["content-encoding"]).toBe(encoding);
    expect(res.headers["content-type"]).toContain("javascript");
    expect(res.headers["vary"]).toContain("Accept-Encoding");
    expect(res.headers["cache-control"]).toContain("immutable");
    // The copy itself (its length), which the test client decoded back to the script.
    expect(Number(res.headers["content-length"])).toBe(copy.length);
    expect((res.body as Buffer).toString()).toBe(SCRIPT);
  });

  it("sends the file itself to a browser that accepts no encoding", async () => {
    const res = await request(appWithClient()).get("/assets/respond-page-def456.js").set("Accept-Encoding", "identity").expect(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.text).toBe(SCRIPT);
  });

  it("serves an asset without copies as before", async () => {
    const res = await request(appWithClient()).get("/assets/index-abc123.js").set("Accept-Encoding", "br").expect(200);
    expect(res.headers["content-encoding"]).not.toBe("br");
  });
});

describe("compression", () => {
  it("compresses responses for clients that accept gzip", async () => {
    const app = appWithClient();
    const res = await request(app).get("/api/surveys/mini").set("Accept-Encoding", "gzip").expect(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.body.id).toBe("mini");
  });
});
