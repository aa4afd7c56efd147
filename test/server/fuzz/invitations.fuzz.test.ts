import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import request from "supertest";
import {
  LOCALES,
  type CreatedResponse,
  type InvitationImportReport,
  type InvitationSession,
  type InvitationView,
  type ReissuedInvitation,
} from "@passerelle/shared";
import { hashSecretToken } from "../../../server/src/access/secret-token";
import type { Store, StoredInvitation } from "../../../server/src/store/store.port";
import { censusAnswers } from "../../support/census-answers";
import { asJson, awkwardJson, expectClientError, fuzzParameters, fuzzTimeout, headerValue, responsesSnapshot, type RawBody } from "../../support/fuzz";
import { listContentType, listFileFromGrammar, oversizedListFile, rawListFile } from "../../support/invitation-fuzzing";
import { expectConsistentReport, expectLinesAsWritten, mailMergeRows, tokenOfLink } from "../../support/invitation-import-checks";
import { importList, invitationOnlyCensus, linksOf, listFile } from "../../support/invitations";
import { anyBody, oddPathSegment } from "../../support/response-fuzzing";
import { CSRF_HEADER, signedIn, testApp, type StaffAgent } from "../../support/test-app";

const SURVEY = "census-lebanon";
const HEADER = "name,kind,governorate,district,email,language";

const invitationsOf = (store: Store) => store.invitations.listForSurvey(SURVEY);

/** How a staff request carries the CSRF token: as it should, not at all, or wrong. */
const csrf = fc.oneof(
  { weight: 12, arbitrary: fc.constant<string | null>(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: headerValue(60) },
);

function withCsrf(admin: StaffAgent, req: request.Test, token: string | null | undefined): request.Test {
  if (token === null) return req.set(CSRF_HEADER, admin.csrfToken);
  return token === undefined ? req : req.set(CSRF_HEADER, token);
}

async function invitedWorld(...lines: string[]) {
  const context = testApp({ surveysDir: invitationOnlyCensus() });
  const admin = await signedIn(context.app, "admin");
  const report = (await importList(admin, SURVEY, listFile(HEADER, ...lines)).expect(200)).body as InvitationImportReport;
  return { ...context, admin, report, links: linksOf(report) };
}

// How the file travels: as it is mostly, else compressed, or under an encoding that does not fit it.
const ENCODINGS: Record<string, { header: string; encode(bytes: Buffer): Buffer; isReadable: boolean }> = {
  gzip: { header: "gzip", encode: gzipSync, isReadable: true },
  deflate: { header: "deflate", encode: deflateSync, isReadable: true },
  br: { header: "br", encode: brotliCompressSync, isReadable: true },
  identity: { header: "identity", encode: (bytes) => bytes, isReadable: true },
  unknown: { header: "x-unknown", encode: (bytes) => bytes, isReadable: false },
  "gzip, not compressed": { header: "gzip", encode: (bytes) => Buffer.concat([Buffer.from("not gzip"), bytes]), isReadable: false },
};
const contentEncoding = fc.oneof({ weight: 15, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...Object.keys(ENCODINGS)) });

