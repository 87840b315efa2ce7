import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageName, repoRoot } from './paths';

/**
 * Installs this package into an n8n user folder the way n8n installs community packages:
 * the packed tarball (what `npm publish` ships), untarred into .n8n/nodes/node_modules.
 * Not a symlink: n8n puts its own node_modules on NODE_PATH, so a symlinked dev folder would
 * hide a library we forgot to bundle behind n8n's older copy.
 */
export function installPackageInto(userFolder: string, root = repoRoot): string {
  if (!existsSync(path.join(root, 'dist', 'lib', 'core.js'))) {
    throw new Error(`dist/ is missing in ${root}: run \`npm run build\` first.`);
  }
  const packDir = mkdtempSync(path.join(os.tmpdir(), 'sg-pack-'));
  try {
    const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' });
    const tarball = path.join(packDir, out.trim().split('\n').pop()!);
    const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', packageName);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', target, '--strip-components=1']);
    return target;
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}
