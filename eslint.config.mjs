// n8n's community-node rules, self-hosted flavour (SupportGate needs node:sqlite, node:fs and
// process, which the n8n Cloud variant forbids). Linted: the package's own sources.
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.n8n-runtime/**',
      '.n8n-dev/**',
      '.tmp/**',
      'test/**',
      'bench/**',
      'scripts/**',
      'gmail-addon/**',
      'console/**',
      'coverage/**',
      '*.js',
      '*.mjs',
    ],
  },
  ...configWithoutCloudSupport,
  {
    // The domain core is framework-free (no n8n import): its typed errors become
    // NodeOperationErrors in the node adapters, which this rule keeps checking.
    files: ['core/**/*.ts', 'graph-connector/**/*.ts'],
    rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
  },
];
