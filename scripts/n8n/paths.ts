import path from 'node:path';

/** Repository root, whether we run from sources (Jest with the esbuild transform) or from a bundle in .tmp/run. */
export const repoRoot = findRoot(__dirname);

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    try {
      const pkg = require(path.join(dir, 'package.json'));
      if (pkg.name === 'n8n-nodes-supportgate') return dir;
    } catch {
      // not here: go up
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the n8n-nodes-supportgate root above ${start}`);
    dir = parent;
  }
}

/** Where scripts/install-n8n.sh put the pinned n8n and Node 24. */
export const runtimeDir = process.env.SUPPORTGATE_N8N_HOME ?? path.join(repoRoot, '.n8n-runtime');
export const runtimeBin = path.join(runtimeDir, 'node_modules', '.bin');
export const n8nBin = path.join(runtimeBin, 'n8n');
export const node24Bin = path.join(runtimeBin, 'node');
export const packageName = 'n8n-nodes-supportgate';
