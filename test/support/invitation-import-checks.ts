import Papa from "papaparse";
import { neutraliseFormula, type ImportLineResult, type InvitationImportReport } from "@passerelle/shared";
import { hashSecretToken } from "../../server/src/access/secret-token";
import type { StoredInvitation } from "../../server/src/store/store.port";
import type { ListFileCase } from "./invitation-fuzzing";

const MAIL_MERGE_HEADER = ["name", "kind", "governorate", "district", "email", "language", "link"];
// What a spreadsheet runs as a formula: no cell of the mail merge may start so (see neutraliseFormula).
const FORMULA_START = /^[=+\-@\t\r]/;
const INVITATION_LINK = /^http:\/\/127\.0\.0\.1:\d+\/surveys\/[^/#]+\/invitation#([A-Za-z0-9_-]{43})$/;

/**
 * An import's report against the store before and after it: counts that add up, ids that exist,
 * the invitations the earlier ones plus those created (none lost, no authority twice), the others
 * untouched but for the fields an update may change, and one working link per creation.
 */
export function expectConsistentReport(report: InvitationImportReport, before: StoredInvitation[], after: StoredInvitation[]): void {
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const line of report.lines) counts[line.outcome] += 1;
  expect(report.counts).toEqual(counts);
  report.lines.forEach((line, index) => expect(line.line).toBeGreaterThan(report.lines[index - 1]?.line ?? 1));
  for (const line of report.lines) {
    if (line.outcome === "rejected") expect([line.invitationId, line.problems.length > 0]).toEqual([null, true]);
    else expect([typeof line.invitationId, line.problems]).toEqual(["string", []]);
  }
  const named = report.lines.filter((line) => line.outcome !== "rejected").map((line) => line.invitationId);
  expect(new Set(named).size).toBe(named.length);

  const created = report.lines.filter((line) => line.outcome === "created");
  const wasThere = new Set(before.map((invitation) => invitation.id));
  for (const line of report.lines) if (line.outcome !== "rejected") expect(wasThere.has(line.invitationId ?? "")).toBe(line.outcome !== "created");
  expect(after.map((invitation) => invitation.id)).toEqual([...before.map((invitation) => invitation.id), ...created.map((line) => line.invitationId)]);
  expect(new Set(after.map((invitation) => invitation.authorityKey)).size).toBe(after.length);
  const afterById = new Map(after.map((invitation) => [invitation.id, invitation]));
  for (const line of report.lines) if (line.outcome !== "rejected") expect(afterById.get(line.invitationId ?? "")?.authorityName).toBe(line.authorityName);
  for (const invitation of before) {
    const now = afterById.get(invitation.id);
    if (!report.lines.some((line) => line.invitationId === invitation.id && line.outcome === "updated")) {
      expect(now).toEqual(invitation);
      continue;
    }
    const { authorityName, governorate, email, locale, updatedAt } = now ?? invitation;
    expect(now).toEqual({ ...invitation, authorityName, governorate, email, locale, updatedAt });
    expect(now).not.toEqual(invitation);
  }
  expectMailMerge(report, created, afterById);
}

/**
 * The rows of a mail-merge file, checked: a BOM, CSV that parses, the expected header, seven cells
 * a row and none that a spreadsheet would run as a formula.
 */
export function mailMergeRows(csv: string): string[][] {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ",", skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header, ...rows] = parsed.data;
  expect(header).toEqual(MAIL_MERGE_HEADER);
  for (const row of rows) {
    expect(row).toHaveLength(MAIL_MERGE_HEADER.length);
    for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
  }
  return rows;
}

/** The token of an invitation link; empty when the link is not one. */
export function tokenOfLink(link: string): string {
  return INVITATION_LINK.exec(link)?.[1] ?? "";
}

// One link per invitation created, in the order of the lines, whose token opens that invitation
// and is stored nowhere.
function expectMailMerge(report: InvitationImportReport, created: ImportLineResult[], afterById: Map<string, StoredInvitation>): void {
  if (created.length === 0) {
    expect(report.mailMergeCsv).toBeNull();
    return;
  }
  const rows = mailMergeRows(report.mailMergeCsv ?? "");
  expect(rows).toHaveLength(created.length);
  const tokens = rows.map((row, index) => {
    const line = created[index];
    expect(row[0]).toBe(neutraliseFormula(line?.authorityName ?? ""));
    const token = tokenOfLink(row[6] ?? "");
    expect(hashSecretToken(token)).toBe(afterById.get(line?.invitationId ?? "")?.tokenHash);
    return token;
  });
  expect(new Set(tokens).size).toBe(tokens.length);
  const stored = JSON.stringify([...afterById.values()]);
  for (const token of tokens) expect(stored).not.toContain(token);
}

/** Lines the grammar wrote valid are taken (or are a duplicate), invalid ones rejected, names as written. */
export function expectLinesAsWritten(report: InvitationImportReport, lines: NonNullable<ListFileCase["lines"]>): void {
  expect(report.lines.map((line) => line.line)).toEqual(lines.map((line) => line.line));
  report.lines.forEach((result, index) => {
    const written = lines[index];
    expect(result.authorityName).toBe(written?.name);
    if (written?.validity === "valid") expect(result.problems.filter((problem) => problem.code !== "duplicate_line")).toEqual([]);
    if (written?.validity === "invalid") expect(result.outcome).toBe("rejected");
  });
}
