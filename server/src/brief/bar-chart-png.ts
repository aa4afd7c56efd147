import { deflateSync } from "node:zlib";

export interface Bar {
  /** 0 to 1 of the chart's width. */
  fraction: number;
  /** `#rrggbb`. */
  colour: string;
}

const ROW = 28;
const GAP = 8;
const MARGIN = 6;

/**
 * A horizontal bar chart as a PNG, drawn pixel by pixel: the Word brief's charts, made on the
 * server so that a viewer's download needs no browser canvas and no native drawing library.
 * Labels and figures go in the table beside it, where Word can lay out Arabic and French text.
 */
export function barChartPng(bars: readonly Bar[], width = 480): Buffer {
  const height = Math.max(1, bars.length) * (ROW + GAP) + GAP;
  const pixels = Buffer.alloc(height * (width * 3 + 1), 0xff);
  const paint = (x0: number, y0: number, x1: number, y1: number, [r, g, b]: [number, number, number]) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y1); y += 1) {
      const row = y * (width * 3 + 1);
      pixels[row] = 0; // PNG filter type "none" for each scanline
      for (let x = Math.max(0, x0); x < Math.min(width, x1); x += 1) {
        pixels[row + 1 + x * 3] = r;
        pixels[row + 2 + x * 3] = g;
        pixels[row + 3 + x * 3] = b;
      }
    }
  };
  for (let y = 0; y < height; y += 1) pixels[y * (width * 3 + 1)] = 0;
  paint(MARGIN, 0, MARGIN + 1, height, [0x99, 0x99, 0x99]);
  bars.forEach((bar, index) => {
    const top = GAP + index * (ROW + GAP);
    const length = Math.round(Math.min(1, Math.max(0, bar.fraction)) * (width - 2 * MARGIN));
    paint(MARGIN + 1, top, MARGIN + 1 + length, top + ROW, rgbOf(bar.colour));
  });
  return encodePng(width, height, pixels);
}

function rgbOf(colour: string): [number, number, number] {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  return match ? [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)] : [0x33, 0x66, 0x99];
}

function encodePng(width: number, height: number, scanlines: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(scanlines)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