describe("importing the list of authorities, fuzzed", () => {
  const { app, store } = testApp({ surveysDir: invitationOnlyCensus() });
  let admin: StaffAgent;

  beforeAll(async () => {
    admin = await signedIn(app, "admin");
  });

  function postList(file: Buffer, contentType: string, token: string | null | undefined, encodingName?: string) {
    const req = withCsrf(admin, admin.post(`/api/admin/surveys/${SURVEY}/invitations/import`), token).set("Content-Type", contentType);
    const encoding = encodingName === undefined ? undefined : ENCODINGS[encodingName];
    if (encoding) req.set("Content-Encoding", encoding.header);
    // Bytes go as they are, whatever the type: superagent would otherwise encode them.
    return req.serialize((data) => data).send(encoding ? encoding.encode(file) : file);
  }

  it(
    "answers any file with a consistent report or a 4xx that writes nothing, and a second import of it changes nothing",
    async () => {
      const file = fc.oneof({ weight: 30, arbitrary: listFileFromGrammar }, { weight: 3, arbitrary: rawListFile }, { weight: 1, arbitrary: oversizedListFile });
      await fc.assert(
        fc.asyncProperty(file, listContentType, contentEncoding, csrf, async (list, { contentType, isCsv }, encoding, token) => {
          const before = await invitationsOf(store);
          const res = await postList(list.bytes, contentType, token, encoding);
          const expected = encoding === undefined || ENCODINGS[encoding]?.isReadable ? list.expected : "refusal";
          const after = await invitationsOf(store);
          if (res.status !== 200) {
            expectClientError(res);
            expect(after).toEqual(before);
            if (isCsv === true && token === null) expect(expected).not.toBe("report");
            return;
          }
          expect(token).toBeNull();
          expect(isCsv).not.toBe(false);
          expect(expected).not.toBe("refusal");
          const report = res.body as InvitationImportReport;
          expect(report.surveyId).toBe(SURVEY);
          expectConsistentReport(report, before, after);
          if (list.lines) expectLinesAsWritten(report, list.lines);

          const again = (await postList(list.bytes, contentType, null, encoding).expect(200)).body as InvitationImportReport;
          const { rejected } = report.counts;
          expect(again).toEqual({
            ...report,
            counts: { created: 0, updated: 0, unchanged: report.lines.length - rejected, rejected },
            lines: report.lines.map((line) => (line.outcome === "rejected" ? line : { ...line, outcome: "unchanged" })),
            mailMergeCsv: null,
          });
          expect(await invitationsOf(store)).toEqual(after);
        }),
        fuzzParameters(120),
      );
    },
    fuzzTimeout(120),
  );
});

/** The token of an Authorization header as the server reads it (Node trims spaces and tabs). */
function tokenSent(header: string | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9_-]+)$/.exec(header?.replace(/^[ \t]+|[ \t]+$/g, "") ?? "")?.[1];
}

// Ways to get a good token's header slightly wrong.
const NEAR_MISSES: ((token: string) => string)[] = [
  (token) => `bearer ${token}`,
  (token) => `Bearer  ${token}`,
  (token) => ` Bearer ${token}\t`,
  (token) => `Bearer ${token}=`,
  (token) => `Bearer ${token.slice(0, -1)}`,
  (token) => `Bearer ${token}${token}`,
  (token) => `Bearer ${token}, Bearer ${token}`,
  (token) => token,
  (token) => `Basic ${token}`,
  (token) => `Bearer ${token.toUpperCase()}`,
];

