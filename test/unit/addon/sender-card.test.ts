import * as addon from '../../../gmail-addon/src/main';
import { addonEvent, BASE, CONFIGURED, fakeCreditsApi, installAppsScriptGlobals, KEY, type Route } from './support/apps-script-fakes';
import { allButtons, asCard, asResponse, buttonNamed, inputNames, visibleText } from './support/card-query';

const ctx = { messageId: 'msg-1', sender: 'jane@client.fr', project: 'acme' };

describe('contextual card on an opened message', () => {
  it('reads the message through the event access token and asks the Credits API about its sender', () => {
    const fakes = installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
    addon.onGmailMessage(addonEvent());
    expect(fakes.tokens).toEqual(['token-1']);
    expect(fakes.fetches).toHaveLength(1);
    const [call] = fakes.fetches;
    expect(call.url).toBe(`${BASE}/supportgate/credits/sender`);
    expect(call.params).toMatchObject({
      method: 'post',
      contentType: 'application/json',
      muteHttpExceptions: true,
      headers: { 'X-SupportGate-Key': KEY },
    });
    expect(call.params.headers).not.toHaveProperty('Content-Type');
    expect(call.body).toEqual({ project: 'acme', sender: 'jane@client.fr' });
  });

  it('shows an authorized client: balance, payment link, tickets, journal, and what each button calls', () => {
    installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
    const card = asCard(addon.onGmailMessage(addonEvent()));
    const text = visibleText(card);
    expect(card.title).toBe('Client SARL');
    expect(text).toContain('3 credits');
    expect(text).toContain('5 credits · €400.00');
    expect(text).toContain('Expires 2025-11-21 18:00');
    expect(text).toContain('[SG-12] In progress');
    expect(text).toContain('Site down <urgent>');
    expect(text).toContain('[SG-9] Resolved');
    expect(text).toContain('-1 → 3 credits');
    expect(text).toContain('+5 → 4 credits');
    // Subjects come from strangers: sent escaped to CardService's HTML.
    expect(JSON.stringify(card)).toContain('Site down &lt;urgent&gt;');
    expect(buttonNamed(card, 'Open payment link').openLink).toBe('https://checkout.stripe.com/c/pay/cs_test_2');
    // Every money button of one card carries the key the card was built with.
    const cardKey = buttonNamed(card, 'Grant 1').action?.parameters.cardKey;
    expect(cardKey).toMatch(/^[a-z0-9]{8,}$/);
    expect(buttonNamed(card, 'Grant 1').action).toEqual({ functionName: 'onGrant', parameters: { ...ctx, cardKey, amount: '1' } });
    expect(buttonNamed(card, 'Grant 5').action).toEqual({ functionName: 'onGrant', parameters: { ...ctx, cardKey, amount: '5' } });
    expect(buttonNamed(card, 'Grant').action).toEqual({ functionName: 'onGrant', parameters: { ...ctx, cardKey, amount: 'form' } });
    expect(buttonNamed(card, 'Revoke').action).toEqual({ functionName: 'onRevoke', parameters: { ...ctx, cardKey } });
    expect(buttonNamed(card, 'Refresh').action?.functionName).toBe('onRefresh');
    expect(inputNames(card)).toEqual(['credits', 'note']);
  });

  it('shows the credits about to expire under the balance, and nothing when none are', () => {
    installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
    const text = visibleText(asCard(addon.onGmailMessage(addonEvent())));
    expect(text).toContain('Expiring soon (2 credits)');
    expect(text).toContain('Expire 2025-12-15 09:00');
    const { route } = fakeCreditsApi();
    // A server older than credit expiry sends no upcomingExpiries at all.
    const without: Route = (path, body, headers) => {
      const r = route(path, body, headers);
      return path.endsWith('/sender') ? { ...r, json: { ...(r.json as object), upcomingExpiries: undefined } } : r;
    };
    installAppsScriptGlobals({ route: without, settings: CONFIGURED });
    expect(visibleText(asCard(addon.onGmailMessage(addonEvent())))).not.toContain('Expiring soon');
  });

  it('offers to authorize an unknown sender or their whole domain, with initial credits', () => {
    installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED, from: 'Bob <bob@stranger.io>' });
    const card = asCard(addon.onGmailMessage(addonEvent()));
    expect(visibleText(card)).toContain('bob@stranger.io is not a client of project acme');
    expect(inputNames(card)).toEqual(['initialCredits']);
    const p = { messageId: 'msg-1', sender: 'bob@stranger.io', project: 'acme' };
    expect(buttonNamed(card, 'Authorize this sender').action).toEqual({
      functionName: 'onAuthorize',
      parameters: { ...p, wholeDomain: 'false' },
    });
    expect(buttonNamed(card, 'Authorize all @stranger.io').action).toEqual({
      functionName: 'onAuthorize',
      parameters: { ...p, wholeDomain: 'true' },
    });
  });

  it('treats a 404 on the sender field as "not a client", not as a failure', () => {
    installAppsScriptGlobals({
      settings: CONFIGURED,
      route: () => ({ status: 404, json: { error: { code: 'sender_not_found', message: 'Unknown sender', field: 'sender' } } }),
    });
    expect(visibleText(asCard(addon.onGmailMessage(addonEvent())))).toContain('Not authorized');
  });
});

