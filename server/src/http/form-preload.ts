import fs from "node:fs";
import path from "node:path";

/**
 * The addresses whose page is the form (a questionnaire opened, an invitation, a response resumed
 * or its receipt): the app's `respond`, `invitation` and `receipt` routes (`client/src/app/routes.ts`).
 * The home page is left out on purpose: it shows the list first and fetches the form's code after.
 */
const FORM_PAGE = /^\/surveys\/[^/]+(\/invitation|\/responses\/[^/]+(\/receipt)?)?\/?$/;

export function isFormPage(pathname: string): boolean {
  return FORM_PAGE.test(pathname);
}

interface RespondentFiles {
  form: { scripts: string[]; styles: string[] };
}

/**
 * The `<link>` tags that announce the form's own files (listed by the build in
 * `respondent-files.json`), so that on a weak line they download beside the app's first chunk
 * instead of one round trip after it. Empty when the build wrote no list.
 */
export function formPreloadTags(clientDir: string): string {
  const listFile = path.join(clientDir, "respondent-files.json");
  let form: RespondentFiles["form"];
  try {
    ({ form } = JSON.parse(fs.readFileSync(listFile, "utf8")) as RespondentFiles);
    if (!Array.isArray(form.scripts) || !Array.isArray(form.styles)) return "";
  } catch {
    // No list (a build without it) or an unreadable one: the page still works, one round trip slower.
    return "";
  }
  const href = (file: string) => `/${file.split("/").map(encodeURIComponent).join("/")}`;
  return [
    ...form.styles.map((file) => `<link rel="preload" as="style" crossorigin href="${href(file)}">`),
    ...form.scripts.map((file) => `<link rel="modulepreload" crossorigin href="${href(file)}">`),
  ].join("");
}

/** index.html with the form's files announced at the end of its head. */
export function withFormPreload(indexHtml: string, tags: string): string {
  if (tags === "" || !indexHtml.includes("</head>")) return indexHtml;
  return indexHtml.replace("</head>", `${tags}</head>`);
}
