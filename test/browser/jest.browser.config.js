// `npm run test:browser`: the web page in Debian's Chromium (driven by playwright-core) against the
// local runtime; the same TypeScript transform and the same one DynamoDB Local as `npm test`.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest reads CommonJS configs; this one extends the main one
const base = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
};
