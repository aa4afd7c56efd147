import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";
import type { ManifestTransform } from "workbox-build";
import { VitePWA } from "vite-plugin-pwa";

/**
 * The respondent app. `shared/` is compiled from source (no build step needed for the client);
 * in development `/api` is proxied to the Express server, in production the server serves
 * `client/dist` itself at the same origin.
 */
export default defineConfig({
  root: new URL(".", import.meta.url).pathname,
  plugins: [respondentFiles(), respondentServiceWorker(), precompressAssets()],
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
      // The shell and the form page only: of the built assets, exactly the respondent's files as
      // the bundle's own import graph names them (`respondentFiles`), whatever chunks the build
      // splits them into. Staff pages' chunks are fetched from the network when a staff member
      // opens them, never kept. The offline browser test fails if the form needs another chunk.
      // (The manifest and its icons are added by the plugin itself.)
      globPatterns: ["index.html", "assets/*.{js,css}"],
      manifestTransforms: [keepOnlyRespondentAssets],
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

/** The page's own module that renders the form (and the receipt): the root of the respondent's files. */
const RESPOND_PAGE_MODULE = /[\\/]features[\\/]responses[\\/]respond-page\.tsx$/;

/**
 * The staff's lazily loaded pages and parts: the service worker never keeps them. Any other lazily
 * loaded module reached from the respondent's pages (the device store, the service worker's
 * registration) is kept, so a page added later is kept rather than missing offline.
 */
const STAFF_ONLY_MODULES = [
  /[\\/]features[\\/]dashboard[\\/]dashboard-page\.tsx$/,
  /[\\/]features[\\/]brief[\\/]brief-page\.tsx$/,
  /[\\/]features[\\/]access[\\/]admin-page\.tsx$/,
  /[\\/]features[\\/]invitations[\\/]admin-survey-page\.tsx$/,
  /[\\/]features[\\/]questionnaires[\\/]questionnaires-admin-page\.tsx$/,
  /[\\/]features[\\/]matching[\\/]matching-page\.tsx$/,
];

/**
 * The respondent's files, relative to `dist`. Filled when the bundle is generated, read by the
 * service worker's precache list (generated after it).
 */
const respondentAssets = new Set<string>();

async function keepOnlyRespondentAssets(entries: Parameters<ManifestTransform>[0]): Promise<Awaited<ReturnType<ManifestTransform>>> {
  if (respondentAssets.size === 0) throw new Error("the respondent's files were not found in the bundle");
  return { manifest: entries.filter((entry) => !entry.url.startsWith("assets/") || respondentAssets.has(entry.url)), warnings: [] };
}

/**
 * Finds the respondent's files in the bundle's own import graph, whatever chunks the build splits
 * them into, and writes them to `dist/respondent-files.json`:
 * - `shell`: the entry and what it imports statically;
 * - `form`: the form page and what it imports statically, less the shell; the server announces
 *   these (`modulepreload`) in the respondent's pages so they download beside the shell instead
 *   of after it, and the client benchmark weighs them as the form;
 * - `lazy`: what those load later, staff pages excepted.
 * The service worker precaches all three.
 */
function respondentFiles(): Plugin {
  return {
    name: "passerelle-respondent-files",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((file) => (file.type === "chunk" ? [[file.fileName, file] as const] : [])));
      const staffOnly = (fileName: string) => {
        const module = chunks.get(fileName)?.facadeModuleId;
        return module !== null && module !== undefined && STAFF_ONLY_MODULES.some((pattern) => pattern.test(module));
      };
      const closure = (roots: string[], { lazily }: { lazily: boolean }) => {
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = chunks.get(fileName);
          if (!chunk || scripts.has(fileName)) return;
          scripts.add(fileName);
          for (const style of chunk.viteMetadata?.importedCss ?? []) styles.add(style);
          chunk.imports.forEach(visit);
          if (lazily) chunk.dynamicImports.filter((file) => !staffOnly(file)).forEach(visit);
        };
        roots.forEach(visit);
        return { scripts, styles };
      };
      const entries = [...chunks.values()].filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
      const formPage = [...chunks.values()].find((chunk) => chunk.facadeModuleId !== null && RESPOND_PAGE_MODULE.test(chunk.facadeModuleId));
      if (!formPage) throw new Error("the form page's chunk (respond-page.tsx) is missing from the bundle");
      const shell = closure(entries, { lazily: false });
      const form = closure([formPage.fileName], { lazily: false });
      const everything = closure([...entries, formPage.fileName], { lazily: true });
      const without = (files: Set<string>, ...others: Set<string>[]) => [...files].filter((file) => !others.some((other) => other.has(file)));
      const files = {
        shell: { scripts: [...shell.scripts], styles: [...shell.styles] },
        form: { scripts: without(form.scripts, shell.scripts), styles: without(form.styles, shell.styles) },
        lazy: { scripts: without(everything.scripts, shell.scripts, form.scripts), styles: without(everything.styles, shell.styles, form.styles) },
      };
      respondentAssets.clear();
      for (const file of [...everything.scripts, ...everything.styles]) respondentAssets.add(file);
      this.emitFile({ type: "asset", fileName: "respondent-files.json", source: `${JSON.stringify(files, null, 2)}\n` });
    },
  };
}
