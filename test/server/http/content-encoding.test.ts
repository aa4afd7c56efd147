import { pickEncoding } from "../../../server/src/http/content-encoding";

const COPIES = ["br", "gzip"] as const;

test.each([
  ["gzip, deflate, br, zstd", "br"],
  ["br, gzip", "br"],
  ["gzip", "gzip"],
  ["GZIP", "gzip"],
  ["gzip;q=0.8, br;q=0.2", "gzip"],
  ["gzip;q=0.5, br;q=0.5", "br"],
  ["br;q=0, gzip", "gzip"],
  ["*", "br"],
  ["*;q=0.1, gzip", "gzip"],
  ["br;q=0, *", "gzip"],
  ["identity", null],
  ["gzip;q=0", null],
  ["br;q=abc, gzip;q=2", null],
  ["", null],
  [undefined, null],
  [" br ; q = 0.9 , gzip ; q=0.3", "br"],
] as const)("for Accept-Encoding %j sends %s", (header, expected) => {
  expect(pickEncoding(header, COPIES)).toBe(expected);
});
