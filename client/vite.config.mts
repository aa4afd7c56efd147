import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";

/**
 * The respondent app. `shared/` is compiled from source (no build step needed for the client);
 * in development `/api` is proxied to the Express server, in production the server serves
 * `client/dist` itself at the same origin.
 */
export default defineConfig({
  root: new URL(".", import.meta.url).pathname,
  plugins: [respondentServiceWorker(), precompressAssets()],
  resolve: {
    alias: [{ find: "@passerelle/shared", replacement: new URL("../shared/src/index.ts", import.meta.url).pathname }, ...preactInPlaceOfReact()],
  },
  // JSX compiles to Preact's runtime (through `preact/compat`, see below); the types stay React's.
  oxc: { jsx: { runtime: "automatic", importSource: "preact/compat" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The form page (SurveyJS, about 1 MB before compression) is a lazy chunk loaded only when a
    // questionnaire is opened; the warning limit is raised for that chunk alone to stay quiet.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      treeshake: {
        // `@passerelle/shared` is one barrel; its questionnaire module imports survey-core, which
        // declares side effects. Our shared modules have none, so an unused one (and its
        // survey-core import) is dropped from the first chunk and loaded with the form page.
        moduleSideEffects: [{ test: /[\\/]shared[\\/]src[\\/]/, sideEffects: false }],
      },
    },
  },
  server: {
    proxy: {
      // The API server's port: PORT, as `npm run dev` gives the server, 3000 by default.
      "/api": `http://localhost:${process.env.PORT || "3000"}`,
    },
  },
});

/**
 * Preact's compatibility layer (`preact/compat`) stands in for React and ReactDOM in the whole
 * app, staff pages included: the same components, hooks and SurveyJS's React renderer
 * (survey-react-ui) run on it, for about 10 kB brotli instead of React's 90 kB in the entry
 * chunk every page loads. The code is written and type-checked against React's API
 * (`@types/react`); only the bundle changes. A package added later that imports `react` or
 * `react-dom` gets Preact too.
 */
function preactInPlaceOfReact() {
  return [
    { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
    { find: /^react-dom$/, replacement: "preact/compat" },
    { find: /^react\/jsx-runtime$/, replacement: "preact/compat/jsx-runtime" },
    { find: /^react\/jsx-dev-runtime$/, replacement: "preact/compat/jsx-dev-runtime" },
    { find: /^react$/, replacement: "preact/compat" },
  ];
}

/**
 * The service worker (Workbox, generated at build): it precaches the respondent app — the shell,
 * the form chunk, the styles — so a questionnaire opened once opens again without a connection.
 * The API is never cached by it: the questionnaire and unsent answers are kept on the device by
 * the app itself (IndexedDB), with the version the respondent started. Staff pages (dashboard,
 * administration, sign-in) are neither precached nor served offline.
 *
 * A new deployment ships a new `sw.js` (served `no-cache`): the new worker precaches the new
 * build, takes over at once and the open pages reload into it (`autoUpdate`), so an old app never
 * talks to the new API for longer than that reload; unsent answers survive it on the device.
 */
function respondentServiceWorker() {
  return VitePWA({
    registerType: "autoUpdate",
    // Registered by the app itself (`app/service-worker.ts`), after the first page is shown.
    injectRegister: false,
    manifest: {
      name: "Passerelle",
      short_name: "Passerelle",
      description: "Questionnaires de la coopération décentralisée franco-libanaise",
      lang: "fr",
      start_url: "/",
      scope: "/",
      display: "standalone",
      background_color: "#ffffff",
      theme_color: "#1f4e79",
      id: "/",
      // Chromium offers to install only with PNG icons of 192 and 512 px; the SVG serves the
      // browsers that take it. The PNGs come from the SVG (`client/scripts/render-icons.ts`).
      icons: [
        { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
        { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
        { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
        { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      ],
    },
    workbox: {
      // The shell and the form page only (the first chunk, `index-*`, and the lazy
      // `respond-page-*`): staff pages' chunks are fetched from the network when a staff member
      // opens them, never kept. The offline browser test fails if the form needs another chunk.
      globPatterns: ["index.html", "manifest.webmanifest", "icon.svg", "assets/index-*.{js,css}", "assets/respond-page-*.{js,css}"],
      // The form chunk (SurveyJS) is about 1 MB before compression.
      maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      navigateFallback: "/index.html",
      navigateFallbackDenylist: [/^\/api\//, /^\/admin(\/|$)/, /^\/sign-in$/, /^\/surveys\/[^/]+\/dashboard$/],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
    },
  });
}

/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside every script and
 * stylesheet of `dist/assets`: compressed once at build, at a ratio no on-the-fly compression
 * affords, and served by content negotiation (`server/src/http/client-app.ts`).
 */
function precompressAssets(): Plugin {
  let outDir = "";
  return {
    name: "passerelle-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const assets = path.join(outDir, "assets");
      for (const file of fs.readdirSync(assets)) {
        if (!/\.(js|css)$/.test(file)) continue;
        const source = fs.readFileSync(path.join(assets, file));
        fs.writeFileSync(path.join(assets, `${file}.br`), brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        fs.writeFileSync(path.join(assets, `${file}.gz`), gzipSync(source, { level: 9 }));
      }
    },
  };
}
