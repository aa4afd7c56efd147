/** Unit, API and store-contract suites: offline, no browser, no server to install. */
const shared = require("./jest.shared.config");

module.exports = {
  ...shared,
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
};
