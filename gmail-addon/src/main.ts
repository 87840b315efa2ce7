/// <reference path="../types/apps-script.d.ts" />
/**
 * Entry point: every callback Apps Script can call. build.mjs bundles this file as the global
 * `SupportGate` and appends top-level stubs. No callback returns nothing: failures become an
 * error card (triggers) or a notification (button actions).
 */
import './polyfills';
import type { SetTicketStatusRequest } from '../../core/ledger/api-schemas';
import { ApiClientError, createApiClient, type ApiClient } from './api-client';
import { buildErrorCard, buildHomepageCard, buildSettingsCard, errorNotice } from './cards';
import { formValue, InputError, param, parseSenderAddress, wholeNumber } from './event';
import { CARD_KEY_PARAM, idempotencyKey, waiveIdempotencyKey } from './idempotency';
import { buildSenderCard, buildTicketCard, contextParams, type MessageContext } from './sender-card';
import { isConfigured, readSettings, saveSettings, validateSettings, type AddonSettings } from './settings';
import { notify, plural } from './ui';
import { createUrlFetchFetcher } from './url-fetch-fetcher';

type Event = GoogleAppsScript.Addons.EventObject;
type Card = GoogleAppsScript.Card.Card;

const PROBE_SENDER = 'connection-test@example.com';
const store = () => PropertiesService.getUserProperties();
const clientFor = (settings: AddonSettings): ApiClient => createApiClient(createUrlFetchFetcher(), settings);
const notConfigured = () => new ApiClientError('not_configured', 'The Credits API URL, key or default project is not set.');

function asApiError(error: unknown): ApiClientError {
  if (error instanceof ApiClientError) return error;
  return new ApiClientError('server', error instanceof Error ? error.message : String(error));
}

/** Unknown sender answered as 404 on the sender field means "not a client", not a failure. */
function isUnknownSender(error: ApiClientError): boolean {
  return error.kind === 'not_found' && (error.field === 'sender' || /sender/i.test(error.code ?? ''));
}

function loadSenderCard(ctx: MessageContext, settings: AddonSettings): Card {
  try {
    return buildSenderCard(ctx, clientFor(settings).senderCredits({ project: ctx.project, sender: ctx.sender }));
  } catch (error) {
    const apiError = asApiError(error);
    if (isUnknownSender(apiError)) {
      return buildSenderCard(ctx, { authorized: false, account: null, balance: 0, history: [], openPaymentLinks: [], tickets: [] });
    }
    return buildErrorCard(apiError, { params: contextParams(ctx) });
  }
}

function contextFromParams(e: Event, settings: AddonSettings): MessageContext {
  return { messageId: param(e, 'messageId'), sender: param(e, 'sender'), subject: '', project: param(e, 'project') || settings.project };
}

export function onHomepage(_e?: Event): Card {
  return buildHomepageCard(readSettings(store()));
}

export function onGmailMessage(e: Event): Card {
  const settings = readSettings(store());
  if (!isConfigured(settings)) return buildErrorCard(notConfigured(), null);
  const messageId = e.gmail?.messageId ?? '';
  let sender = '';
  let subject = '';
  try {
    GmailApp.setCurrentMessageAccessToken(e.gmail?.accessToken ?? '');
    const message = GmailApp.getMessageById(messageId);
    sender = parseSenderAddress(message?.getFrom() ?? '');
    subject = message?.getSubject() ?? '';
  } catch (error) {
    return buildErrorCard(
      new ApiClientError(
        'invalid_request',
        `Gmail did not let the add-on read this message (${error instanceof Error ? error.message : String(error)}). Reopen the mail.`,
      ),
      null,
    );
  }
  if (!sender)
    return buildErrorCard(new ApiClientError('invalid_request', 'This message has no readable sender address.', undefined, 'sender'), null);
  return loadSenderCard({ messageId, sender, subject, project: settings.project }, settings);
}

export function onRefresh(e: Event) {
  const settings = readSettings(store());
  const card = loadSenderCard(contextFromParams(e, settings), settings);
  return CardService.newActionResponseBuilder().setNavigation(CardService.newNavigation().updateCard(card)).build();
}

/** Runs a money or admin action, then redraws the sender card so the person sees the result. */
function act(e: Event, run: (client: ApiClient, ctx: MessageContext) => string) {
  const settings = readSettings(store());
  if (!isConfigured(settings)) return notify(errorNotice(notConfigured()));
  const ctx = contextFromParams(e, settings);
  let message: string;
  try {
    message = run(clientFor(settings), ctx);
  } catch (error) {
    if (error instanceof InputError) return notify(error.message);
    return notify(errorNotice(asApiError(error)));
  }
  return notify(message, CardService.newNavigation().updateCard(loadSenderCard(ctx, settings)));
}

/** The key the clicked card was built with; a card from before keys were per card has none. */
function cardKey(e: Event): string {
  const key = param(e, CARD_KEY_PARAM);
  if (!key) throw new InputError('This card is out of date: click Refresh, then try again.');
  return key;
}

function creditsFromForm(e: Event): number {
  const credits = wholeNumber(formValue(e, 'credits'), 1);
  if (credits === null) throw new InputError('Credits must be a whole number of at least 1.');
  return credits;
}

export function onGrant(e: Event) {
  return act(e, (client, ctx) => {
    const amount = param(e, 'amount');
    const fromForm = amount === 'form';
    const credits = fromForm ? creditsFromForm(e) : Number(amount);
    const note = fromForm ? formValue(e, 'note') : '';
    const result = client.grant({
      project: ctx.project,
      sender: ctx.sender,
      credits,
      note,
      idempotencyKey: idempotencyKey(ctx.messageId, 'grant', credits, cardKey(e), note),
    });
    return result.status === 'already_done'
      ? `Already granted (same click twice): balance ${result.balance}.`
      : `Granted ${result.credits} to ${ctx.sender}. Balance: ${result.balance}.`;
  });
}

