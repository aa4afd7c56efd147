import type { Locale } from "@passerelle/shared";
import { fillPlaceholders, MESSAGES, type MessageKey, type Translate } from "./messages";

/**
 * A lazily loaded feature's own words in the three languages. Kept in the feature's folder and
 * imported only by its modules, they travel in the feature's chunk, not in the entry chunk that
 * every respondent downloads. Made by `defineMessages`; read with `useMessages` (components) or
 * `translatorFor` (pure builders).
 */
export type FeatureMessages<K extends string> = Readonly<Record<Locale, Words<K>>>;

/** Every key a feature's `t` reads: the feature's own and the shared ones (`MessageKey`). */
export type FeatureKey<M> = M extends FeatureMessages<infer K> ? K | MessageKey : never;

type Words<K extends string> = Readonly<Record<K, string>>;

/** Exactly the keys `K`: a missing key fails as a missing property, an extra one as `never`. */
type ExactlyKeys<K extends string, T> = Words<K> & { readonly [P in Exclude<keyof T, K>]: never };

/**
 * A feature's dictionary. As with the shared one, French is the reference: its keys define the
 * feature's keys, and Arabic and English must have exactly the same (checked even when the three
 * are declared apart and passed by name). A French key that is already a shared key is refused
 * too: it would hide the shared message from the feature without anybody noticing.
 */
export function defineMessages<K extends string, Ar, En>(messages: {
  fr: Words<K> & { readonly [P in NoInfer<K> & MessageKey]: never };
  ar: Ar & ExactlyKeys<NoInfer<K>, Ar>;
  en: En & ExactlyKeys<NoInfer<K>, En>;
}): FeatureMessages<K> {
  return messages;
}

/**
 * `t` in `locale` for a feature: its own words and the shared ones, placeholders filled as by
 * `translate`. Pure, for builders that run outside React (the dashboard's charts).
 */
export function translatorFor<K extends string>(messages: FeatureMessages<K>, locale: Locale): Translate<K | MessageKey> {
  const words: Readonly<Record<K | MessageKey, string>> = { ...MESSAGES[locale], ...messages[locale] };
  return (key, values) => fillPlaceholders(words[key], values);
}
