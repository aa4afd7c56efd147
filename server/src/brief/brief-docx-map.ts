import { AlignmentType, ImageRun, Paragraph, ShadingType, Table, TableCell, TableRow, WidthType, type FileChild } from "docx";
import { fillMapWords, HATCH_COLOURS, type Locale } from "@passerelle/shared";
import type { BriefMapView } from "./brief-map";
import type { AreaPaint } from "./map-png";

/** The maps' width on the page, in pixels at 96 dpi (8.5 cm): two fit an A4 page with their legends. */
const MAP_DISPLAY_WIDTH = 320;

/** What a map needs of the document it goes in: its language and how it writes a paragraph. */
export interface MapHost {
  locale: Locale;
  isRtl: boolean;
  paragraph(text: string, options?: { size?: number; bold?: boolean; italics?: boolean }): Paragraph;
}

/**
 * A map in the Word brief: its caption, the picture (named `map-<level>`, its caption as
 * alternative text), its legend as a small table whose swatches Word shades itself (the
 * hatching as diagonal stripes), then what the hatching means and the credit line. Every text is
 * a paragraph of the document's, right to left in Arabic.
 */
export function docxMap(view: BriefMapView, host: MapHost): FileChild[] {
  const height = Math.round((view.height / view.width) * MAP_DISPLAY_WIDTH);
  return [
    host.paragraph(view.caption, { bold: true }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      bidirectional: host.isRtl,
      children: [
        new ImageRun({
          type: "png",
          data: view.png,
          transformation: { width: MAP_DISPLAY_WIDTH, height },
          altText: { name: `map-${view.level}`, title: view.caption, description: view.caption },
        }),
      ],
    }),
    host.paragraph(fillMapWords(host.locale, "mapLegendTitle"), { size: 18, bold: true }),
    new Table({
      width: { size: 60, type: WidthType.PERCENTAGE },
      visuallyRightToLeft: host.isRtl,
      rows: view.legend.map(
        (entry) => new TableRow({ children: [swatch(entry.paint), new TableCell({ children: [host.paragraph(entry.label, { size: 18 })] })] }),
      ),
    }),
    ...view.notes.map((note) => host.paragraph(note, { size: 16, italics: true })),
  ];
}

function swatch(paint: AreaPaint): TableCell {
  const shading =
    paint.kind === "class"
      ? { type: ShadingType.CLEAR, fill: paint.colour.slice(1), color: "auto" }
      : paint.kind === "suppressed"
        ? { type: ShadingType.REVERSE_DIAGONAL_STRIPE, fill: HATCH_COLOURS.ground.slice(1), color: HATCH_COLOURS.stripe.slice(1) }
        : { type: ShadingType.CLEAR, fill: "FFFFFF", color: "auto" };
  return new TableCell({ width: { size: 500, type: WidthType.DXA }, shading, children: [new Paragraph({})] });
}
