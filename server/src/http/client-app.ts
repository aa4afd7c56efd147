import fs from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

/**
 * The files whose address stays the same from one deployment to the next: the browser must ask
 * for them again each time, or a device would keep an old service worker (and so an old app)
 * after a new version is deployed.
 */
const UNVERSIONED_FILES = new Set(["/sw.js", "/manifest.webmanifest", "/index.html"]);

/**
 * Serves the built respondent app: hashed assets cached for a year, the service worker and the
 * manifest revalidated on every request, and index.html (never cached) for every other path so
 * the app's own routes survive a reload or a shared link.
 */
export function clientApp(clientDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(clientDir, "index.html");
  router.use(
    "/assets",
    express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "365d", fallthrough: false }),
  );
  router.use(
    express.static(clientDir, {
      index: false,
      setHeaders: (res, filePath) => {
        const name = `/${path.relative(clientDir, filePath).split(path.sep).join("/")}`;
        if (UNVERSIONED_FILES.has(name)) res.setHeader("Cache-Control", "no-cache");
      },
    }),
  );
  router.get(/^(?!\/api(\/|$)).*/, (_req, res, next) => {
    if (!fs.existsSync(indexFile)) {
      next();
      return;
    }
    res.set("Cache-Control", "no-cache").sendFile(indexFile);
  });
  return router;
}
