// Builds the publishable package into dist/:
//  - dist/lib/core.js: the domain core (core/index.ts) with every library it uses bundled in,
//    once, so nodes share one copy (n8n forbids runtime dependencies; see README "Packaging").
//  - dist/lib/outlook.js: the Outlook connector (graph-connector/) and the Graph SDK; it requires
//    the core bundle, so the core ships once.
//  - one small bundle per node and credential; their imports of the core barrel become
//    require('../../lib/core.js'), of the connector require('../../lib/outlook.js');
//    n8n-workflow stays external (a peer, provided by n8n).
//  - icons (.svg/.png) and codex files (.node.json) copied beside each node.
//  - dist/console/page.json: the console page (console/build.mjs), served by the Credits API node.
// It checks that package.json's `n8n` section names exactly the files it built: with --strict
// (npm test, CI) a mismatch fails the build; otherwise the section is rewritten and a notice printed.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, rmSync, mkdirSync, copyFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildConsole } from '../console/build.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
const quiet = process.argv.includes('--quiet');
const log = (msg) => quiet || console.log(msg);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  logLevel: 'warning',
  legalComments: 'none',
  sourcemap: false,
};

function listFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f));
}

// The two shared bundles: the core, and the Outlook connector beside it (it requires the core's).
const SHARED = { core: path.join(root, 'core'), 'graph-connector': path.join(root, 'graph-connector') };
const BUNDLE_OF = { core: 'lib/core.js', 'graph-connector': 'lib/outlook.js' };

/** Which shared bundle an import lands in ('core' / 'graph-connector'), and whether through its barrel. */
function sharedTarget(resolveDir, importPath) {
  const target = path.resolve(resolveDir, importPath);
  for (const [name, dir] of Object.entries(SHARED)) {
    if (target === dir || target === path.join(dir, 'index')) return { name, barrel: true };
    if (target.startsWith(dir + path.sep)) return { name, barrel: false };
  }
  return null;
}

// Nodes, credentials and the connector import a shared bundle only through its barrel; the
// require path is relative to the bundle being written, wherever the importing source lives.
const sharedAsExternal = (outfile, own) => ({
  name: 'shared-as-external',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*(core|graph-connector)(\/.*)?$/ }, (args) => {
      const shared = sharedTarget(args.resolveDir, args.path);
      if (!shared || shared.name === own) return undefined;
      if (!shared.barrel) {
        return {
          errors: [
            {
              text: `import ${shared.name} through its barrel ('../../${shared.name}'), not '${args.path}': it ships once, in dist/${BUNDLE_OF[shared.name]}`,
            },
          ],
        };
      }
      const rel = path.relative(path.dirname(outfile), path.join(dist, BUNDLE_OF[shared.name]));
      return { path: rel.startsWith('.') ? rel : './' + rel, external: true };
    });
  },
});

async function main() {
  const started = Date.now();
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(path.join(dist, 'lib'), { recursive: true });

  log('build: core bundle (dist/lib/core.js) and Outlook connector (dist/lib/outlook.js)');
  await build({
    ...common,
    entryPoints: [path.join(root, 'core/index.ts')],
    outfile: path.join(dist, 'lib/core.js'),
    external: ['n8n-workflow', 'pg-native'],
    minify: true,
    plugins: [sharedAsExternal(path.join(dist, 'lib/core.js'), 'core')],
  });
  const outlookOut = path.join(dist, 'lib/outlook.js');
  await build({
    ...common,
    entryPoints: [path.join(root, 'graph-connector/index.ts')],
    outfile: outlookOut,
    external: ['n8n-workflow'],
    minify: true,
    plugins: [sharedAsExternal(outlookOut, 'graph-connector')],
  });

  const entries = [...listFiles(path.join(root, 'nodes'), '.node.ts'), ...listFiles(path.join(root, 'credentials'), '.credentials.ts')];
  log(`build: ${entries.length} node and credential bundles`);
  for (const entry of entries) {
    const out = path.join(dist, path.relative(root, entry)).replace(/\.ts$/, '.js');
    await build({ ...common, entryPoints: [entry], outfile: out, external: ['n8n-workflow'], plugins: [sharedAsExternal(out, null)] });
  }

  for (const asset of [
    ...listFiles(path.join(root, 'nodes'), '.svg'),
    ...listFiles(path.join(root, 'nodes'), '.png'),
    ...listFiles(path.join(root, 'nodes'), '.node.json'),
    ...listFiles(path.join(root, 'credentials'), '.svg'),
  ]) {
    const out = path.join(dist, path.relative(root, asset));
    mkdirSync(path.dirname(out), { recursive: true });
    copyFileSync(asset, out);
  }

  // The console page the Credits API node serves (workflows/console.json): one HTML document.
  const page = await buildConsole(path.join(dist, 'console'));
  log(
    `build: console page (dist/console/page.json, JS ${(page.jsBytes / 1024).toFixed(0)} kB + CSS ${(page.cssBytes / 1024).toFixed(0)} kB)`,
  );

  checkManifest(entries);
  const size = (statSync(path.join(dist, 'lib/core.js')).size / 1e6).toFixed(1);
  log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s (core bundle ${size} MB)`);
}

function checkManifest(entries) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const built = entries.map((e) => path.relative(root, path.join(dist, path.relative(root, e))).replace(/\.ts$/, '.js')).sort();
  const declared = [...pkg.n8n.nodes, ...pkg.n8n.credentials].sort();
  const missing = built.filter((f) => !declared.includes(f));
  const stale = declared.filter((f) => !built.includes(f));
  if ((missing.length || stale.length) && !process.argv.includes('--strict')) {
    pkg.n8n.nodes = built.filter((f) => f.startsWith('dist/nodes/'));
    pkg.n8n.credentials = built.filter((f) => f.startsWith('dist/credentials/'));
    writeFileSync(path.join(root, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
    console.log(`build: updated package.json "n8n" section (added: ${missing.join(', ') || '-'}; removed: ${stale.join(', ') || '-'})`);
    return;
  }
  if (missing.length || stale.length) {
    throw new Error(
      `package.json "n8n" section is out of date.\n  built but not declared: ${missing.join(', ') || '-'}\n  declared but not built: ${stale.join(', ') || '-'}\nList every dist/nodes/**/*.node.js and dist/credentials/*.credentials.js there.`,
    );
  }
}

main().catch((err) => {
  console.error(`build failed: ${err.message}`);
  process.exit(1);
});
