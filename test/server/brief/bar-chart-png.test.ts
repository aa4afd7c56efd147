import { inflateSync } from "node:zlib";
import { barChartPng } from "../../../server/src/brief/bar-chart-png";

/** The PNG's size and its pixels as RGB rows, read back from its chunks. */
function decode(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => string } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const data: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString("ascii", at + 4, at + 8) === "IDAT") data.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixel = (x: number, y: number) => raw.subarray(y * (width * 3 + 1) + 1 + x * 3, y * (width * 3 + 1) + 4 + x * 3).toString("hex");
  return { width, height, pixel };
}

describe("the Word brief's bar charts", () => {
  it("draws each bar in its colour, its length its fraction of the width", () => {
    const image = decode(
      barChartPng(
        [
          { fraction: 1, colour: "#1f6fb2" },
          { fraction: 0.25, colour: "#b2371f" },
        ],
        200,
      ),
    );
    expect(image.width).toBe(200);
    expect(image.height).toBe(2 * 36 + 8);
    const middleOf = (bar: number) => 8 + bar * 36 + 14;
    expect(image.pixel(190, middleOf(0))).toBe("1f6fb2");
    expect(image.pixel(40, middleOf(1))).toBe("b2371f");
    expect(image.pixel(120, middleOf(1))).toBe("ffffff");
  });

  it("draws an empty chart, and bars outside 0–1 clamped", () => {
    expect(decode(barChartPng([], 100)).height).toBe(44);
    const image = decode(
      barChartPng(
        [
          { fraction: 7, colour: "#000000" },
          { fraction: -1, colour: "#000000" },
        ],
        100,
      ),
    );
    expect(image.pixel(93, 8 + 14)).toBe("000000");
    expect(image.pixel(20, 8 + 36 + 14)).toBe("ffffff");
  });
});
