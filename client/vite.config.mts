import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

/**
 * The respondent app. `shared/` is compiled from source (no build step needed for the client);
 * in development `/api` is proxied to the Express server, in production the server serves
 * `client/dist` itself at the same origin.
 */
export default defineConfig({
  root: new URL(".", import.meta.url).pathname,
  plugins: [react()],
  resolve: {
    alias: {
      "@passerelle/shared": new URL("../shared/src/index.ts", import.meta.url).pathname,
    },
  },
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