/** Authorization headers: live, revoked and superseded tokens, near misses, made-up tokens, anything, none. */
function authorization(live: readonly string[], dead: readonly string[]): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...live).map((token) => `Bearer ${token}`) },
    { weight: 2, arbitrary: fc.constantFrom(...dead).map((token) => `Bearer ${token}`) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...live, ...dead), fc.constantFrom(...NEAR_MISSES)).map(([token, miss]) => miss(token)) },
    { weight: 1, arbitrary: fc.stringMatching(/^Bearer [A-Za-z0-9_-]{16,128}$/) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        headerValue(),
        headerValue().map((value) => `Bearer ${value}`),
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

// Census answers, some changed to anything, so that a share of the bodies is a valid response.
const censusBody: fc.Arbitrary<RawBody> = fc
  .record({
    overrides: fc.dictionary(fc.constantFrom("authority_name", "governorate", "district", "population", "contact_email", "priority_themes"), awkwardJson(1), {
      maxKeys: 2,
    }),
    status: fc.constantFrom("draft", "submitted"),
    locale: fc.constantFrom(...LOCALES),
  })
  .map(({ overrides, status, locale }) => asJson({ answers: censusAnswers(overrides), status, locale }));

/** Stands for the token of an invitation imported for the run: a response can be started with it. */
const FRESH_TOKEN = "fresh".padEnd(43, "-");

describe("opening an invitation and answering through it with any Authorization, fuzzed", () => {
  const live = new Map<string, StoredInvitation>();
  const dead: string[] = [];
  let world: Awaited<ReturnType<typeof invitedWorld>>;
  let imported = 0;

  // Imports one more authority and puts its token where the header holds FRESH_TOKEN.
  async function withFreshToken(header: string | undefined): Promise<string | undefined> {
    if (!header?.includes(FRESH_TOKEN)) return header;
    imported += 1;
    const list = listFile(HEADER, `Fresh ${imported},municipality,north,tripoli,,`);
    const { token } = [...linksOf((await importList(world.admin, SURVEY, list).expect(200)).body as InvitationImportReport).values()][0]!;
    live.set(token, (await world.store.invitations.findByTokenHash(hashSecretToken(token)))!);
    return header.replaceAll(FRESH_TOKEN, token);
  }

  // Four live invitations; one revoked, one re-issued (its first token dead, its new one live).
  beforeAll(async () => {
    world = await invitedWorld(
      "Tripoli,municipality,north,tripoli,,fr",
      "Saida,municipality,south,saida,,ar",
      "Zahlé,municipality,bekaa,zahle,,",
      "Jbeil,municipality,keserwan_jbeil,jbeil,mairie@jbeil.example,en",
      "Batroun,municipality,north,batroun,,",
    );
    const { admin, store, links } = world;
    const idOf = async (name: string) => (await invitationsOf(store)).find((invitation) => invitation.authorityName === name)?.id ?? "";
    await withCsrf(admin, admin.post(`/api/admin/surveys/${SURVEY}/invitations/${await idOf("Saida")}/revoke`), null).expect(200);
    const reissued = (await withCsrf(admin, admin.post(`/api/admin/surveys/${SURVEY}/invitations/${await idOf("Zahlé")}/reissue`), null).expect(200))
      .body as ReissuedInvitation;
    dead.push(links.get("Saida")?.token ?? "", links.get("Zahlé")?.token ?? "");
    const tokens = [...["Tripoli", "Jbeil", "Batroun"].map((name) => links.get(name)?.token ?? ""), tokenOfLink(reissued.link)];
    for (const token of tokens) live.set(token, (await store.invitations.findByTokenHash(hashSecretToken(token)))!);
  });

  function withAuthorization(req: request.Test, header: string | undefined): request.Test {
    return header === undefined ? req : req.set("Authorization", header);
  }

  const isExactlyLive = (header: string | undefined) => [...live.keys()].some((token) => header === `Bearer ${token}`);

  it(
    "opens the invitation of a live token only, and answers anything else with a 4xx",
    async () => {
      await fc.assert(
        fc.asyncProperty(authorization([...live.keys()], dead), async (header) => {
          const before = await invitationsOf(world.store);
          const res = await withAuthorization(request(world.app).get("/api/invitation"), header);
          expect(await invitationsOf(world.store)).toEqual(before);
          if (res.status !== 200) {
            expectClientError(res);
            expect(isExactlyLive(header)).toBe(false);
            return;
          }
          const invitation = live.get(tokenSent(header) ?? "");
          expect((res.body as InvitationSession).authorityName).toBe(invitation?.authorityName);
        }),
        fuzzParameters(200),
      );
    },
    fuzzTimeout(200),
  );

  it(
    "writes a response only for a live token without one, in its authority's name, and nothing otherwise",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          authorization([...live.keys(), FRESH_TOKEN, FRESH_TOKEN], dead),
          fc.oneof({ weight: 3, arbitrary: censusBody }, { weight: 2, arbitrary: anyBody }),
          async (written, body) => {
            const header = await withFreshToken(written);
            const before = await responsesSnapshot(world.store, SURVEY);
            const req = withAuthorization(request(world.app).post(`/api/surveys/${SURVEY}/responses`), header).set("Content-Type", body.contentType);
            if (body.contentEncoding !== undefined) req.set("Content-Encoding", body.contentEncoding);
            const res = await req.serialize((data) => data).send(body.body);
            if (res.status !== 201) {
              expectClientError(res);
              expect(await responsesSnapshot(world.store, SURVEY)).toEqual(before);
              return;
            }
            const token = tokenSent(header) ?? "";
            const invitation = live.get(token);
            expect(invitation).toBeDefined();
            expect(before.responses.some((response) => response.invitationId === invitation?.id)).toBe(false);
            const created = res.body as CreatedResponse;
            expect(created.resumeToken).toBe(token);
            expect(await world.store.responses.count({ surveyId: SURVEY })).toBe(before.count + 1);
            const stored = await world.store.responses.findById(created.id);
            expect(stored?.invitationId).toBe(invitation?.id);
            expect(stored?.answers).toMatchObject({
              authority_name: invitation?.authorityName,
              governorate: invitation?.governorate,
              district: invitation?.district,
            });
          },
        ),
        fuzzParameters(150),
      );
    },
    fuzzTimeout(150),
  );
});

