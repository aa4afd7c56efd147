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
    const edges = rings.flatMap((ring) => ring.map((from, index) => [from, ring[(index + 1) % ring.length]!] as const));
    const top = Math.max(0, Math.floor(Math.min(...edges.map(([from]) => from[1]))));
    const bottom = Math.min(this.height - 1, Math.ceil(Math.max(...edges.map(([from]) => from[1]))));
    const colourAt = painter(paint);
    for (let y = top; y <= bottom; y += 1) {
      const centre = y + 0.5;
      const crossings: number[] = [];
      for (const [[x0, y0], [x1, y1]] of edges) {
        // Half-open in y, so a vertex on the scanline is counted once.
        if (y0 <= centre !== y1 <= centre) crossings.push(x0 + ((centre - y0) / (y1 - y0)) * (x1 - x0));
      }
      crossings.sort((a, b) => a - b);
      for (let index = 0; index + 1 < crossings.length; index += 2) {
        const from = Math.max(0, Math.ceil(crossings[index]! - 0.5));
        const to = Math.min(this.width - 1, Math.floor(crossings[index + 1]! - 0.5));
        for (let x = from; x <= to; x += 1) this.set(x, y, colourAt(x, y));
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
    for (let y = 0; y < height; y += 1) {
      scanlines[y * stride] = 0; // filter type "none"
      for (let x = 0; x < width; x += 1) {
        for (let channel = 0; channel < 3; channel += 1) {
          let sum = 0;
          for (let dy = 0; dy < factor; dy += 1) {
            for (let dx = 0; dx < factor; dx += 1) sum += this.pixels[((y * factor + dy) * this.width + x * factor + dx) * 3 + channel]!;
          }
          scanlines[y * stride + 1 + x * 3 + channel] = Math.round(sum / (factor * factor));
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

// Stripes rise to the right at 45°, like the hatching of the maps on screen.
function painter(paint: Paint): (x: number, y: number) => readonly [number, number, number] {
  if ("colour" in paint) {
    const rgb = rgbOf(paint.colour);
    return () => rgb;
  }
  const ground = rgbOf(paint.ground);
  const stripe = rgbOf(paint.stripe);
  return (x, y) => ((x + y) % paint.period < paint.width ? stripe : ground);
}
