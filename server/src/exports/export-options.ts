import { z } from "zod";
import { LOCALES, isJsonObject, type ExportOptions } from "@passerelle/shared";
import { AppError } from "../http/app-error";

const CsvOptionsSchema = z.strictObject({
  delimiter: z.enum([",", ";"]).default(","),
  bom: z.enum(["true", "false"]).default("true"),
  header: z.enum(["names", "labels"]).default("names"),
  values: z.enum(["codes", "labels"]).default("codes"),
  lang: z.enum(LOCALES).default("fr"),
});

export interface CsvOptions extends ExportOptions {
  delimiter: "," | ";";
  /** A UTF-8 byte-order mark, so Excel reads Arabic and accents correctly. */
  bom: boolean;
}

const OPTION_KEYS = new Set(Object.keys(CsvOptionsSchema.shape));

/**
 * Splits an export's query into its CSV options (checked here) and the analytics filters
 * (checked by the analytics filter parser), so both share the same parameters and errors.
 */
export function parseCsvOptions(query: unknown): { options: CsvOptions; filterQuery: Record<string, unknown> } {
  const entries = isJsonObject(query) ? Object.entries(query) : [];
  const parsed = CsvOptionsSchema.safeParse(Object.fromEntries(entries.filter(([key]) => OPTION_KEYS.has(key))));
  if (!parsed.success) {
    throw new AppError(
      "invalid_request",
      "The export options are not valid.",
      parsed.error.issues.map((issue) => ({ question: issue.path.map(String).join(".") || "(query)", message: issue.message })),
    );
  }
  const { delimiter, bom, header, values, lang } = parsed.data;
  return {
    options: { delimiter, bom: bom === "true", header, values, locale: lang },
    filterQuery: Object.fromEntries(entries.filter(([key]) => !OPTION_KEYS.has(key))),
  };
}
