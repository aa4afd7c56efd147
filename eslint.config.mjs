// Lint rules the whole tree meets today, so that `npm run lint` stays a gate that passes: the
// recommended JavaScript and typescript-eslint rules (syntax-only, no type information, so it
// runs in seconds), less those listed below with the reason each is off. Formatting is not
// the linter's business: a formatter pass over the tree will come on its own.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/*.tsbuildinfo", "client/dist/**", "data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // CommonJS on purpose: jest's configuration and the worker fixtures load as plain Node scripts.
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: {
        // Node and the browser, both: server, client and tests share this configuration.
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
        __dirname: "readonly",
        require: "readonly",
        module: "writable",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        setImmediate: "readonly",
        performance: "readonly",
        structuredClone: "readonly",
        fetch: "readonly",
        window: "readonly",
        document: "readonly",
        navigator: "readonly",
        localStorage: "readonly",
      },
    },
    rules: {
      // Unused bindings named with a leading underscore are deliberate (destructuring to omit).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
);
