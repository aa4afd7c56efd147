/**
 * A response's version as an HTTP entity tag: `"r<revision>"`. Server and client both build it
 * here, so the client can send `If-Match` from the revision in a reply body as well as from the
 * `ETag` header.
 */
export function responseEtag(revision: number): string {
  return `"r${revision}"`;
}

/**
 * What an `If-Match` header asks of a response (RFC 9110, section 13.1.1):
 * - `absent`: no header, no precondition;
 * - `any`: `*`, any current version will do;
 * - `revisions`: the revisions named by the header's strong tags of our `"r<n>"` form. Weak
 *   tags (`W/"…"`) and tags of another form are valid syntax that can never match under
 *   If-Match's strong comparison, so they add nothing and an empty list fails the check;
 * - `malformed`: not a list of entity tags at all.
 */
export type IfMatch = { kind: "absent" } | { kind: "any" } | { kind: "revisions"; revisions: readonly number[] } | { kind: "malformed" };

// One list element: optional weakness prefix, quoted visible characters other than `"` (commas
// included, hence a scanner rather than a split), then a comma or the end.
const LIST_ELEMENT = /[ \t]*(W\/)?"([\x21\x23-\x7e]*)"[ \t]*(?:,|$)/y;
const OUR_TAG = /^r([1-9][0-9]{0,14})$/;

export function parseIfMatch(header: string | undefined): IfMatch {
  if (header === undefined) return { kind: "absent" };
  if (header.trim() === "*") return { kind: "any" };
  if (header.trim() === "") return { kind: "malformed" };
  const revisions: number[] = [];
  LIST_ELEMENT.lastIndex = 0;
  while (LIST_ELEMENT.lastIndex < header.length) {
    const element = LIST_ELEMENT.exec(header);
    if (!element) return { kind: "malformed" };
    const ours = element[1] ? null : OUR_TAG.exec(element[2] ?? "");
    if (ours?.[1]) revisions.push(Number(ours[1]));
  }
  return { kind: "revisions", revisions };
}