describe('money actions', () => {
  it('grants 1 once when the same card submits twice, and redraws the card with a new key', () => {
    const api = fakeCreditsApi();
    const fakes = installAppsScriptGlobals({ route: api.route, settings: CONFIGURED });
    const click = buttonNamed(asCard(addon.onGmailMessage(addonEvent())), 'Grant 1').action!;
    const first = asResponse(addon.onGrant(addonEvent(click.parameters)));
    const second = asResponse(addon.onGrant(addonEvent(click.parameters)));
    expect(first.notification).toBe('Granted 1 to jane@client.fr. Balance: 4.');
    expect(second.notification).toBe('Already granted (same click twice): balance 4.');
    expect(api.state.balance).toBe(4);
    const grants = fakes.fetches.filter((f) => f.url.endsWith('/grant'));
    expect(grants[0].body.idempotencyKey).toBe(grants[1].body.idempotencyKey);
    expect(String(grants[0].body.idempotencyKey)).toMatch(new RegExp(`^gmail:msg-1:grant:1:[a-z0-9]+:${click.parameters.cardKey}$`));
    expect(first.navigation[0].op).toBe('update');
    const redrawn = first.navigation[0].card!;
    expect(visibleText(redrawn)).toContain('4 credits');

    // A deliberate second grant, from the redrawn card, is a new movement, however soon it comes.
    const again = asResponse(addon.onGrant(addonEvent(buttonNamed(redrawn, 'Grant 1').action!.parameters)));
    expect(again.notification).toBe('Granted 1 to jane@client.fr. Balance: 5.');
  });

  it('refuses a money click from a card built without a key, without calling the API', () => {
    const fakes = installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
    const r = asResponse(addon.onGrant(addonEvent({ ...ctx, amount: '1' })));
    expect(r.notification).toBe('This card is out of date: click Refresh, then try again.');
    expect(fakes.fetches).toHaveLength(0);
  });

  it('grants N with a note from the form, and refuses a non-number without calling the API', () => {
    const api = fakeCreditsApi();
    const fakes = installAppsScriptGlobals({ route: api.route, settings: CONFIGURED });
    const ok = asResponse(addon.onGrant(addonEvent({ ...ctx, cardKey: 'card-1', amount: 'form' }, { credits: '10', note: 'goodwill' })));
    expect(ok.notification).toBe('Granted 10 to jane@client.fr. Balance: 13.');
    expect(fakes.fetches[0].body).toMatchObject({ credits: 10, note: 'goodwill', sender: 'jane@client.fr', project: 'acme' });
    const before = fakes.fetches.length;
    const bad = asResponse(addon.onGrant(addonEvent({ ...ctx, cardKey: 'card-1', amount: 'form' }, { credits: 'ten' })));
    expect(bad.notification).toBe('Credits must be a whole number of at least 1.');
    expect(bad.navigation).toEqual([]);
    expect(fakes.fetches.length).toBe(before);
  });

  it('says when a revoke moved fewer credits than asked', () => {
    installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
    const r = asResponse(addon.onRevoke(addonEvent({ ...ctx, cardKey: 'card-1' }, { credits: '10' })));
    expect(r.notification).toBe('Revoked 3 of 10 (balance never goes below 0). Balance: 0.');
  });

  it('authorizes a whole domain with initial credits, then shows the client card', () => {
    const api = fakeCreditsApi();
    const fakes = installAppsScriptGlobals({ route: api.route, settings: CONFIGURED });
    const r = asResponse(
      addon.onAuthorize(
        addonEvent({ messageId: 'msg-1', sender: 'bob@stranger.io', project: 'acme', wholeDomain: 'true' }, { initialCredits: '2' }),
      ),
    );
    expect(fakes.fetches[0].body).toEqual({ project: 'acme', sender: 'bob@stranger.io', wholeDomain: true, initialCredits: 2 });
    expect(r.notification).toBe('Authorized everyone @stranger.io as stranger.io. Balance: 2.');
    expect(visibleText(r.navigation[0].card!)).toContain('2 credits');
  });

  it('notifies what to do when an action hits a wrong key', () => {
    installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: { ...CONFIGURED, SUPPORTGATE_API_KEY: 'wrong' } });
    const r = asResponse(addon.onGrant(addonEvent({ ...ctx, cardKey: 'card-1', amount: '5' })));
    expect(r.notification).toMatch(/^Wrong API key\. .*Open Settings and paste the key/);
    expect(r.navigation).toEqual([]);
  });
});

