import { canonicalJson } from "@passerelle/shared";

test.each([
  [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
  [[3, { d: null, c: "é" }], '[3,{"c":"é","d":null}]'],
  [JSON.parse('{"__proto__": {"x": 1}}'), '{"__proto__":{"x":1}}'],
  ["text", '"text"'],
])("canonical JSON of %p is %s", (value, expected) => {
  expect(canonicalJson(value)).toBe(expected);
});
