import { Delta, readDelta } from "./compiled-fold";
import { breakdownGroupKeys } from "./fold";
import type { QuestionShape, QuestionnaireShape } from "./questionnaire-shape";
import { FOLD_CODE_VERSION, layoutOf } from "./summary-cells";

/**
 * The form of the bytes below. Bump it with any change to how a delta is written or read, so
 * that encodings written before are folded from their answers instead.
 */
export const DELTA_FORM = 1;

/**
 * What one response adds to the figures of its groups, worked out when it is saved and kept
 * beside its answers, so that a fold from scratch adds it without parsing the answers or
 * reading them again: the delta of the compiled fold (`readDelta`) and the breakdown groups
 * the response counts in, as bytes. `stamp` says what it was encoded under; an encoding whose
 * stamp is not the one `deltaStampOf` gives now is never read.
 */
export interface EncodedDelta {
  stamp: string;
  bytes: Uint8Array;
  /**
   * A hash of the answers' JSON it was encoded from, checked by a store before it writes the
   * encoding beside answers (`isEncodingOf`); a store reads encodings back without it.
   */
  answersHash?: string;
}

// Little-endian on every platform Node and the browsers run on today; said in the stamp all the
// same, so bytes written on one byte order are never read on the other.
const BYTE_ORDER = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? "le" : "be";

// The header: counts of ones, of amount pairs, of number triples, then the byte lengths of
// the group keys' and the fallbacks' JSON, then padding so the numbers start 8-aligned.
const HEADER_WORDS = 6;
const HEADER_BYTES = 4 * HEADER_WORDS;

const fingerprints = new WeakMap<QuestionnaireShape, string>();

/**
 * The stamp of an encoding against a version's shape: the fold's code and this form, the
 * questionnaire version, and a fingerprint of the shape (a version the store does not hold is
 * read with another version's shape) and of its layout (whose slots the encoding names).
 */
export function deltaStampOf(version: string, shape: QuestionnaireShape): string {
  let fingerprint = fingerprints.get(shape);
  if (fingerprint === undefined) {
    // The layout too: slots an encoding names move with any change to how layouts are laid out.
    fingerprint = hashOf(
      JSON.stringify([shape, layoutOf(shape)], (_key, value: unknown) =>
        value instanceof Map || ArrayBuffer.isView(value) ? [...(value as Iterable<unknown>)] : value,
      ),
    );
    fingerprints.set(shape, fingerprint);
  }
  return `${FOLD_CODE_VERSION}.${DELTA_FORM}${BYTE_ORDER}:${version}:${fingerprint}`;
}

/**
 * Encodes what a response's answers add to each of its groups against its version's shape.
 * The answers are read as the store's JSON keeps them (a -0 is 0 there), so the encoding and a
 * fold of the stored answers count alike.
 */
export function encodeDelta(version: string, shape: QuestionnaireShape, answers: Record<string, unknown>): EncodedDelta {
  const json = JSON.stringify(answers);
  const stored = JSON.parse(json) as Record<string, unknown>;
  const delta = new Delta();
  readDelta(shape, stored, delta);
  const encoder = new TextEncoder();
  const groupKeys = encoder.encode(JSON.stringify(breakdownGroupKeys(shape, stored)));
  const fallbacks =
    delta.fallbacks.length > 0 ? encoder.encode(JSON.stringify(delta.fallbacks.map(([question, value]) => [question.name, value]))) : new Uint8Array(0);
  const triples = delta.numbers.length / 3;
  const words = delta.ones.length + delta.amounts.length + 2 * triples;
  // A multiple of 8 bytes, so that encodings read back joined end to end each start aligned.
  const length = HEADER_BYTES + 8 * triples + 4 * words + groupKeys.length + fallbacks.length;
  const bytes = new Uint8Array(Math.ceil(length / 8) * 8);
  new Uint32Array(bytes.buffer, 0, HEADER_WORDS).set([delta.ones.length, delta.amounts.length / 2, triples, groupKeys.length, fallbacks.length, 0]);
  const values = new Float64Array(bytes.buffer, HEADER_BYTES, triples);
  const slots = new Int32Array(bytes.buffer, HEADER_BYTES + 8 * triples, words);
  slots.set(delta.ones, 0);
  slots.set(delta.amounts, delta.ones.length);
  for (let index = 0, at = delta.ones.length + delta.amounts.length; index < triples; index += 1, at += 2) {
    slots[at] = delta.numbers[3 * index] as number;
    slots[at + 1] = delta.numbers[3 * index + 1] as number;
    values[index] = delta.numbers[3 * index + 2] as number;
  }
  const textAt = HEADER_BYTES + 8 * triples + 4 * words;
  bytes.set(groupKeys, textAt);
  bytes.set(fallbacks, textAt + groupKeys.length);
  return { stamp: deltaStampOf(version, shape), bytes, answersHash: hashOf(json) };
}

/**
 * Whether the encoding was made for this version and from these answers (given as the JSON
 * text a store writes): what a store checks before writing it beside them.
 */
export function isEncodingOf(encoded: EncodedDelta, response: { version: string; answers: string }): boolean {
  const { stamp, answersHash } = encoded;
  const version = stamp.slice(stamp.indexOf(":") + 1, stamp.lastIndexOf(":"));
  return version === response.version && answersHash !== undefined && answersHash === hashOf(response.answers);
}

