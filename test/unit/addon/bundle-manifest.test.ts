/**
 * The real build (gmail-addon/build.mjs) run into a temp dir, its Code.js evaluated in a bare V8
 * context like Apps Script's (no Node globals, no URL), and the manifest checked.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { CALLBACK_NAMES } from '../../../gmail-addon/src/callbacks';
import { addonEvent, CONFIGURED, fakeCreditsApi, installAppsScriptGlobals } from './support/apps-script-fakes';
import type { ActionResponseNode, CardNode, UniversalResponseNode } from './support/card-service-double';
import { asCard, callbackNames, visibleText } from './support/card-query';

const root = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'gmail-addon/appsscript.json'), 'utf8'));
let outdir: string;
let code: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'sg-addon-'));
  execFileSync(process.execPath, [join(root, 'gmail-addon/build.mjs'), '--outdir', outdir], { stdio: 'pipe' });
  code = readFileSync(join(outdir, 'Code.js'), 'utf8');
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** A fresh Apps Script-like global scope holding the fakes and the bundle. */
function appsScriptContext(settings?: Record<string, string>, from?: string) {
  installAppsScriptGlobals({ route: fakeCreditsApi().route, settings, from });
  const g = globalThis as Record<string, unknown>;
  const context = vm.createContext({
    CardService: g.CardService,
    PropertiesService: g.PropertiesService,
    GmailApp: g.GmailApp,
    UrlFetchApp: g.UrlFetchApp,
  });
  expect(vm.runInContext('typeof URL', context)).toBe('undefined');
  vm.runInContext(code, context);
  return context as Record<string, (e: unknown) => unknown>;
}

function cardsIn(value: unknown): CardNode[] {
  const v = value as CardNode | ActionResponseNode | UniversalResponseNode;
  if (v.kind === 'card') return [v];
  if (v.kind === 'universal') return v.cards;
  return v.navigation.flatMap((n) => (n.card ? [n.card] : []));
}

describe('built bundle', () => {
  it('copies the manifest and defines every callback as a top-level function', () => {
    expect(readFileSync(join(outdir, 'appsscript.json'), 'utf8')).toBe(readFileSync(join(root, 'gmail-addon/appsscript.json'), 'utf8'));
    const context = appsScriptContext();
    const manifestNames = [
      manifest.addOns.common.homepageTrigger.runFunction,
      ...manifest.addOns.common.universalActions.map((a: { runFunction: string }) => a.runFunction),
      ...manifest.addOns.gmail.contextualTriggers.map((t: { onTriggerFunction: string }) => t.onTriggerFunction),
    ];
    for (const name of [...CALLBACK_NAMES, ...manifestNames]) expect([name, typeof context[name]]).toEqual([name, 'function']);
  });

  it('every button on every card calls a function that exists in the bundle', () => {
    const used = new Set<string>();
    const collect = (value: unknown) => cardsIn(value).forEach((c) => callbackNames(c).forEach((n) => used.add(n)));
    const bare = appsScriptContext();
    collect(bare.onHomepage({}));
    collect(bare.onGmailMessage(addonEvent()));
    const ctx = appsScriptContext(CONFIGURED);
    collect(ctx.onHomepage({}));
    collect(ctx.onSettingsUniversal({}));
    collect(ctx.onOpenSettings({}));
    const sender = ctx.onGmailMessage(addonEvent());
    collect(sender);
    collect(
      ctx.onOpenTicket(
        addonEvent({
          messageId: 'm',
          sender: 'jane@client.fr',
          project: 'acme',
          ticketNumber: '12',
          ticketStatus: 'new',
          ticketSubject: 'x',
        }),
      ),
    );
    collect(appsScriptContext(CONFIGURED, 'x@stranger.io').onGmailMessage(addonEvent()));
    collect(appsScriptContext({ ...CONFIGURED, SUPPORTGATE_API_KEY: 'bad' }).onGmailMessage(addonEvent()));
    expect([...used].sort()).toEqual(
      expect.arrayContaining([
        'onAuthorize',
        'onGrant',
        'onOpenSettings',
        'onOpenTicket',
        'onRefresh',
        'onRevoke',
        'onSaveSettings',
        'onSetTicketStatus',
        'onTestConnection',
        'onWaive',
      ]),
    );
    for (const name of used) expect([name, typeof ctx[name]]).toEqual([name, 'function']);
  });

  it('validates payment links without a WHATWG URL class (the polyfill works in a bare V8)', () => {
    const card = asCard(appsScriptContext(CONFIGURED).onGmailMessage(addonEvent()));
    expect(visibleText(card)).toContain('Open payment link');
  });
});

describe('appsscript.json', () => {
  it('asks for the minimal scopes only', () => {
    expect([...manifest.oauthScopes].sort()).toEqual([
      'https://www.googleapis.com/auth/gmail.addons.current.message.metadata',
      'https://www.googleapis.com/auth/gmail.addons.execute',
      'https://www.googleapis.com/auth/script.external_request',
    ]);
  });

  it('declares the homepage, the settings universal action and an unconditional Gmail trigger', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.addOns.common).toMatchObject({ name: 'SupportGate', homepageTrigger: { runFunction: 'onHomepage', enabled: true } });
    expect(manifest.addOns.common.logoUrl).toMatch(/^https:\/\//);
    expect(manifest.addOns.common.universalActions).toEqual([{ label: 'Settings', runFunction: 'onSettingsUniversal' }]);
    expect(manifest.addOns.gmail.contextualTriggers).toEqual([{ unconditional: {}, onTriggerFunction: 'onGmailMessage' }]);
  });

  it('whitelists only https URL prefixes ending with a slash', () => {
    expect(manifest.urlFetchWhitelist.length).toBeGreaterThan(0);
    for (const prefix of manifest.urlFetchWhitelist) expect(prefix).toMatch(/^https:\/\/[^/\s]+\/(\S*\/)?$/);
  });
});
