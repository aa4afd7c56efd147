import { z } from "zod";
import { LOCALES } from "./locales";

const LabelsSchema = z.object(Object.fromEntries(LOCALES.map((locale) => [locale, z.string().trim().min(1)])) as Record<(typeof LOCALES)[number], z.ZodString>);

export const ThemeSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, "theme ids are lower-case snake_case"),
  label: LabelsSchema,
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, "colours are #RRGGBB"),
});
export type Theme = z.infer<typeof ThemeSchema>;

export const ThemeCatalogueSchema = z.object({ themes: z.array(ThemeSchema).min(1) }).superRefine((catalogue, ctx) => {
  const seen = new Set<string>();
  catalogue.themes.forEach((theme, index) => {
    if (seen.has(theme.id)) {
      ctx.addIssue({ code: "custom", path: ["themes", index, "id"], message: `duplicate theme id "${theme.id}"` });
    }
    seen.add(theme.id);
  });
});
export type ThemeCatalogue = z.infer<typeof ThemeCatalogueSchema>;
