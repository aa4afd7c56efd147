import express from "express";
import request from "supertest";
import pino from "pino";
import { Writable } from "node:stream";
import { findOutsideReferences } from "@passerelle/shared";
import { ConfigError, loadConfig } from "../../../server/src/config";
import { isAllowed, logOutsideOrigins, outsideOriginNeeds } from "../../../server/src/http/outside-origins";
import { securityHeaders } from "../../../server/src/http/security-headers";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { ENGINE_SURVEYS_DIR } from "../../support/engine-fixtures";

describe("outside origins of questionnaires", () => {
  it("finds the web services, images and videos a questionnaire points to, never its own relative addresses", () => {
    const references = findOutsideReferences({
      elements: [
        { type: "dropdown", name: "country", choicesByUrl: { url: "https://api.example.org/countries?lang=fr" } },
        {
          type: "imagepicker",
          name: "pick",
          choices: [
            { value: "a", imageLink: "https://img.example.net/a.png" },
            { value: "b", imageLink: "/local.png" },
          ],
        },
        { type: "image", name: "clip", imageLink: "https://videos.example.com/intro.mp4", contentMode: "video" },
        { type: "html", name: "intro", html: '<p><img src="https://cdn.example.org/logo.svg"> <iframe src="https://www.youtube.com/embed/x"></iframe></p>' },
      ],
    });
    expect(references).toEqual([
      { origin: "https://api.example.org", use: "choicesByUrl", question: "country" },
      { origin: "https://img.example.net", use: "image", question: "pick" },
      { origin: "https://videos.example.com", use: "media", question: "clip" },
      { origin: "https://www.youtube.com", use: "media", question: "intro" },
      { origin: "https://cdn.example.org", use: "image", question: "intro" },
    ]);
  });

  it.each<[string, string[], boolean]>([
    ["https://api.example.org", ["https://api.example.org"], true],
    ["https://api.example.org", ["https://*.example.org"], true],
    ["https://example.org", ["https://*.example.org"], false],
    ["http://api.example.org", ["https://*.example.org"], false],
    ["https://api.example.org:8443", ["https://*.example.org"], false],
    ["https://api.example.org", ["https://other.example.org"], false],
  ])("allows %s with %j: %s", (origin, allowed, expected) => {
    expect(isAllowed(origin, allowed)).toBe(expected);
  });

  it("names at start which questionnaire needs which origin, for which questions, and whether it is allowed", () => {
    const registry = loadQuestionnaires(ENGINE_SURVEYS_DIR);
    expect(outsideOriginNeeds(registry, [])).toEqual([
      {
        questionnaire: "engine-runtime-choices",
        file: "runtime-choices.json",
        origin: "https://surveyjs.io",
        uses: ["choicesByUrl"],
        questions: ["country"],
        isAllowed: false,
      },
    ]);
    const lines: string[] = [];
    const logger = pino({ level: "info" }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    logOutsideOrigins(registry, [], logger);
    logOutsideOrigins(registry, ["https://surveyjs.io"], logger);
    const [blocked, allowed] = lines.map((line) => JSON.parse(line));
    expect(blocked).toMatchObject({ level: 40, file: "runtime-choices.json", origin: "https://surveyjs.io", questions: ["country"] });
    expect(blocked.msg).toBe(
      "questionnaire engine-runtime-choices (runtime-choices.json) needs https://surveyjs.io for country: blocked until CSP_EXTRA_ORIGINS lists it",
    );
    expect(allowed).toMatchObject({ level: 30, msg: "questionnaire engine-runtime-choices reaches https://surveyjs.io, allowed by CSP_EXTRA_ORIGINS" });
  });
});

describe("CSP_EXTRA_ORIGINS", () => {
  it("reads a list of origins separated by commas or spaces", () => {
    expect(loadConfig({ CSP_EXTRA_ORIGINS: "https://surveyjs.io, https://*.Example.org  http://10.0.0.5:8080" }).cspExtraOrigins).toEqual([
      "https://surveyjs.io",
      "https://*.example.org",
      "http://10.0.0.5:8080",
    ]);
    expect(loadConfig({}).cspExtraOrigins).toEqual([]);
  });

  it.each(["surveyjs.io", "https://surveyjs.io/api", "'unsafe-inline'", "*", "javascript:alert(1)"])("refuses %s, naming the variable", (value) => {
    expect(() => loadConfig({ CSP_EXTRA_ORIGINS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CSP_EXTRA_ORIGINS: value })).toThrow(/CSP_EXTRA_ORIGINS/);
  });

  it("allows the listed origins for fetches, images, media and frames, never for scripts", async () => {
    const app = express()
      .use(securityHeaders(["https://surveyjs.io"]))
      .get("/", (_req, res) => res.send("ok"));
    const policy = String((await request(app).get("/").expect(200)).headers["content-security-policy"]);
    const directive = (name: string) =>
      policy
        .split(";")
        .find((part) => part.trim().startsWith(`${name} `))
        ?.trim();
    expect(directive("connect-src")).toBe("connect-src 'self' https://surveyjs.io");
    expect(directive("img-src")).toBe("img-src 'self' data: blob: https://surveyjs.io");
    expect(directive("media-src")).toBe("media-src 'self' https://surveyjs.io");
    expect(directive("frame-src")).toBe("frame-src 'self' https://surveyjs.io");
    expect(directive("script-src")).toBe("script-src 'self'");
    const plain = String(
      (
        await request(
          express()
            .use(securityHeaders())
            .get("/", (_req, res) => res.send("ok")),
        ).get("/")
      ).headers["content-security-policy"],
    );
    expect(plain).toContain("connect-src 'self';");
  });
});