/**
 * Reads encoded deltas back into a `Delta`, for `CompiledFold.addDelta`. One decoder per fold:
 * it keeps a scratch buffer for bytes the driver did not align, and the group keys it has
 * read, which few responses differ in.
 */
export class DeltaDecoder {
  private scratch = new ArrayBuffer(1024);
  // Views over the whole buffer the last bytes sat in: a page of a store's encodings shares
  // one, so the views are made once a page, not three times a response.
  private views: { buffer: ArrayBufferLike; words: Int32Array; numbers: Float64Array } | undefined;
  private readonly text = new TextDecoder();
  private readonly groupKeys = new Map<number, { words: Int32Array; tail: number; length: number; keys: readonly string[] }>();
  private readonly questionsOf = new WeakMap<QuestionnaireShape, Map<string, QuestionShape>>();

  /**
   * Fills `delta` with what the bytes encode against `shape`; returns the groups it counts in.
   * The delta reads the bytes in place: apply it before the next decode, and before the bytes
   * change.
   */
  decode(encoded: Uint8Array, shape: QuestionnaireShape, delta: Delta): readonly string[] {
    const bytes = this.aligned(encoded);
    const { words, numbers } = this.viewsOf(bytes.buffer);
    const start = bytes.byteOffset / 4;
    const ones = words[start] as number;
    const pairs = words[start + 1] as number;
    const triples = words[start + 2] as number;
    const keysLength = words[start + 3] as number;
    const fallbacksLength = words[start + 4] as number;
    const valuesAt = (bytes.byteOffset + HEADER_BYTES) / 8;
    const slotsAt = start + HEADER_WORDS + 2 * triples;
    delta.readEncoded(words, numbers, { ones, pairs, triples, slotsAt, valuesAt });
    const at = slotsAt + ones + 2 * pairs + 2 * triples;
    const textAt = 4 * (at - start);
    const groupKeys = this.groupKeysAt(words, at, bytes, textAt, keysLength);
    if (fallbacksLength > 0) this.readFallbacks(bytes.subarray(textAt + keysLength, textAt + keysLength + fallbacksLength), shape, delta);
    return groupKeys;
  }

  // The group keys' JSON, read once for each combination of groups: known again by a hash of
  // its words, then by the words themselves (a text decoded and looked up costs more per
  // response). `at` is where the text starts in `words` (the encoding keeps it aligned).
  private groupKeysAt(words: Int32Array, at: number, bytes: Uint8Array, textAt: number, length: number): readonly string[] {
    const whole = length >> 2;
    let hash = length;
    for (let index = at; index < at + whole; index += 1) hash = Math.imul(hash ^ (words[index] as number), 0x01000193);
    // The last bytes alone: the word they sit in may hold the fallbacks' first ones.
    let tail = 0;
    for (let index = 4 * whole; index < length; index += 1) tail = (tail << 8) | (bytes[textAt + index] as number);
    hash = Math.imul(hash ^ tail, 0x01000193);
    const known = this.groupKeys.get(hash);
    if (known && known.length === length && known.tail === tail && isSameWords(known.words, words, at)) return known.keys;
    const keys = JSON.parse(this.text.decode(bytes.subarray(textAt, textAt + length))) as string[];
    this.groupKeys.set(hash, { words: words.slice(at, at + whole), tail, length, keys });
    return keys;
  }

  // Questions the layout cannot take, kept as their answers' JSON and counted by their accumulators.
  private readFallbacks(bytes: Uint8Array, shape: QuestionnaireShape, delta: Delta): void {
    let questions = this.questionsOf.get(shape);
    if (!questions) {
      questions = new Map(shape.questions.map((question) => [question.name, question]));
      this.questionsOf.set(shape, questions);
    }
    for (const [name, value] of JSON.parse(this.text.decode(bytes)) as [string, unknown][]) {
      const question = questions.get(name);
      if (question) delta.fallbacks.push([question, value]);
    }
  }

  private viewsOf(buffer: ArrayBufferLike): { words: Int32Array; numbers: Float64Array } {
    if (this.views?.buffer !== buffer) {
      this.views = { buffer, words: new Int32Array(buffer, 0, buffer.byteLength >> 2), numbers: new Float64Array(buffer, 0, buffer.byteLength >> 3) };
    }
    return this.views;
  }

  // Typed arrays need their elements aligned: bytes that are not are copied into the scratch buffer.
  private aligned(bytes: Uint8Array): Uint8Array {
    if (bytes.byteOffset % 8 === 0) return bytes;
    if (this.scratch.byteLength < bytes.length) this.scratch = new ArrayBuffer(2 * bytes.length);
    const copy = new Uint8Array(this.scratch, 0, bytes.length);
    copy.set(bytes);
    return copy;
  }
}

// Whether `words` from `at` begin with every word of `known`.
function isSameWords(known: Int32Array, words: Int32Array, at: number): boolean {
  for (let index = 0; index < known.length; index += 1) if (known[index] !== words[at + index]) return false;
  return true;
}

// cyrb53: a 53-bit string hash, enough to tell two shapes of one version, or two answers, apart.
function hashOf(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
