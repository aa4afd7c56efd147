import { isJsonObject } from "./walk-definition";

/** Where a questionnaire points outside the server: what, at which origin, for which question. */
export interface OutsideReference {
  origin: string;
  /** `choicesByUrl` (a list fetched by the form), `image` (a picture), `media` (a video, a frame). */
  use: "choicesByUrl" | "image" | "media";
  question: string;
}

// Attributes of HTML content that make the browser fetch something.
const HTML_SOURCES = /\b(src|poster|data)\s*=\s*["']?(https?:\/\/[^"'\s>]+)/gi;
const MEDIA_TAGS = /<(iframe|video|audio|source|embed|object)\b[^>]*\b(?:src|data)\s*=\s*["']?(https?:\/\/[^"'\s>]+)/gi;

/**
 * The outside origins a questionnaire makes the browser reach: lists of choices loaded from a
 * web service, images of image and image-picker questions, pictures and videos in HTML texts.
 * The content-security policy blocks every one of them unless it is allowed
 * (`CSP_EXTRA_ORIGINS`). Reads the JSON only; relative addresses are the server's own.
 */
export function findOutsideReferences(definition: Record<string, unknown>): OutsideReference[] {
  const found: OutsideReference[] = [];
  const add = (url: unknown, use: OutsideReference["use"], question: string) => {
    const origin = originOf(url);
    if (origin && !found.some((known) => known.origin === origin && known.use === use && known.question === question)) found.push({ origin, use, question });
  };
  const visit = (node: unknown, question: string, depth: number) => {
    if (depth > 64) return;
    if (Array.isArray(node)) return node.forEach((item) => visit(item, question, depth + 1));
    if (!isJsonObject(node)) return;
    const owner = typeof node.name === "string" && typeof node.type === "string" ? node.name : question;
    if (isJsonObject(node.choicesByUrl)) add(node.choicesByUrl.url, "choicesByUrl", owner);
    if (typeof node.imageLink === "string") add(node.imageLink, node.contentMode === "video" || node.contentMode === "youtube" ? "media" : "image", owner);
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === "string" && (key === "html" || key === "completedHtml" || key === "text" || key === "title" || key === "description")) {
        for (const match of value.matchAll(MEDIA_TAGS)) add(match[2], "media", owner);
        for (const match of value.matchAll(HTML_SOURCES)) if (!isMediaMatch(value, match[2])) add(match[2], "image", owner);
      } else if (typeof value === "object") visit(value, owner, depth + 1);
    }
  };
  visit(definition, "(questionnaire)", 0);
  return found;
}

function isMediaMatch(html: string, url: string | undefined): boolean {
  return [...html.matchAll(MEDIA_TAGS)].some((match) => match[2] === url);
}

/** `https://example.org:8443/path` → `https://example.org:8443`; undefined for anything not an http(s) address. */
export function originOf(url: unknown): string | undefined {
  if (typeof url !== "string" || !/^https?:\/\//i.test(url.trim())) return undefined;
  try {
    return new URL(url.trim()).origin;
  } catch {
    return undefined;
  }
}
