// The console page as built: its policy names exactly the inline script and style it carries (a
// stale hash would leave a blank page), nothing is loaded from elsewhere, and the sources never
// hand data to the HTML parser.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

let page: { html: string; csp: string };
beforeAll(() => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'sg-console-'));
  try {
    // The build script is ESM run by node itself (jest's transform would turn import.meta into {}).
    execFileSync(process.execPath, [path.join(root, 'console/build.mjs'), out], { stdio: 'pipe' });
    page = JSON.parse(readFileSync(path.join(out, 'page.json'), 'utf8'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 60_000);

test('the policy names the hashes of the one inline script and the one inline style', () => {
  const scripts = [...page.html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const styles = [...page.html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  expect(scripts).toHaveLength(1);
  expect(styles).toHaveLength(1);
  expect(page.csp).toBe(
    `default-src 'none'; script-src ${hash(scripts[0])}; style-src ${hash(styles[0])}; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page.html)?.[1];
  expect(meta).toBe(page.csp.replace("; frame-ancestors 'none'", ''));
});

test('nothing is fetched from another origin: no external src, href, @import or url()', () => {
  expect(page.html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
  expect(page.html).not.toMatch(/@import|url\(\s*["']?https?:/i);
});

test('the sources never parse data as HTML', () => {
  const dir = path.join(root, 'console/src');
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'));
  const offenders = files.filter((f) =>
    /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/.test(readFileSync(path.join(dir, f), 'utf8')),
  );
  expect(offenders).toEqual([]);
});
