import { encodePng, rgbOf } from "./png-encoder";

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
