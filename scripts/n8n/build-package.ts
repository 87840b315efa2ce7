import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths';

/**
 * Builds dist/ (what n8n loads) from the sources with scripts/build.mjs. `npm start` and
 * `npm run demo` call it every time (about 2 s): a fresh clone needs only `npm install`, and an
 * edited node never runs from a stale dist/.
 */
export function buildPackage(log: (message: string) => void, root = repoRoot): void {
  const started = Date.now();
  log('building SupportGate into dist/ (scripts/build.mjs)');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
  log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
