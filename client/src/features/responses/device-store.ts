import type { Answers, InvitationSession, Locale, ResponseStatus, SurveyDetail } from "@passerelle/shared";
import type { DBSchema, IDBPDatabase } from "idb" with { "resolution-mode": "import" };

/**
 * What the respondent app keeps on the device, in IndexedDB, so a clerk whose connection (or
 * battery) fails loses nothing:
 * - `unsent`: answers the server does not have yet, one record per response, written at every
 *   change and deleted as soon as the server has them;
 * - `surveys` and `invitations`: the questionnaire (and the invitation) as last opened, so the
 *   form opens again without a connection, with the version the clerk started.
 *
 * Every function resolves even when IndexedDB is unavailable (private browsing on some phones,
 * storage full): the device copy is a safety net, never a reason for the form to fail.
 */

export interface UnsentAnswers {
  surveyId: string;
  /** `null` while the server has not created the response yet. */
  responseId: string | null;
  answers: Answers;
  locale: Locale;
  /** "submitted": the clerk tapped Submit and the submission waits for the connection. */
  status: ResponseStatus;
  /** The server's revision these answers were typed over (sent as `If-Match`); `null` before creation. */
  baseRevision: number | null;
  /** The creating request's idempotency key: retried after a reload, it still creates one response. */
  creationKey: string | null;
  /** ISO 8601, when the device last wrote this copy. */
  keptAt: string;
}

interface DeviceSchema extends DBSchema {
  unsent: { key: string; value: UnsentAnswers };
  surveys: { key: string; value: SurveyDetail };
  invitations: { key: string; value: InvitationSession };
}

const DATABASE = "passerelle";
const VERSION = 1;

let database: Promise<IDBPDatabase<DeviceSchema> | null> | null = null;

function open(): Promise<IDBPDatabase<DeviceSchema> | null> {
  database ??= (async () => {
    if (typeof indexedDB === "undefined") return null;
    try {
      // Loaded on first use, so that code running where there is no IndexedDB (the server's
      // tests of the client's modules) never loads this browser-only module.
      const { openDB } = await import("idb");
      return await openDB<DeviceSchema>(DATABASE, VERSION, {
        upgrade(db) {
          db.createObjectStore("unsent");
          db.createObjectStore("surveys");
          db.createObjectStore("invitations");
        },
      });
    } catch {
      return null;
    }
  })();
  return database;
}

/**
 * The key of a response's unsent answers: its id once created; before that, the questionnaire
 * (or the invitation) it will be created for, as a device works on one new response at a time.
 */
export function unsentKey(surveyId: string, responseId: string | null, invitationToken: string | null): string {
  if (responseId !== null) return `${surveyId}/responses/${responseId}`;
  return invitationToken === null ? `${surveyId}/new` : `${surveyId}/invitation/${invitationToken}`;
}

/** Writes the device's copy; resolves whether the device kept it (false: no IndexedDB, or full). */
export async function keepUnsent(key: string, record: UnsentAnswers): Promise<boolean> {
  return attempt(async (db) => {
    await db.put("unsent", record, key);
    return true;
  }, false);
}

export function readUnsent(key: string): Promise<UnsentAnswers | null> {
  return attempt(async (db) => (await db.get("unsent", key)) ?? null, null);
}

export function forgetUnsent(key: string): Promise<void> {
  return attempt((db) => db.delete("unsent", key), undefined);
}

/** Keeps the questionnaire as opened, to open it again offline. */
export function keepSurvey(survey: SurveyDetail): Promise<void> {
  return attempt(async (db) => void (await db.put("surveys", survey, survey.id)), undefined);
}

export function readKeptSurvey(surveyId: string): Promise<SurveyDetail | null> {
  return attempt(async (db) => (await db.get("surveys", surveyId)) ?? null, null);
}

/** Keeps what an invitation link opened (the authority, its prefill), to open it again offline. */
export function keepInvitation(token: string, session: InvitationSession): Promise<void> {
  return attempt(async (db) => void (await db.put("invitations", session, token)), undefined);
}

export function readKeptInvitation(token: string): Promise<InvitationSession | null> {
  return attempt(async (db) => (await db.get("invitations", token)) ?? null, null);
}

async function attempt<T>(action: (db: IDBPDatabase<DeviceSchema>) => Promise<T>, fallback: T): Promise<T> {
  const db = await open();
  if (db === null) return fallback;
  try {
    return await action(db);
  } catch {
    return fallback;
  }
}
