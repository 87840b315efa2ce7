import * as addon from '../../../gmail-addon/src/main';
import { addonEvent, BASE, CONFIGURED, fakeCreditsApi, installAppsScriptGlobals, KEY } from './support/apps-script-fakes';
import type { UniversalResponseNode } from './support/card-service-double';
import { asCard, asResponse, buttonNamed, inputNames, visibleText } from './support/card-query';

describe('homepage', () => {
  it('asks to set up when nothing is configured', () => {
    installAppsScriptGlobals({ route: fakeCreditsApi().route });
    const card = asCard(addon.onHomepage());
    expect(visibleText(card)).toContain('Connect this add-on to your SupportGate Credits API');
    expect(buttonNamed(card, 'Open settings').action).toEqual({ functionName: 'onOpenSettings', parameters: {} });
  });

  it('shows the project and API once configured', () => {
    installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
    const card = asCard(addon.onHomepage());
    expect(visibleText(card)).toContain('acme');
    expect(visibleText(card)).toContain(BASE);
    expect(buttonNamed(card, 'Test connection').action?.functionName).toBe('onTestConnection');
  });
});

describe('settings', () => {
  it('opens from the universal action with the stored values and the key masked', () => {
    installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
    const response = addon.onSettingsUniversal() as unknown as UniversalResponseNode;
    expect(response.kind).toBe('universal');
    const card = response.cards[0];
    expect(inputNames(card)).toEqual(['baseUrl', 'apiKey', 'project']);
    const json = JSON.stringify(card);
    expect(json).not.toContain(KEY);
    expect(json).toContain('Stored: ••••1234');
    expect(buttonNamed(card, 'Save').action?.functionName).toBe('onSaveSettings');
  });

  it('refuses a non-https URL and saves valid values (empty key keeps the stored one)', () => {
    const fakes = installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
    const bad = asResponse(addon.onSaveSettings(addonEvent({}, { baseUrl: 'http://n8n.local/webhook', apiKey: '', project: 'acme' })));
    expect(bad.notification).toMatch(/must start with https:\/\//);
    expect(fakes.properties.get('SUPPORTGATE_BASE_URL')).toBe(BASE);
    const ok = asResponse(
      addon.onSaveSettings(addonEvent({}, { baseUrl: 'https://n8n.other.test/webhook/', apiKey: '', project: 'beta' })),
    );
    expect(ok.notification).toContain('Settings saved');
    expect(Object.fromEntries(fakes.properties)).toEqual({
      SUPPORTGATE_BASE_URL: 'https://n8n.other.test/webhook',
      SUPPORTGATE_API_KEY: KEY,
      SUPPORTGATE_PROJECT: 'beta',
    });
  });

  it('tests the connection with the values in the form, before saving', () => {
    installAppsScriptGlobals({ route: fakeCreditsApi().route });
    const ok = asResponse(addon.onTestConnection(addonEvent({}, { baseUrl: BASE, apiKey: KEY, project: 'acme' })));
    expect(ok.notification).toBe('Connected: the Credits API answers for project acme.');
    const wrongKey = asResponse(addon.onTestConnection(addonEvent({}, { baseUrl: BASE, apiKey: 'nope', project: 'acme' })));
    expect(wrongKey.notification).toMatch(/^Connection failed\. Wrong API key/);
    const wrongProject = asResponse(addon.onTestConnection(addonEvent({}, { baseUrl: BASE, apiKey: KEY, project: 'zeta' })));
    expect(wrongProject.notification).toBe('Connection failed. Not found: Unknown project zeta');
  });
});

describe('error cards: never a blank sidebar', () => {
  const open = () => asCard(addon.onGmailMessage(addonEvent()));

  it('not configured → set-up card pointing to settings, no HTTP call', () => {
    const fakes = installAppsScriptGlobals({ route: fakeCreditsApi().route });
    const card = open();
    expect(visibleText(card)).toContain('Open Settings and enter the Credits API URL, key and default project.');
    expect(buttonNamed(card, 'Open settings').action?.functionName).toBe('onOpenSettings');
    expect(fakes.fetches).toEqual([]);
  });

  it('401 → wrong key card with settings and retry', () => {
    installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: { ...CONFIGURED, SUPPORTGATE_API_KEY: 'old' } });
    const card = open();
    expect(card.subtitle).toBe('Wrong API key');
    expect(visibleText(card)).toContain('HTTP 401');
    expect(buttonNamed(card, 'Retry').action).toEqual({
      functionName: 'onRefresh',
      parameters: { messageId: 'msg-1', sender: 'jane@client.fr', project: 'acme' },
    });
    expect(buttonNamed(card, 'Open settings').action?.functionName).toBe('onOpenSettings');
  });

  it('timeout → "too slow" card with retry', () => {
    const fakes = installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
    fakes.setRoute(new Error(`Timeout: ${BASE}/supportgate/credits/sender`));
    const card = open();
    expect(card.subtitle).toBe('Credits API too slow');
    expect(visibleText(card)).toContain('Check that n8n is running');
    expect(buttonNamed(card, 'Retry').action?.functionName).toBe('onRefresh');
  });

  it('unreachable host → points at the URL and urlFetchWhitelist', () => {
    installAppsScriptGlobals({
      route: fakeCreditsApi().route,
      settings: { ...CONFIGURED, SUPPORTGATE_BASE_URL: 'https://typo.test/webhook' },
    });
    const card = open();
    expect(card.subtitle).toBe('Credits API unreachable');
    expect(visibleText(card)).toContain('urlFetchWhitelist');
  });

  it('unknown project (404) → check the project name', () => {
    installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: { ...CONFIGURED, SUPPORTGATE_PROJECT: 'zeta' } });
    const card = open();
    expect(card.subtitle).toBe('Not found');
    expect(visibleText(card)).toContain('Unknown project zeta');
  });

  it('payload in the wrong shape or HTTP 500 → version / workflow advice', () => {
    const fakes = installAppsScriptGlobals({
      route: () => ({ status: 200, json: { authorized: true, balance: '3' } }),
      settings: CONFIGURED,
    });
    expect(open().subtitle).toBe('Version mismatch');
    fakes.setRoute(() => ({ status: 500, json: { error: { code: 'internal', message: 'db locked' } } }));
    const card = open();
    expect(card.subtitle).toBe('Credits API error');
    expect(visibleText(card)).toContain('db locked');
  });

  it('refresh after a failure redraws the card in place', () => {
    const fakes = installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
    fakes.setRoute(new Error('Timeout'));
    const failed = open();
    fakes.setRoute(fakeCreditsApi().route);
    const r = asResponse(addon.onRefresh(addonEvent(buttonNamed(failed, 'Retry').action!.parameters)));
    expect(r.navigation[0].op).toBe('update');
    expect(r.navigation[0].card?.title).toBe('Client SARL');
  });
});
