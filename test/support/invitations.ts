import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CSRF_HEADER, type InvitationImportReport } from "@passerelle/shared";
import { parseCsvRecords } from "./download";
import { SHIPPED_SURVEYS_DIR, type StaffAgent } from "./test-app";

/** The shipped census, answered by invitation only, in a folder of its own. */
export function invitationOnlyCensus(overrides: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-invitations-"));
  fs.copyFileSync(path.join(SHIPPED_SURVEYS_DIR, "themes.json"), path.join(dir, "themes.json"));
  const census = JSON.parse(fs.readFileSync(path.join(SHIPPED_SURVEYS_DIR, "census-lebanon.json"), "utf8")) as Record<string, unknown>;
  fs.writeFileSync(path.join(dir, "census-lebanon.json"), JSON.stringify({ ...census, questionnaireAccess: "invitation", ...overrides }));
  return dir;
}

/** Lines of a list as an administrator's spreadsheet exports it (CRLF, header first). */
export function listFile(header: string, ...lines: string[]): string {
  return [header, ...lines].join("\r\n") + "\r\n";
}

export function importList(admin: StaffAgent, surveyId: string, file: string | Buffer, contentType = "text/csv; charset=utf-8") {
  return admin
    .post(`/api/admin/surveys/${surveyId}/invitations/import`)
    .set(CSRF_HEADER, admin.csrfToken)
    .set("Content-Type", contentType)
    .send(typeof file === "string" ? Buffer.from(file, "utf8") : file);
}

/** The link and token of each invitation created, by authority name, from the mail-merge file. */
export function linksOf(report: InvitationImportReport): Map<string, { link: string; token: string }> {
  return new Map(
    parseCsvRecords(report.mailMergeCsv ?? "").map((record) => {
      const link = record.link ?? "";
      return [record.name ?? "", { link, token: link.slice(link.indexOf("#") + 1) }];
    }),
  );
}
