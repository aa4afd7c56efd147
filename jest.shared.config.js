/** Settings common to every jest run: TypeScript through swc (types are checked by `npm run typecheck`). */
module.exports = {
  testEnvironment: "node",
  // The machines the suite runs on are shared and noisy; a test's own work, not a time budget,
  // is what it checks (speed is measured by the benchmarks).
  testTimeout: 30000,
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { parser: { syntax: "typescript", tsx: true }, target: "es2022" } }],
  },
  moduleNameMapper: {
    "^@passerelle/shared$": "<rootDir>/shared/src/index.ts",
  },
};