describe('waive', () => {
  it('offers Waive on each ticket not yet waived; one click is one key, the same click twice gives back once', () => {
    const api = fakeCreditsApi();
    const fakes = installAppsScriptGlobals({ route: api.route, settings: CONFIGURED });
    const card = asCard(addon.onGmailMessage(addonEvent()));
    const waives = allButtons(card).filter((b) => b.text === 'Waive');
    const cardKey = buttonNamed(card, 'Grant 1').action?.parameters.cardKey;
    expect(waives.map((b) => b.action)).toEqual([
      { functionName: 'onWaive', parameters: { ...ctx, cardKey, ticketNumber: '12' } },
      { functionName: 'onWaive', parameters: { ...ctx, cardKey, ticketNumber: '9' } },
    ]);
    const first = asResponse(addon.onWaive(addonEvent(waives[0].action!.parameters, { note: 'our DNS bug' })));
    const second = asResponse(addon.onWaive(addonEvent(waives[0].action!.parameters, { note: 'our DNS bug' })));
    expect(first.notification).toBe('[SG-12] waived: 1 credit given back. Balance: 4.');
    expect(second.notification).toBe('[SG-12] was already waived: balance 4.');
    const sent = fakes.fetches.filter((f) => f.url.endsWith('/supportgate/tickets/waive')).map((f) => f.body);
    expect(sent[0]).toEqual({ project: 'acme', ticketNumber: 12, note: 'our DNS bug', idempotencyKey: `gmail:msg-1:waive:12:${cardKey}` });
    expect(sent[1]).toEqual(sent[0]);
    // Redrawn: the waived ticket says so and offers no second Waive.
    const redrawn = first.navigation[0].card!;
    expect(visibleText(redrawn)).toContain('[SG-12] In progress · waived');
    expect(
      allButtons(redrawn)
        .filter((b) => b.text === 'Waive')
        .map((b) => b.action?.parameters.ticketNumber),
    ).toEqual(['9']);
  });

  it('refuses a waive from a card built without a key, without calling the API', () => {
    const fakes = installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
    const r = asResponse(addon.onWaive(addonEvent({ ...ctx, ticketNumber: '12' })));
    expect(r.notification).toBe('This card is out of date: click Refresh, then try again.');
    expect(fakes.fetches).toHaveLength(0);
  });
});

describe('ticket status', () => {
  it('pushes a status picker, then saves the new status and returns to the refreshed card', () => {
    const api = fakeCreditsApi();
    const fakes = installAppsScriptGlobals({ route: api.route, settings: CONFIGURED });
    const sender = asCard(addon.onGmailMessage(addonEvent()));
    const statusButtons = allButtons(sender).filter((b) => b.text === 'Status');
    expect(statusButtons.map((b) => b.action?.parameters.ticketNumber)).toEqual(['12', '9']);
    const open = statusButtons[0];
    expect(open.action?.functionName).toBe('onOpenTicket');
    const pushed = asResponse(addon.onOpenTicket(addonEvent(open.action!.parameters)));
    const picker = pushed.navigation[0];
    expect(picker.op).toBe('push');
    const select = picker.card!.sections[0].widgets[0];
    expect(select).toMatchObject({ type: 'selection', fieldName: 'status', kind: 'DROPDOWN' });
    expect(select.type === 'selection' && select.items.find((i) => i.selected)?.value).toBe('in_progress');
    const save = buttonNamed(picker.card!, 'Save status');
    const saved = asResponse(addon.onSetTicketStatus(addonEvent(save.action!.parameters, { status: 'resolved', statusNote: 'fixed DNS' })));
    expect(fakes.fetches.at(-2)?.body).toEqual({ project: 'acme', ticketNumber: 12, status: 'resolved', note: 'fixed DNS' });
    expect(saved.notification).toBe('[SG-12] is now resolved.');
    expect(saved.navigation.map((n) => n.op)).toEqual(['pop', 'update']);
    expect(api.state.statuses.get(12)).toBe('resolved');
  });
});
