// The console in an n8n of its own (outside jest), for `npm run bench console` and
// scripts/console-screenshots.ts: workflows/console.json as shipped, with a key and an empty
// SQLite ledger in its slots, published; Chromium launched beside it.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { openLedger, type Ledger } from '../core/ledger';
import { assignCredentials, descriptionsFromBuild } from '../scripts/n8n/credential-slots';
import { loadTemplate } from '../test/n8n/e2e/template';
import { startStandaloneN8n, type StandaloneN8n } from '../test/n8n/e2e/standalone';
import type { WorkflowJson } from '../test/n8n/harness';
import { launchChromium } from '../test/support/console-browser';

export const CONSOLE_KEY = 'console-bench-key-3c9e7a51f0d24b68';

export interface ConsoleWorld {
  n8n: StandaloneN8n;
  url: string;
  store: Ledger;
  ledgerPath: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startConsoleWorld(log: (m: string) => void, options: { build?: boolean } = {}): Promise<ConsoleWorld> {
  const n8n = await startStandaloneN8n(log, { build: options.build ?? true });
  try {
    const ledgerPath = path.join(n8n.ledgerDir, 'console.sqlite');
    const store = await openLedger({ kind: 'sqlite', path: ledgerPath });
    const bindings = {
      supportGateLedgerApi: await n8n.api.createCredential('Console ledger', 'supportGateLedgerApi', {
        store: 'sqlite',
        sqlitePath: ledgerPath,
      }),
      supportGateAddonApi: await n8n.api.createCredential('Console key', 'supportGateAddonApi', { apiKey: CONSOLE_KEY }),
    };
    const types = descriptionsFromBuild();
    const { id: _shipped, ...template } = loadTemplate('console.json');
    const workflow = { ...template, nodes: template.nodes.map((n) => assignCredentials(n as never, bindings, types)) } as WorkflowJson;
    const { id, versionId } = await n8n.api.createWorkflow(workflow);
    await n8n.api.activate(id, versionId);
    const url = `${n8n.baseUrl}/webhook/supportgate/console`;
    for (
      let i = 0;
      i < 100 &&
      (await fetch(url).then(
        (r) => r.status,
        () => 0,
      )) !== 200;
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    const browser = await launchChromium();
    return {
      n8n,
      url,
      store,
      ledgerPath,
      browser,
      async close() {
        await browser.close();
        await store.close();
        await n8n.stop();
      },
    };
  } catch (e) {
    await n8n.stop();
    throw e;
  }
}
