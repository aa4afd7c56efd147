import { inflateSync } from "node:zlib";

/** A PNG written by the server's encoder (8-bit RGB, filter "none"), read back: its size and its pixels as `rrggbb`. */
export interface DecodedPng {
  width: number;
  height: number;
  pixel: (x: number, y: number) => string;
}

export function decodePng(png: Buffer): DecodedPng {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect([png[24], png[25]]).toEqual([8, 2]); // 8 bits, RGB
  const data: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString("ascii", at + 4, at + 8) === "IDAT") data.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  expect(raw.length).toBe(height * (width * 3 + 1));
  const pixel = (x: number, y: number) => raw.subarray(y * (width * 3 + 1) + 1 + x * 3, y * (width * 3 + 1) + 4 + x * 3).toString("hex");
  return { width, height, pixel };
}
