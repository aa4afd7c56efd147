import { z } from "zod";
import { LOCALES, isJsonObject, type ExportOptions } from "@passerelle/shared";
import { parseQuery } from "../http/validation-details";

const ExportOptionsSchema = z.strictObject({
  header: z.enum(["names", "labels"]).default("names"),
  values: z.enum(["codes", "labels"]).default("codes"),
  lang: z.enum(LOCALES).default("fr"),
});

const CsvOptionsSchema = ExportOptionsSchema.extend({
  delimiter: z.enum([",", ";"]).default(","),
  bom: z.enum(["true", "false"]).default("true"),
  repeat: z.string().min(1).optional(),
});

export interface CsvOptions extends ExportOptions {
  delimiter: "," | ";";
  /** A UTF-8 byte-order mark, so Excel reads Arabic and accents correctly. */
  bom: boolean;
  /** The repeat table to download (`sites`) rather than the responses' own table. */
  repeat?: string;
}

/**
 * Splits a CSV export's query into its options (checked here) and the analytics filters
 * (checked by the analytics filter parser), so both share the same parameters and errors.
 */
export function parseCsvOptions(query: unknown): { options: CsvOptions; filterQuery: Record<string, unknown> } {
  const { options, filterQuery } = splitQuery(CsvOptionsSchema, query);
  const { delimiter, bom, header, values, lang, repeat } = options;
  return { options: { delimiter, bom: bom === "true", header, values, locale: lang, ...(repeat === undefined ? {} : { repeat }) }, filterQuery };
}

/**
 * The same for a workbook: a workbook has no delimiter or byte-order mark, so those parameters
 * fall to the filter parser, which refuses them as unknown.
 */
export function parseWorkbookOptions(query: unknown): { options: ExportOptions; filterQuery: Record<string, unknown> } {
  const { options, filterQuery } = splitQuery(ExportOptionsSchema, query);
  return { options: { header: options.header, values: options.values, locale: options.lang }, filterQuery };
}

function splitQuery<Schema extends z.ZodObject>(schema: Schema, query: unknown): { options: z.output<Schema>; filterQuery: Record<string, unknown> } {
  const keys = new Set(Object.keys(schema.shape));
  const entries = isJsonObject(query) ? Object.entries(query) : [];
  const options = parseQuery(schema, Object.fromEntries(entries.filter(([key]) => keys.has(key))), "The export options are not valid.");
  return { options, filterQuery: Object.fromEntries(entries.filter(([key]) => !keys.has(key))) };
}
