import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * helmet's headers with a content-security policy the app works under: scripts only from our
 * own origin (Vite emits no inline script), styles from our origin plus inline style attributes
 * (SurveyJS and React set element styles), images from our origin and data URLs (SurveyJS's
 * icons), no framing. No `upgrade-insecure-requests`: a server reached over plain HTTP on a
 * local network must keep working; HTTPS is the proxy's job (see docs/operations.md).
 *
 * `extraOrigins` (`CSP_EXTRA_ORIGINS`) are the outside origins questionnaires point to: the web
 * services their `choicesByUrl` lists are fetched from, their images and embedded videos. They
 * are allowed for exactly those uses (fetches, images, media, frames), never for scripts.
 */
export function securityHeaders(extraOrigins: readonly string[] = []): RequestHandler {
  const extra = [...extraOrigins];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:", ...extra],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'", ...extra],
        mediaSrc: ["'self'", ...extra],
        frameSrc: ["'self'", ...extra],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Cross-origin isolation would break nothing here, but neither does it protect anything.
    crossOriginEmbedderPolicy: false,
  });
}
