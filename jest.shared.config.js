/** Settings common to every jest run: TypeScript through swc (types are checked by `npm run typecheck`). */
module.exports = {
  testEnvironment: "node",
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { parser: { syntax: "typescript", tsx: true }, target: "es2022" } }],
  },
  moduleNameMapper: {
    "^@passerelle/shared$": "<rootDir>/shared/src/index.ts",
  },
};
