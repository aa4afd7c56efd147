import { parseIfMatch, responseEtag } from "@passerelle/shared";

test("a response's ETag is its revision, quoted", () => {
  expect(responseEtag(1)).toBe('"r1"');
  expect(responseEtag(42)).toBe('"r42"');
});

test.each([
  [undefined, { kind: "absent" }],
  ["*", { kind: "any" }],
  [" * ", { kind: "any" }],
  ['"r3"', { kind: "revisions", revisions: [3] }],
  ['"r3", "r4"', { kind: "revisions", revisions: [3, 4] }],
  ['"r3",\t"r4",', { kind: "revisions", revisions: [3, 4] }],
  // Valid entity tags that can never match ours: a weak tag, another form, a comma inside quotes.
  ['W/"r3"', { kind: "revisions", revisions: [] }],
  ['"abc", "r5"', { kind: "revisions", revisions: [5] }],
  ['"r0"', { kind: "revisions", revisions: [] }],
  ['"r3,r4"', { kind: "revisions", revisions: [] }],
  ["", { kind: "malformed" }],
  ["r3", { kind: "malformed" }],
  ["3", { kind: "malformed" }],
  ['"r3" "r4"', { kind: "malformed" }],
  ['"r3",,"r4"', { kind: "malformed" }],
  ['"r3', { kind: "malformed" }],
  ['*, "r3"', { kind: "malformed" }],
  ['"r\u00e93"', { kind: "malformed" }],
])("If-Match %p reads as %p", (header, expected) => {
  expect(parseIfMatch(header)).toEqual(expected);
});
