// Issue 19: on a fresh clone `npm start` stopped at once with "dist/ is missing". Its install
// step now builds dist/ itself; this runs that step in a copy of the sources that has no dist/.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installSupportGate } from '../../../scripts/start';

const repo = path.resolve(__dirname, '../../..');
// What the build and `npm pack` read; tests, bench and the add-on are not part of the package.
const SOURCES = [
  'core',
  'console',
  'nodes',
  'credentials',
  'graph-connector',
  'scripts',
  'workflows',
  'package.json',
  'README.md',
  '.npmrc',
];

test('npm start builds a missing dist/ and installs the packed package', () => {
  const clone = mkdtempSync(path.join(os.tmpdir(), 'sg-fresh-clone-'));
  const userFolder = mkdtempSync(path.join(os.tmpdir(), 'sg-start-user-'));
  try {
    for (const entry of SOURCES) cpSync(path.join(repo, entry), path.join(clone, entry), { recursive: true });
    symlinkSync(path.join(repo, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    expect(existsSync(path.join(clone, 'dist'))).toBe(false);

    const progress: string[] = [];
    installSupportGate(userFolder, clone, (m) => progress.push(m));

    expect(progress[0]).toMatch(/^building SupportGate into dist\//);
    expect(existsSync(path.join(clone, 'dist', 'lib', 'core.js'))).toBe(true);
    const installed = path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-supportgate');
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).n8n as {
      nodes: string[];
      credentials: string[];
    };
    for (const file of [...manifest.nodes, ...manifest.credentials, 'dist/lib/core.js', 'dist/console/page.json'])
      expect(existsSync(path.join(installed, file))).toBe(true);
  } finally {
    rmSync(clone, { recursive: true, force: true });
    rmSync(userFolder, { recursive: true, force: true });
  }
}, 120_000);
