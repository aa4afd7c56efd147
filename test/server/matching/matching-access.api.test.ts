import request from "supertest";
import { DEFAULT_MATCH_WEIGHTS, type Role } from "@passerelle/shared";
import { ACCESS_RULES } from "../../../server/src/access/access-rules";
import { CSRF_HEADER } from "../../support/test-app";
import { matchingWorld } from "../../support/matching-world";

jest.setTimeout(60_000);

type Caller = "anonymous" | "respondent" | Role;
const CALLERS: readonly Caller[] = ["anonymous", "respondent", "viewer", "analyst", "admin"];
type Expected = "ok" | 401 | 403;
const STAFF: Record<Caller, Expected> = { anonymous: 401, respondent: 401, viewer: "ok", analyst: "ok", admin: "ok" };
const ANALYSTS: Record<Caller, Expected> = { ...STAFF, viewer: 403 };
const ADMINS: Record<Caller, Expected> = { ...ANALYSTS, analyst: 403 };

type World = Awaited<ReturnType<typeof matchingWorld>> & { introductionOf: Record<"analyst" | "admin", { id: string }> };

interface Endpoint {
  method: "get" | "put" | "post" | "patch";
  /** `:zahle`, `:lyon` and `:intro` are replaced by the world's ids. */
  path: string;
  body?: (world: World, caller: Caller) => object;
  expected: Record<Caller, Expected>;
}

// Each successful introduction needs a pair of its own (the world already has Zahlé with Lyon and Lille).
const pairs = (world: World) => [
  [world.tyr.id, world.lille.id],
  [world.tyr.id, world.lyon.id],
  [world.zahle.id, world.grenoble.id],
  [world.tyr.id, world.grenoble.id],
];
let started = 0;

const ENDPOINTS: Endpoint[] = [
  { method: "get", path: "/api/matching/authorities", expected: ANALYSTS },
  { method: "get", path: "/api/matching/lebanese/:zahle/candidates", expected: ANALYSTS },
  { method: "get", path: "/api/matching/french/:lyon/candidates", expected: ANALYSTS },
  { method: "put", path: "/api/matching/lebanese/:zahle/capacity", body: () => ({ capacity: 2 }), expected: ANALYSTS },
  { method: "get", path: "/api/matching/proposal", expected: ANALYSTS },
  { method: "get", path: "/api/matching/pooled", expected: ANALYSTS },
  { method: "get", path: "/api/matching/weights", expected: ANALYSTS },
  { method: "put", path: "/api/matching/weights", body: () => ({ basedOn: 0, weights: DEFAULT_MATCH_WEIGHTS }), expected: ADMINS },
  { method: "get", path: "/api/matching/decisions", expected: ANALYSTS },
  {
    method: "put",
    path: "/api/matching/decisions",
    body: (world) => ({ lebaneseId: world.zahle.id, frenchId: world.lyon.id, decision: "shortlisted" }),
    expected: ANALYSTS,
  },
  { method: "get", path: "/api/matching/introductions", expected: ANALYSTS },
  {
    method: "post",
    path: "/api/matching/introductions",
    body: (world) => {
      const [lebaneseId, frenchId] = pairs(world)[started++ % 4]!;
      return { lebaneseId, frenchId };
    },
    expected: ANALYSTS,
  },
  { method: "get", path: "/api/matching/introductions.csv", expected: ANALYSTS },
  { method: "get", path: "/api/matching/introductions.xlsx", expected: ANALYSTS },
  { method: "get", path: "/api/matching/introductions/:intro", expected: ANALYSTS },
  { method: "patch", path: "/api/matching/introductions/:intro", body: () => ({ revision: 0, note: "Relance par e-mail" }), expected: ANALYSTS },
  { method: "get", path: "/api/matching/funnel", expected: STAFF },
];

describe("who may call what in matchmaking", () => {
  let world: World;
  beforeAll(async () => {
    const base = await matchingWorld();
    const introduce = async (agent: typeof base.analyst, frenchId: string) =>
      (await agent.post("/api/matching/introductions").set(CSRF_HEADER, agent.csrfToken).send({ lebaneseId: base.zahle.id, frenchId }).expect(201)).body as {
        id: string;
      };
    world = { ...base, introductionOf: { analyst: await introduce(base.analyst, base.lyon.id), admin: await introduce(base.admin, base.lille.id) } };
  });

  it("covers every matchmaking endpoint of the access table", () => {
    const covered = new Set(
      ENDPOINTS.map(
        (endpoint) =>
          `${endpoint.method.toUpperCase()} ${endpoint.path
            .replace(/^\/api/, "")
            .replace(":zahle", ":id")
            .replace(":lyon", ":id")
            .replace(":intro", ":id")}`,
      ),
    );
    const rules = ACCESS_RULES.filter((rule) => rule.path.startsWith("/matching")).map((rule) => `${rule.method} ${rule.path}`);
    expect([...covered].sort()).toEqual(rules.sort());
  });

  const cases = ENDPOINTS.flatMap((endpoint) => CALLERS.map((caller) => [endpoint.method.toUpperCase(), endpoint.path, caller, endpoint] as const));
  it.each(cases)("%s %s as %s", async (_method, _path, caller, endpoint) => {
    const introduction = caller === "admin" ? world.introductionOf.admin : world.introductionOf.analyst;
    const path = endpoint.path.replace(":zahle", world.zahle.id).replace(":lyon", world.lyon.id).replace(":intro", introduction.id);
    const isStaff = caller === "viewer" || caller === "analyst" || caller === "admin";
    let call = (isStaff ? world[caller] : request(world.app))[endpoint.method](path);
    if (caller === "respondent") call = call.set("Authorization", `Bearer ${world.zahle.resumeToken}`);
    if (isStaff) call = call.set(CSRF_HEADER, world[caller].csrfToken);
    const res = await (endpoint.body ? call.send(endpoint.body(world, caller)) : call);
    const expected = endpoint.expected[caller];
    if (expected === "ok") expect([res.status < 300, res.body?.error?.code]).toEqual([true, undefined]);
    else expect(res.status).toBe(expected);
  });
});
