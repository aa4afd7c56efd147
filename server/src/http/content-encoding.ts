/**
 * Picks which of the `available` encodings to send for an `Accept-Encoding` header: the one the
 * browser rates highest (`q`), and among equals the first of `available` (the server's order,
 * best compression first). `null` when the browser accepts none of them.
 *
 * Browsers rate every encoding alike and list gzip first (Chromium sends
 * `gzip, deflate, br, zstd`); a negotiation that breaks ties by the browser's order, as
 * `req.acceptsEncodings` does, would never send the brotli copies, which are smaller.
 */
export function pickEncoding<T extends string>(header: string | undefined, available: readonly T[]): T | null {
  const ratings = parseAcceptEncoding(header ?? "");
  let best: { encoding: T; q: number } | null = null;
  for (const encoding of available) {
    const q = ratings.get(encoding) ?? ratings.get("*") ?? 0;
    if (q > 0 && (best === null || q > best.q)) best = { encoding, q };
  }
  return best?.encoding ?? null;
}

/** `gzip;q=0.5, br` → gzip 0.5, br 1 (names lower-cased; a malformed `q` counts as 0). */
function parseAcceptEncoding(header: string): Map<string, number> {
  const ratings = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...parameters] = part.split(";").map((piece) => piece.trim());
    if (name === "") continue;
    const qParameter = parameters.find((parameter) => /^q\s*=/i.test(parameter));
    const q = qParameter === undefined ? 1 : Number(qParameter.replace(/^q\s*=\s*/i, ""));
    ratings.set(name.toLowerCase(), Number.isFinite(q) && q >= 0 && q <= 1 ? q : 0);
  }
  return ratings;
}
