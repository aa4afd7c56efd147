import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * helmet's headers with a content-security policy the app works under: scripts only from our
 * own origin (Vite emits no inline script), styles from our origin plus inline style attributes
 * (SurveyJS and React set element styles), images from our origin and data URLs (SurveyJS's
 * icons), no framing. No `upgrade-insecure-requests`: a server reached over plain HTTP on a
 * local network must keep working; HTTPS is the proxy's job (see docs/operations.md).
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
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