describe("revoking and re-issuing an invitation named by any id, fuzzed", () => {
  let world: Awaited<ReturnType<typeof invitedWorld>>;
  let ids: string[];

  beforeAll(async () => {
    world = await invitedWorld("Tripoli,municipality,north,tripoli,,fr", "Saida,municipality,south,saida,,ar", "Zahlé,municipality,bekaa,zahle,,");
    ids = (await invitationsOf(world.store)).map((invitation) => invitation.id);
  });

  it(
    "changes only the invitation named, as asked, and answers anything else with a 4xx that changes nothing",
    async () => {
      const nearMiss = (id: string) =>
        fc.constantFrom(id.toUpperCase(), `${id}%20`, `%20${id}`, id.slice(1), `${id}%00`, `${id}/`, encodeURIComponent(`${id}\u202e`));
      const id = fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...ids) },
        { weight: 1, arbitrary: fc.constantFrom(...ids).chain(nearMiss) },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 2, arbitrary: oddPathSegment },
      );
      const surveyId = fc.oneof(
        { weight: 8, arbitrary: fc.constant(SURVEY) },
        { weight: 1, arbitrary: fc.constantFrom("mini", "CENSUS-LEBANON", `${SURVEY}%20`) },
        { weight: 1, arbitrary: oddPathSegment },
      );
      await fc.assert(
        fc.asyncProperty(surveyId, id, fc.constantFrom("revoke", "reissue"), csrf, async (survey, invitationId, action, token) => {
          const { app, admin, store } = world;
          const before = await invitationsOf(store);
          const res = await withCsrf(admin, admin.post(`/api/admin/surveys/${survey}/invitations/${invitationId}/${action}`), token);
          const after = await invitationsOf(store);
          if (res.status !== 200) {
            expectClientError(res);
            expect(after).toEqual(before);
            return;
          }
          expect([survey, token]).toEqual([SURVEY, null]);
          const target = before.find((invitation) => invitation.id === invitationId);
          const now = after.find((invitation) => invitation.id === invitationId);
          expect(target).toBeDefined();
          expect(after.filter((invitation) => invitation !== now)).toEqual(before.filter((invitation) => invitation !== target));
          if (action === "revoke") {
            expect((res.body as InvitationView).state).toBe("revoked");
            expect(now).toEqual(target?.revokedAt ? target : { ...target, revokedAt: expect.any(Date), updatedAt: expect.any(Date) });
            return;
          }
          const { link, mailMergeCsv } = res.body as ReissuedInvitation;
          expect(mailMergeRows(mailMergeCsv).map((row) => row[6])).toEqual([link]);
          const newToken = tokenOfLink(link);
          expect(now).toEqual({ ...target, tokenHash: hashSecretToken(newToken), revokedAt: null, updatedAt: expect.any(Date) });
          expect(now?.tokenHash).not.toBe(target?.tokenHash);
          await request(app).get("/api/invitation").set("Authorization", `Bearer ${newToken}`).expect(200);
        }),
        fuzzParameters(150),
      );
    },
    fuzzTimeout(150),
  );
});
