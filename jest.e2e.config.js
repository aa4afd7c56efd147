/** Browser suites: drive Debian's Chromium against the built app (run `npm run build` first). */
const shared = require("./jest.shared.config");

module.exports = {
  ...shared,
  testMatch: ["<rootDir>/test/e2e/**/*.e2e.ts"],
  testTimeout: 120000,
};
