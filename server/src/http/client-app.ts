import fs from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

/**
 * Serves the built respondent app: hashed assets cached for a year, and index.html (never
 * cached) for every other path so the app's own routes survive a reload or a shared link.
 */
export function clientApp(clientDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(clientDir, "index.html");
  router.use(
    "/assets",
    express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "365d", fallthrough: false }),
  );
  router.use(express.static(clientDir, { index: false }));
  router.get(/^(?!\/api(\/|$)).*/, (_req, res, next) => {
    if (!fs.existsSync(indexFile)) {
      next();
      return;
    }
    res.set("Cache-Control", "no-cache").sendFile(indexFile);
  });
  return router;
}
