// Bundles the console (console/src, TypeScript, no framework) into ONE HTML document: the script
// and the style inline, their sha256 hashes in the Content-Security-Policy, nothing loaded from
// anywhere else (offline, no CDN, no font). Writes dist/console/index.html and
// dist/console/page.json ({ html, csp }) that the Credits API node's "Console Page" operation serves.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy of the page; frame-ancestors only works as a header (n8n drops ours: see README). */
export function consolePolicy(scriptHash, styleHash) {
  return [
    "default-src 'none'",
    `script-src ${scriptHash}`,
    `style-src ${styleHash}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export async function buildConsole(outDir) {
  const result = await build({
    entryPoints: [path.join(here, 'src/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // A "</script" inside the bundle would end the element early: escape it the way JS allows.
  const js = result.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1').trim();
  const css = (
    await build({ entryPoints: [path.join(here, 'src/style.css')], bundle: true, write: false, minify: true, logLevel: 'warning' })
  ).outputFiles[0].text.trim();
  const csp = consolePolicy(sha256(js), sha256(css));
  // The meta policy is what the browser enforces inside n8n (which replaces any CSP header a
  // workflow sets); frame-ancestors is ignored in a meta tag, X-Frame-Options covers it.
  const metaCsp = csp.replace(/; frame-ancestors 'none'/, '');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${metaCsp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>SupportGate Console</title>
<style>${css}</style>
</head>
<body>
<div id="app"></div>
<noscript>SupportGate Console needs JavaScript.</noscript>
<script>${js}</script>
</body>
</html>
`;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'index.html'), html);
  writeFileSync(path.join(outDir, 'page.json'), JSON.stringify({ html, csp }));
  return { html, csp, jsBytes: Buffer.byteLength(js), cssBytes: Buffer.byteLength(css) };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const out = path.resolve(process.argv[2] ?? path.join(here, '../dist/console'));
  const { jsBytes, cssBytes } = await buildConsole(out);
  console.log(`console: ${out}/index.html (JS ${(jsBytes / 1024).toFixed(1)} kB, CSS ${(cssBytes / 1024).toFixed(1)} kB)`);
}
