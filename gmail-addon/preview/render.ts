/**
 * Renders the add-on's real cards (built by src/main.ts against the CardService test double and
 * the fake Credits API of the unit tests) to gmail-addon/preview/<name>.png with headless Chromium.
 * Run: npm run addon:preview   (node scripts/run-ts.mjs gmail-addon/preview/render.ts)
 * Without Chromium (CHROMIUM=/path/to/chromium to choose one), it writes the .html pages instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as addon from '../src/main';
import { addonEvent, CONFIGURED, fakeCreditsApi, installAppsScriptGlobals } from '../../test/unit/addon/support/apps-script-fakes';
import type { CardNode, UniversalResponseNode } from '../../test/unit/addon/support/card-service-double';
import { allButtons, asCard, asResponse } from '../../test/unit/addon/support/card-query';
import { estimatedHeight, renderCardHtml } from './card-html';

// Same folder whether run from source or from the bundle in .tmp/run/.
const OUT_DIR = path.resolve(__dirname, '../../gmail-addon/preview');

/** The cards worth reviewing, each produced by the add-on's own callbacks. */
export function previewCards(): Record<string, CardNode> {
  installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
  const client = asCard(addon.onGmailMessage(addonEvent()));
  const ticket = asResponse(
    addon.onOpenTicket(addonEvent(allButtons(client).find((b) => b.action?.functionName === 'onOpenTicket')?.action?.parameters ?? {})),
  ).navigation[0].card;
  const settings = (addon.onSettingsUniversal() as unknown as UniversalResponseNode).cards[0];

  installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED, from: 'Bob Martin <bob@stranger.io>' });
  const unknown = asCard(addon.onGmailMessage(addonEvent()));

  installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: { ...CONFIGURED, SUPPORTGATE_API_KEY: 'an-old-key' } });
  const wrongKey = asCard(addon.onGmailMessage(addonEvent()));

  return {
    'sender-card': client,
    'authorize-sender': unknown,
    ...(ticket ? { 'ticket-status': ticket } : {}),
    settings,
    'error-wrong-key': wrongKey,
  };
}

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

function screenshot(chromium: string, htmlFile: string, pngFile: string, height: number): void {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'sg-preview-chromium-'));
  try {
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        '--force-device-scale-factor=2',
        `--user-data-dir=${profile}`,
        `--screenshot=${pngFile}`,
        `--window-size=302,${height}`,
        `file://${htmlFile}`,
      ],
      { stdio: 'pipe', timeout: 60_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  if (!existsSync(pngFile)) throw new Error(`Chromium wrote no ${pngFile}`);
}

export async function main(): Promise<void> {
  const chromium = findChromium();
  const work = mkdtempSync(path.join(os.tmpdir(), 'sg-preview-'));
  try {
    for (const [name, card] of Object.entries(previewCards())) {
      const html = renderCardHtml(card);
      if (!chromium) {
        writeFileSync(path.join(OUT_DIR, `${name}.html`), html);
        console.log(`wrote gmail-addon/preview/${name}.html (no Chromium found: set CHROMIUM or install chromium for PNGs)`);
        continue;
      }
      const htmlFile = path.join(work, `${name}.html`);
      writeFileSync(htmlFile, html);
      screenshot(chromium, htmlFile, path.join(OUT_DIR, `${name}.png`), estimatedHeight(card));
      console.log(`wrote gmail-addon/preview/${name}.png`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
