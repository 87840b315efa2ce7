// The credential and node "Docs" links point into README.md: an anchor with no heading behind it
// lands on the top of the page (issue 19: #ledger when the heading is "The ledger").
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const REPO_URL = 'https://github.com/supportgate/n8n-nodes-supportgate';

/** GitHub's heading anchor: lower case, punctuation dropped, spaces become hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');

const readmeAnchors = new Set([
  'readme',
  ...readFileSync(path.join(root, 'README.md'), 'utf8')
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => anchorOf(line.replace(/^#+ /, ''))),
]);

function documentationLinks(): Array<[string, string]> {
  const links: Array<[string, string]> = [];
  for (const file of readdirSync(path.join(root, 'credentials')).filter((f) => f.endsWith('.credentials.ts'))) {
    const url = /documentationUrl = '([^']+)'/.exec(readFileSync(path.join(root, 'credentials', file), 'utf8'))?.[1];
    if (url) links.push([file, url]);
  }
  for (const dir of readdirSync(path.join(root, 'nodes'))) {
    const source = path.join(root, 'nodes', dir, `${dir}.node.ts`);
    try {
      const url = /documentationUrl: '([^']+)'/.exec(readFileSync(source, 'utf8'))?.[1];
      if (url) links.push([`${dir}.node.ts`, url]);
    } catch {
      // shared code, no node here
    }
    const codex = path.join(root, 'nodes', dir, `${dir}.node.json`);
    try {
      for (const doc of JSON.parse(readFileSync(codex, 'utf8')).resources?.primaryDocumentation ?? [])
        links.push([`${dir}.node.json`, doc.url]);
    } catch {
      // no codex file for this folder (shared code)
    }
  }
  return links;
}

test('README anchors are computed as GitHub does', () => {
  expect(anchorOf('The ledger')).toBe('the-ledger');
  expect(anchorOf('Outlook (Microsoft Graph)')).toBe('outlook-microsoft-graph');
});

test.each(documentationLinks())('%s links to a heading that exists in README.md (%s)', (_file, url) => {
  expect(url.startsWith(`${REPO_URL}#`)).toBe(true);
  expect(readmeAnchors).toContain(url.slice(REPO_URL.length + 1));
});

// n8n opens a node's http(s) documentationUrl as it is, but appends "?utm_…" to a codex link,
// which lands after the "#" and breaks the anchor: every node names its own.
test('every node names an https documentationUrl', () => {
  const nodes = readdirSync(path.join(root, 'nodes')).filter((d) => d !== 'shared');
  const named = documentationLinks()
    .filter(([file]) => file.endsWith('.node.ts'))
    .map(([file]) => file.replace(/\.node\.ts$/, ''));
  expect(named.sort()).toEqual(nodes.sort());
});
