/** Jest runs on Node 24 (see scripts/node24.sh). Type checking is `npm run typecheck`;
 * esbuild only transpiles (TypeScript, and ESM-only libraries such as kysely). */
const transform = { '^.+\\.(ts|js|mjs)$': '<rootDir>/test/support/esbuild-transform.js' };
const transformIgnorePatterns = ['/node_modules/(?!(kysely)/)'];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    },
    {
      displayName: 'n8n',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/n8n/**/*.test.ts'],
      globalSetup: '<rootDir>/test/n8n/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/n8n/harness/global-teardown.ts',
    },
  ],
  testTimeout: 60000,
};
