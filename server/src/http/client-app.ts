import fs from "node:fs";
import path from "node:path";
import express, { type RequestHandler, type Router } from "express";
import { pickEncoding } from "./content-encoding";
import { formPreloadTags, isFormPage, withFormPreload } from "./form-preload";

/**
 * The files whose address stays the same from one deployment to the next: the browser must ask
 * for them again each time, or a device would keep an old service worker (and so an old app)
 * after a new version is deployed.
 */
const UNVERSIONED_FILES = new Set(["/sw.js", "/manifest.webmanifest", "/index.html"]);

/** Copies the build writes beside each asset, best first (`client/vite.config.mts`). */
const PRECOMPRESSED = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;

const ONE_YEAR_S = 365 * 24 * 3600;

/**
 * Serves the built respondent app: hashed assets cached for a year (brotli or gzip copies made at
 * build when the browser accepts them), the service worker and the manifest revalidated on every
 * request, and index.html (never cached) for every other path so the app's own routes survive a
 * reload or a shared link; on the form's pages it announces the form's files (`form-preload.ts`).
 */
export function clientApp(clientDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(clientDir, "index.html");
  const assetsDir = path.join(clientDir, "assets");
  router.use("/assets", precompressedAssets(assetsDir));
  router.use("/assets", express.static(assetsDir, { immutable: true, maxAge: "365d", fallthrough: false }));
  router.use(
    express.static(clientDir, {
      index: false,
      setHeaders: (res, filePath) => {
        const name = `/${path.relative(clientDir, filePath).split(path.sep).join("/")}`;
        if (UNVERSIONED_FILES.has(name)) res.setHeader("Cache-Control", "no-cache");
      },
    }),
  );
  router.get(/^(?!\/api(\/|$)).*/, (req, res, next) => {
    if (!fs.existsSync(indexFile)) {
      next();
      return;
    }
    res.set("Cache-Control", "no-cache");
    if (!isFormPage(req.path)) {
      res.sendFile(indexFile);
      return;
    }
    // Read at each request (a few kB): a rebuilt client is served without a restart.
    res.type("html").send(withFormPreload(fs.readFileSync(indexFile, "utf8"), formPreloadTags(clientDir)));
  });
  return router;
}

/**
 * Answers a request for an asset with its precompressed copy in the best encoding the browser
 * accepts (brotli when it rates brotli as high as gzip); the compression middleware leaves a
 * response that already has a `Content-Encoding`.
 */
function precompressedAssets(assetsDir: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = path.basename(req.path);
    if (name !== req.path.slice(1) || !/\.(js|css)$/.test(name)) return next();
    const accepted = pickEncoding(
      req.headers["accept-encoding"],
      PRECOMPRESSED.map((copy) => copy.encoding),
    );
    const copy = PRECOMPRESSED.find((candidate) => candidate.encoding === accepted);
    const file = copy && path.join(assetsDir, name + copy.suffix);
    res.vary("Accept-Encoding");
    if (!copy || !file || !fs.existsSync(file)) return next();
    res.set({
      "Content-Encoding": copy.encoding,
      "Cache-Control": `public, max-age=${ONE_YEAR_S}, immutable`,
    });
    res.type(path.extname(name));
    res.sendFile(file, (error) => {
      if (error && !res.headersSent) next(error);
    });
  };
}
