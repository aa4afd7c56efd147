import type { Locale } from "../locales";
import type { MatchWeights } from "./match-weights";
import type { FrenchProfile, LebaneseProfile } from "./matching-profiles";
import { ENVELOPE_RANGES_EUR, NEED_RANGES_USD } from "./score-parts";

/** The "Clés en main" call for projects funds a pooled project of at least five French authorities. */
export const CLES_EN_MAIN_MEMBERS = 5;

export interface AmountRange {
  low: number;
  /** Null when open-ended ("more than 150,000 €"). */
  high: number | null;
}

export type MissingPiece =
  | { kind: "members"; have: number; need: number }
  | { kind: "envelope"; envelopeHighUsd: number; needsLowUsd: number }
  | { kind: "envelope_unknown" };

export interface PooledProposal {
  theme: string;
  /** French authorities offering the theme and interested in a pooled project (yes first, then maybe). */
  members: { id: string; name: string; interest: "yes" | "maybe"; envelope: string | null }[];
  /** The Lebanese authorities ranking the theme, by governorate (governorate null when not stated). */
  served: { governorate: string | null; authorities: { id: string; name: string }[] }[];
  /** The members' envelopes added up, in euros per year (undecided envelopes count for nothing). */
  envelopeEur: AmountRange;
  /** The served authorities' budget ranges for the theme added up, in US dollars. */
  needsUsd: AmountRange;
  /** Served authorities whose budget for the theme is unknown. */
  unknownBudgets: number;
  /** At least five members: the consortium can answer the call as it stands. */
  isComplete: boolean;
  missing: MissingPiece[];
}

/**
 * One consortium proposal per theme that both sides share: French authorities interested in a
 * pooled project ("yes" or "maybe") that offer the theme, and the Lebanese authorities that rank
 * it. Complete proposals (five members or more) come first; the others say what is missing
 * ("4 of 5 French members: one more needed").
 */
export function proposePooledProjects(lebanese: readonly LebaneseProfile[], french: readonly FrenchProfile[], weights: MatchWeights): PooledProposal[] {
  const themes = new Set(french.flatMap((authority) => authority.themes));
  const proposals: PooledProposal[] = [];
  for (const theme of themes) {
    const members = french
      .filter((authority) => authority.themes.includes(theme) && (authority.clesEnMain === "yes" || authority.clesEnMain === "maybe"))
      .map((authority) => ({ id: authority.id, name: authority.name, interest: authority.clesEnMain as "yes" | "maybe", envelope: authority.envelope ?? null }))
      .sort((a, b) => (a.interest === b.interest ? a.name.localeCompare(b.name) : a.interest === "yes" ? -1 : 1));
    const needs = lebanese.flatMap((authority) => authority.needs.filter((need) => need.theme === theme).map((need) => ({ authority, need })));
    if (members.length === 0 || needs.length === 0) continue;

    const envelopeEur = sumRanges(members.map((member) => (member.envelope ? ENVELOPE_RANGES_EUR[member.envelope] : undefined)));
    const needsUsd = sumRanges(needs.map(({ need }) => (need.budget ? NEED_RANGES_USD[need.budget] : undefined)));
    const missing: MissingPiece[] = [];
    if (members.length < CLES_EN_MAIN_MEMBERS) missing.push({ kind: "members", have: members.length, need: CLES_EN_MAIN_MEMBERS });
    if (members.every((member) => !member.envelope || !ENVELOPE_RANGES_EUR[member.envelope])) missing.push({ kind: "envelope_unknown" });
    else if (envelopeEur.high !== null && envelopeEur.high / weights.eurPerUsd < needsUsd.low) {
      missing.push({ kind: "envelope", envelopeHighUsd: Math.round(envelopeEur.high / weights.eurPerUsd), needsLowUsd: needsUsd.low });
    }
    proposals.push({
      theme,
      members,
      served: groupByGovernorate(needs.map(({ authority }) => authority)),
      envelopeEur,
      needsUsd,
      unknownBudgets: needs.filter(({ need }) => !need.budget || !NEED_RANGES_USD[need.budget]).length,
      isComplete: members.length >= CLES_EN_MAIN_MEMBERS,
      missing,
    });
  }
  return proposals.sort(
    (a, b) =>
      Number(b.isComplete) - Number(a.isComplete) || b.members.length - a.members.length || countServed(b) - countServed(a) || a.theme.localeCompare(b.theme),
  );
}

function countServed(proposal: PooledProposal): number {
  return proposal.served.reduce((sum, group) => sum + group.authorities.length, 0);
}

function sumRanges(ranges: readonly (readonly [number, number] | undefined)[]): AmountRange {
  let low = 0;
  let high = 0;
  for (const range of ranges) {
    if (!range) continue;
    low += range[0];
    high += range[1];
  }
  return { low, high: Number.isFinite(high) ? high : null };
}

function groupByGovernorate(authorities: readonly LebaneseProfile[]): PooledProposal["served"] {
  const groups = new Map<string | null, { id: string; name: string }[]>();
  for (const authority of authorities) {
    const governorate = authority.governorate ?? null;
    groups.set(governorate, [...(groups.get(governorate) ?? []), { id: authority.id, name: authority.name }]);
  }
  return [...groups.entries()]
    .map(([governorate, members]) => ({ governorate, authorities: members.sort((a, b) => a.name.localeCompare(b.name)) }))
    .sort((a, b) => b.authorities.length - a.authorities.length || String(a.governorate).localeCompare(String(b.governorate)));
}

/** A missing piece in words: "4 of 5 French members: one more needed". */
export function describeMissingPiece(piece: MissingPiece, locale: Locale): string {
  const words = MISSING_WORDS[locale];
  switch (piece.kind) {
    case "members":
      return words.members(piece.have, piece.need);
    case "envelope":
      return words.envelope(piece.envelopeHighUsd, piece.needsLowUsd);
    case "envelope_unknown":
      return words.envelopeUnknown;
  }
}

const MISSING_WORDS: Record<
  Locale,
  { members: (have: number, need: number) => string; envelope: (high: number, low: number) => string; envelopeUnknown: string }
> = {
  fr: {
    members: (have, need) => `${have} membres français sur ${need} : ${need - have === 1 ? "encore un nécessaire" : `encore ${need - have} nécessaires`}`,
    envelope: (high, low) => `enveloppe cumulée (au plus ${formatAmount(high, "fr")} USD) inférieure aux besoins (au moins ${formatAmount(low, "fr")} USD)`,
    envelopeUnknown: "aucun membre n'a encore fixé son enveloppe",
  },
  en: {
    members: (have, need) => `${have} of ${need} French members: ${need - have === 1 ? "one more needed" : `${need - have} more needed`}`,
    envelope: (high, low) => `combined envelope (at most ${formatAmount(high, "en")} USD) below the needs (at least ${formatAmount(low, "en")} USD)`,
    envelopeUnknown: "no member has set its envelope yet",
  },
  ar: {
    members: (have, need) => `${have} من ${need} أعضاء فرنسيين: ${need - have === 1 ? "يلزم عضو إضافي واحد" : `يلزم ${need - have} أعضاء إضافيين`}`,
    envelope: (high, low) => `المخصّصات مجتمعةً (${formatAmount(high, "ar")} دولار كحدّ أقصى) أقلّ من الاحتياجات (${formatAmount(low, "ar")} دولار على الأقل)`,
    envelopeUnknown: "لم يحدّد أيّ عضو مخصّصه بعد",
  },
};

function formatAmount(amount: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "ar" ? "ar-LB" : locale, { maximumFractionDigits: 0 }).format(amount);
}
