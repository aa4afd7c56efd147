import { encodePng, rgbOf } from "./png-encoder";

/** A point in pixels, x to the right and y downwards. */
export type Point = readonly [number, number];

/** How a shape is painted: one colour, or diagonal stripes over a ground (the "too few to show" hatching). */
export type Paint = { colour: string } | { ground: string; stripe: string; period: number; width: number };

/**
 * A white RGB picture that polygons are filled into and lines drawn on, then written as a PNG.
 * Small on purpose: what the Word brief's maps need (filled areas, hatching, borders) and no
 * more. Drawn at a multiple of the final size and shrunk by `toPng`, which smooths the edges.
 */
export class Raster {
  private readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3).fill(0xff);
  }

  /**
   * Fills the inside of `rings` by the even-odd rule, so a polygon's holes stay empty: a pixel
   * is inside when its centre is.
   */
  fillPolygon(rings: readonly (readonly Point[])[], paint: Paint): void {
    // Edges as flat numbers (x0, y0, x1, y1), read in the hot loop without iterators.
    const edges = new Float64Array(rings.reduce((total, ring) => total + ring.length * 4, 0));
    let edgeCount = 0;
    for (const ring of rings) {
      ring.forEach(([x0, y0], index) => {
        const [x1, y1] = ring[(index + 1) % ring.length]!;
        edges.set([x0, y0, x1, y1], edgeCount * 4);
        edgeCount += 1;
      });
    }
    const ys = rings.flat().map(([, y]) => y);
    const top = Math.max(0, Math.floor(Math.min(...ys)));
    const bottom = Math.min(this.height - 1, Math.ceil(Math.max(...ys)));
    const [ground, stripe, period, width] =
      "colour" in paint ? [rgbOf(paint.colour), rgbOf(paint.colour), 1, 0] : [rgbOf(paint.ground), rgbOf(paint.stripe), paint.period, paint.width];
    const crossings = new Float64Array(edgeCount);
    for (let y = top; y <= bottom; y += 1) {
      const centre = y + 0.5;
      let count = 0;
      for (let at = 0; at < edgeCount * 4; at += 4) {
        const y0 = edges[at + 1]!;
        const y1 = edges[at + 3]!;
        // Half-open in y, so a vertex on the scanline is counted once.
        if (y0 <= centre !== y1 <= centre) {
          const x0 = edges[at]!;
          crossings[count++] = x0 + ((centre - y0) / (y1 - y0)) * (edges[at + 2]! - x0);
        }
      }
      const sorted = crossings.subarray(0, count).sort();
      for (let index = 0; index + 1 < count; index += 2) {
        const from = Math.max(0, Math.ceil(sorted[index]! - 0.5));
        const to = Math.min(this.width - 1, Math.floor(sorted[index + 1]! - 0.5));
        // Stripes rise to the right at 45°, like the hatching of the maps on screen.
        for (let x = from, at = (y * this.width + from) * 3; x <= to; x += 1, at += 3) {
          const [r, g, b] = (x + y) % period < width ? stripe : ground;
          this.pixels[at] = r;
          this.pixels[at + 1] = g;
          this.pixels[at + 2] = b;
        }
      }
    }
  }

  /** A line `thickness` pixels wide, drawn as squares stepped along it. */
  drawLine(from: Point, to: Point, colour: string, thickness: number): void {
    const rgb = rgbOf(colour);
    const steps = Math.max(1, Math.ceil(Math.hypot(to[0] - from[0], to[1] - from[1])));
    const half = thickness / 2;
    for (let step = 0; step <= steps; step += 1) {
      const x = from[0] + ((to[0] - from[0]) * step) / steps;
      const y = from[1] + ((to[1] - from[1]) * step) / steps;
      for (let py = Math.round(y - half); py < Math.round(y + half); py += 1) {
        for (let px = Math.round(x - half); px < Math.round(x + half); px += 1) this.set(px, py, rgb);
      }
    }
  }

  /** The picture shrunk by `factor` (each final pixel the mean of a factor × factor block), as a PNG. */
  toPng(factor = 1): Buffer {
    const width = Math.floor(this.width / factor);
    const height = Math.floor(this.height / factor);
    const stride = width * 3 + 1;
    const scanlines = Buffer.alloc(height * stride);
    const [source, sourceRow, area] = [this.pixels, this.width * 3, factor * factor];
    for (let y = 0; y < height; y += 1) {
      scanlines[y * stride] = 0; // filter type "none"
      const firstRow = y * factor * sourceRow;
      for (let x = 0; x < width; x += 1) {
        const column = x * factor * 3;
        for (let channel = 0; channel < 3; channel += 1) {
          let sum = 0;
          for (let row = firstRow; row < firstRow + factor * sourceRow; row += sourceRow) {
            for (let at = row + column + channel; at < row + column + factor * 3; at += 3) sum += source[at]!;
          }
          scanlines[y * stride + 1 + x * 3 + channel] = (sum + (area >> 1)) / area;
        }
      }
    }
    return encodePng(width, height, scanlines);
  }

  private set(x: number, y: number, [r, g, b]: readonly [number, number, number]): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const at = (y * this.width + x) * 3;
    this.pixels[at] = r;
    this.pixels[at + 1] = g;
    this.pixels[at + 2] = b;
  }
}
