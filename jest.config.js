/** Jest runs on Node 24 (see scripts/node24.sh). Type checking is `npm run typecheck`;
 * ts-jest only transpiles, so the suite starts fast. */
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    },
    {
      displayName: 'n8n',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/n8n/**/*.test.ts'],
      globalSetup: '<rootDir>/test/n8n/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/n8n/harness/global-teardown.ts',
    },
  ],
  testTimeout: 60000,
};
