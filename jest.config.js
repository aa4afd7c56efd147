/** Unit, API and store-contract suites: offline, no browser, no server to install. */
const shared = require("./jest.shared.config");

module.exports = {
  ...shared,
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  // Not a speed target (those live in the benchmarks): on a shared, loaded machine starting a
  // server process alone can take several seconds, and jest's 5 s default failed sound tests.
  testTimeout: 30000,
};