export function onRevoke(e: Event) {
  return act(e, (client, ctx) => {
    const credits = creditsFromForm(e);
    const note = formValue(e, 'note');
    const result = client.revoke({
      project: ctx.project,
      sender: ctx.sender,
      credits,
      note,
      idempotencyKey: idempotencyKey(ctx.messageId, 'revoke', credits, cardKey(e), note),
    });
    if (result.status === 'already_done') return `Already revoked (same click twice): balance ${result.balance}.`;
    return result.credits < credits
      ? `Revoked ${result.credits} of ${credits} (balance never goes below 0). Balance: ${result.balance}.`
      : `Revoked ${result.credits} from ${ctx.sender}. Balance: ${result.balance}.`;
  });
}

/** Staff marks a ticket not chargeable: its credit comes back; the Note field says why. */
export function onWaive(e: Event) {
  return act(e, (client, ctx) => {
    const ticketNumber = Number(param(e, 'ticketNumber'));
    const note = formValue(e, 'note');
    const result = client.waive({
      project: ctx.project,
      ticketNumber,
      note,
      idempotencyKey: waiveIdempotencyKey(ctx.messageId, ticketNumber, cardKey(e)),
    });
    return result.status === 'already_done'
      ? `[SG-${ticketNumber}] was already waived: balance ${result.balance}.`
      : `[SG-${ticketNumber}] waived: ${plural(result.credits, 'credit')} given back. Balance: ${result.balance}.`;
  });
}

export function onAuthorize(e: Event) {
  return act(e, (client, ctx) => {
    const raw = formValue(e, 'initialCredits') || '0';
    const initialCredits = wholeNumber(raw, 0);
    if (initialCredits === null) throw new InputError('Initial credits must be a whole number (0 or more).');
    const wholeDomain = param(e, 'wholeDomain') === 'true';
    const result = client.authorize({ project: ctx.project, sender: ctx.sender, wholeDomain, initialCredits });
    const who = wholeDomain ? `everyone @${ctx.sender.split('@')[1]}` : ctx.sender;
    return result.created
      ? `Authorized ${who} as ${result.account.name}. Balance: ${result.balance}.`
      : `${who} was already authorized (${result.account.name}). Balance: ${result.balance}.`;
  });
}

export function onOpenTicket(e: Event) {
  const settings = readSettings(store());
  const ticket = { number: Number(param(e, 'ticketNumber')), status: param(e, 'ticketStatus'), subject: param(e, 'ticketSubject') };
  return CardService.newActionResponseBuilder()
    .setNavigation(CardService.newNavigation().pushCard(buildTicketCard(contextFromParams(e, settings), ticket)))
    .build();
}

export function onSetTicketStatus(e: Event) {
  const settings = readSettings(store());
  if (!isConfigured(settings)) return notify(errorNotice(notConfigured()));
  const ctx = contextFromParams(e, settings);
  try {
    const note = formValue(e, 'statusNote');
    const { ticket } = clientFor(settings).setTicketStatus({
      project: ctx.project,
      ticketNumber: Number(param(e, 'ticketNumber')),
      status: formValue(e, 'status') as SetTicketStatusRequest['status'],
      ...(note ? { note } : {}),
    });
    return notify(
      `[SG-${ticket.number}] is now ${ticket.status.replace('_', ' ')}.`,
      CardService.newNavigation().popCard().updateCard(loadSenderCard(ctx, settings)),
    );
  } catch (error) {
    return notify(errorNotice(asApiError(error)));
  }
}

export function onOpenSettings(_e?: Event) {
  return CardService.newActionResponseBuilder()
    .setNavigation(CardService.newNavigation().pushCard(buildSettingsCard(readSettings(store()))))
    .build();
}

export function onSettingsUniversal(_e?: Event) {
  return CardService.newUniversalActionResponseBuilder()
    .displayAddOnCards([buildSettingsCard(readSettings(store()))])
    .build();
}

export function onSaveSettings(e: Event) {
  const properties = store();
  try {
    const settings = validateSettings(
      { baseUrl: formValue(e, 'baseUrl'), apiKey: formValue(e, 'apiKey'), project: formValue(e, 'project') },
      readSettings(properties),
    );
    saveSettings(properties, settings);
    return notify(
      'Settings saved. Use "Test connection" to check them.',
      CardService.newNavigation().updateCard(buildSettingsCard(settings, "Saved. Open a mail to see its sender's credits.")),
    );
  } catch (error) {
    return notify(error instanceof Error ? error.message : String(error));
  }
}

/** Tests the form's values when given (before saving), else the stored ones. */
export function onTestConnection(e: Event) {
  const stored = readSettings(store());
  const settings: AddonSettings = {
    baseUrl: formValue(e, 'baseUrl') || stored.baseUrl,
    apiKey: formValue(e, 'apiKey') || stored.apiKey,
    project: formValue(e, 'project') || stored.project,
  };
  if (!isConfigured(settings)) return notify(errorNotice(notConfigured()));
  try {
    clientFor(settings).senderCredits({ project: settings.project, sender: PROBE_SENDER });
  } catch (error) {
    const apiError = asApiError(error);
    if (!isUnknownSender(apiError)) return notify(`Connection failed. ${errorNotice(apiError)}`);
  }
  return notify(`Connected: the Credits API answers for project ${settings.project}.`);
}
