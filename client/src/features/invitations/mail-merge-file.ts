/**
 * The mail-merge file of invitation links, saved from the text the server returns once: links
 * are not kept on the server (only a hash of each token), so this file is the only copy.
 */

const BYTE_ORDER_MARK = "\uFEFF";

/** `invitations-<surveyId>-<YYYY-MM-DD>.csv`, the date being the administrator's own calendar day. */
export function mailMergeFileName(surveyId: string, now: Date): string {
  const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((part) => String(part).padStart(2, "0")).join("-");
  // A questionnaire id is a slug; anything else would be awkward in a file name on some systems.
  const safeId = surveyId.replace(/[^\p{L}\p{N}_-]+/gu, "-");
  return `invitations-${safeId}-${day}.csv`;
}

/**
 * The CSV as a file. The byte order mark is what makes Excel read UTF-8 (Arabic names) instead
 * of the Windows code page; the server sends it, and it is added here if it went missing.
 */
export function mailMergeBlob(csv: string): Blob {
  const text = csv.startsWith(BYTE_ORDER_MARK) ? csv : BYTE_ORDER_MARK + csv;
  return new Blob([text], { type: "text/csv;charset=utf-8" });
}

/** Has the browser save `blob` as `fileName`, through a temporary link. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start reading the file after the click returns: release the URL a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves a mail-merge CSV of `surveyId` under today's name. */
export function saveMailMerge(surveyId: string, csv: string): void {
  saveFile(mailMergeBlob(csv), mailMergeFileName(surveyId, new Date()));
}
