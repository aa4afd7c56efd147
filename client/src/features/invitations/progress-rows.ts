import type { InvitationProgress, Locale, ProgressCounts, ProgressGroup } from "@passerelle/shared";

/** A line of the progress table: its label in the reader's language and its counts. */
export interface ProgressRow {
  value: string;
  label: string;
  counts: ProgressCounts;
  /** Submitted out of invited, between 0 and 1; null when nobody is invited (revoked only). */
  submittedShare: number | null;
}

/** A governorate's line followed by the lines of its districts. */
export interface GovernorateRows extends ProgressRow {
  districts: ProgressRow[];
}

/** Submitted out of invited (revoked invitations are counted apart, so they are not in the base). */
export function submittedShare(counts: ProgressCounts): number | null {
  return counts.invited > 0 ? counts.submitted / counts.invited : null;
}

/**
 * The progress by governorate with each governorate's districts under it, in the server's order.
 * A district whose governorate has no line of its own (an old value, a missing one) is shown
 * on a line of its own after the governorates rather than dropped, so the lines still add up.
 */
export function groupProgressRows(progress: InvitationProgress, locale: Locale): GovernorateRows[] {
  const rows = progress.byGovernorate.map((group): GovernorateRows => ({ ...toRow(group, locale), districts: [] }));
  const byValue = new Map(rows.map((row) => [row.value, row]));
  const unplaced: GovernorateRows[] = [];
  for (const group of progress.byDistrict) {
    const governorate = group.governorate === undefined ? undefined : byValue.get(group.governorate);
    if (governorate) governorate.districts.push(toRow(group, locale));
    else unplaced.push({ ...toRow(group, locale), districts: [] });
  }
  return [...rows, ...unplaced];
}

function toRow(group: ProgressGroup, locale: Locale): ProgressRow {
  const counts = { invited: group.invited, started: group.started, submitted: group.submitted, revoked: group.revoked };
  return { value: group.value, label: group.label[locale] || group.value, counts, submittedShare: submittedShare(counts) };
}
