import type { ResourceLimits } from "node:worker_threads";

/**
 * The heap an export thread may use, from the largest response the server accepts.
 *
 * Left to itself, V8 lets an export thread's heap fill with the garbage of thousands of pages
 * before it collects (some 160 MB over an export of 100,000 responses, more at a million), all of
 * it resident memory of the process. A cap on the old generation makes it collect sooner, at the
 * same speed. A cap is only safe if what a thread holds at once is bounded, whatever the
 * responses: the code and the export's layout, a page of the store's stream (bounded by bytes
 * as well as by rows, so one page holds at most a page's budget plus one response), the response
 * being written with its cells and line, and the chunk being gathered. All but the fixed part
 * grow with the largest response, which the request body limit bounds (a response's answers
 * come in one body, nothing is appended to them later). A response larger than that (stored
 * under a higher limit since lowered) may still not fit: its export fails alone, and the
 * thread is replaced (csv-export-pool.ts).
 */
export function exportThreadResourceLimits(largestResponseBytes: number): ResourceLimits {
  const responseMb = largestResponseBytes / 2 ** 20;
  // The young generation keeps V8's size: a smaller one saved a few tens of MB at a million
  // responses, but its more frequent collections cost the export 7 % (16 MB) to 18 % (6 MB).
  return { maxOldGenerationSizeMb: Math.max(MIN_OLD_GENERATION_MB, Math.ceil(FIXED_MB + RESPONSE_COPIES * responseMb)) };
}

// The code, the survey engine and the store connection of a thread (about 60 MB), the export's
// layout, a page of the stream at its byte budget and a chunk, with room to spare.
const FIXED_MB = 192;
// What one response costs while it is written, in multiples of its answers' JSON: the text of
// its page row (twice as many bytes when it holds characters beyond Latin-1), its parsed answers
// (up to 21 times their JSON, measured for an array of empty objects; text and numbers 1 to 4),
// its cells and line (quotes doubled, XML escapes up to six characters for one), the chunk it
// joins and that chunk flattened.
const RESPONSE_COPIES = 32;
// The least cap: the export's fixed part with room to spare; lower caps bring little (the
// growth at a million responses was the same with 128 MB) and leave less room for a large response.
const MIN_OLD_GENERATION_MB = 256;

/**
 * The longest answers (characters of their JSON) a thread under these limits reads: the part of
 * the cap beyond the fixed part, for a response's copies. The store refuses a longer one before
 * parsing it, failing the export with a clear error, rather than let one parse outgrow the cap
 * (V8 cannot always end a thread cleanly in the middle of one large allocation: the whole
 * process would abort). Undefined without a cap.
 */
export function largestAnswersWithin(limits: ResourceLimits): number | undefined {
  const cap = limits.maxOldGenerationSizeMb;
  if (cap === undefined) return undefined;
  return Math.floor((Math.max(0, cap - FIXED_MB) / RESPONSE_COPIES) * 2 ** 20);
}

/**
 * The bytes of a size as the server's configuration writes it (`512kb`, `1mb`, `2000b`), counted
 * as the JSON body parser counts its limit (1 kb = 1,024 bytes).
 */
export function sizeInBytes(size: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(size.trim());
  if (!match) throw new Error(`not a size: ${size}`);
  const unit = { b: 1, kb: 2 ** 10, mb: 2 ** 20 }[(match[2] as string).toLowerCase() as "b" | "kb" | "mb"];
  return Number(match[1]) * unit;
}
