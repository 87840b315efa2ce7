/// <reference path="../../../../gmail-addon/types/apps-script.d.ts" />
/**
 * In-memory Apps Script globals (PropertiesService, GmailApp, UrlFetchApp) and a small fake
 * Credits API behind UrlFetchApp that answers with schema-typed payloads and keeps idempotency
 * keys, so handler tests exercise the real client, adapter and cards end to end.
 */
import type {
  AuthorizeSenderResponse,
  MoneyResponse,
  SenderCreditsResponse,
  SetTicketStatusResponse,
  WaiveTicketResponse,
} from '../../../../core/ledger/api-schemas';
import { createCardServiceDouble } from './card-service-double';

export interface RecordedFetch {
  url: string;
  params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
  body: Record<string, unknown>;
}
export type Route = (path: string, body: Record<string, unknown>, headers: Record<string, string>) => { status: number; json: unknown };

export const KEY = 'sg_test_key_1234';
export const BASE = 'https://n8n.agency.test/webhook';

export function janeCredits(balance = 3, waived: ReadonlySet<number> = new Set()): SenderCreditsResponse {
  return {
    authorized: true,
    account: { id: 'acc_1', name: 'Client SARL' },
    balance,
    history: [
      {
        id: 'j3',
        kind: 'debit',
        credits: -1,
        balanceAfter: balance,
        ticketId: 'SG-12',
        actor: 'gate',
        note: null,
        createdAt: '2025-11-20T09:15:00.000Z',
      },
      {
        id: 'j2',
        kind: 'purchase',
        credits: 5,
        balanceAfter: balance + 1,
        ticketId: null,
        actor: 'stripe',
        note: 'cs_test_1',
        createdAt: '2025-11-19T18:00:00.000Z',
      },
    ],
    openPaymentLinks: [
      {
        url: 'https://checkout.stripe.com/c/pay/cs_test_2',
        credits: 5,
        amountMinor: 40000,
        currency: 'eur',
        price: '€400.00',
        expiresAt: '2025-11-21T18:00:00.000Z',
      },
    ],
    tickets: [
      {
        id: 't12',
        number: 12,
        subject: 'Site down <urgent>',
        status: 'in_progress',
        waived: waived.has(12),
        createdAt: '2025-11-20T09:15:00.000Z',
      },
      { id: 't9', number: 9, subject: 'Invoice copy', status: 'resolved', waived: waived.has(9), createdAt: '2025-11-02T10:00:00.000Z' },
    ],
    upcomingExpiries: [{ credits: 2, expiresAt: '2025-12-15T09:00:00.000Z' }],
  };
}

/** A stateful fake of the n8n Credits API for one authorized client and strangers. */
export function fakeCreditsApi() {
  const state = {
    balance: 3,
    authorized: new Set(['jane@client.fr']),
    keys: new Map<string, MoneyResponse>(),
    statuses: new Map<number, string>(),
    waived: new Set<number>(),
    waiveKeys: [] as string[],
  };
  const route: Route = (path, body, headers) => {
    if (headers['X-SupportGate-Key'] !== KEY) return { status: 401, json: { error: { code: 'unauthorized', message: 'Bad key' } } };
    if (body.project !== 'acme')
      return {
        status: 404,
        json: { error: { code: 'project_not_found', message: `Unknown project ${String(body.project)}`, field: 'project' } },
      };
    const sender = String(body.sender ?? '');
    switch (path) {
      case 'supportgate/credits/sender': {
        if (!state.authorized.has(sender))
          return {
            status: 200,
            json: {
              authorized: false,
              account: null,
              balance: 0,
              history: [],
              openPaymentLinks: [],
              tickets: [],
            } satisfies SenderCreditsResponse,
          };
        return { status: 200, json: janeCredits(state.balance, state.waived) };
      }
      case 'supportgate/credits/grant':
      case 'supportgate/credits/revoke': {
        const key = String(body.idempotencyKey);
        const previous = state.keys.get(key);
        if (previous) return { status: 200, json: { ...previous, status: 'already_done' } satisfies MoneyResponse };
        const asked = Number(body.credits);
        const moved = path.endsWith('grant') ? asked : Math.min(asked, state.balance);
        state.balance += path.endsWith('grant') ? moved : -moved;
        const result: MoneyResponse = { status: 'done', balance: state.balance, credits: moved, entryId: `j${state.keys.size + 10}` };
        state.keys.set(key, result);
        return { status: 200, json: result };
      }
      case 'supportgate/credits/authorize': {
        const created = !state.authorized.has(sender);
        state.authorized.add(sender);
        if (created) state.balance = Number(body.initialCredits ?? 0);
        return {
          status: 200,
          json: { account: { id: 'acc_2', name: sender.split('@')[1] }, balance: state.balance, created } satisfies AuthorizeSenderResponse,
        };
      }
      case 'supportgate/tickets/status': {
        const ticket = janeCredits().tickets.find((t) => t.number === body.ticketNumber);
        if (!ticket)
          return { status: 404, json: { error: { code: 'ticket_not_found', message: 'No such ticket', field: 'ticketNumber' } } };
        state.statuses.set(ticket.number, String(body.status));
        return { status: 200, json: { ticket: { ...ticket, status: body.status } } as SetTicketStatusResponse };
      }
      case 'supportgate/tickets/waive': {
        // Like the ledger: once per ticket, whatever the key.
        const ticket = janeCredits().tickets.find((t) => t.number === body.ticketNumber);
        if (!ticket) return { status: 404, json: { error: { code: 'unknown_ticket', message: 'No such ticket', field: 'ticketNumber' } } };
        state.waiveKeys.push(String(body.idempotencyKey));
        const first = !state.waived.has(ticket.number);
        if (first) {
          state.waived.add(ticket.number);
          state.balance += 1;
        }
        const result: WaiveTicketResponse = {
          status: first ? 'done' : 'already_done',
          balance: state.balance,
          credits: 1,
          entryId: `w${ticket.number}`,
          ticket: { ...ticket, waived: true },
        };
        return { status: 200, json: result };
      }
    }
    return { status: 404, json: { error: { code: 'not_found', message: 'no route' } } };
  };
  return { state, route };
}

export interface InstalledFakes {
  fetches: RecordedFetch[];
  properties: Map<string, string>;
  setRoute(route: Route | Error): void;
  tokens: string[];
}

/** Puts CardService, PropertiesService, GmailApp and UrlFetchApp on globalThis, as Apps Script does. */
export function installAppsScriptGlobals(options: { route: Route; from?: string; settings?: Record<string, string> }): InstalledFakes {
  const properties = new Map<string, string>(Object.entries(options.settings ?? {}));
  const fetches: RecordedFetch[] = [];
  const tokens: string[] = [];
  let route: Route | Error = options.route;
  const g = globalThis as Record<string, unknown>;
  g.CardService = createCardServiceDouble();
  g.PropertiesService = {
    getUserProperties: () => {
      const store: GoogleAppsScript.Properties.Properties = {
        getProperty: (k) => properties.get(k) ?? null,
        setProperty: (k, v) => {
          properties.set(k, v);
          return store;
        },
        deleteProperty: (k) => {
          properties.delete(k);
          return store;
        },
      };
      return store;
    },
  } satisfies GoogleAppsScript.Properties.PropertiesServiceApi;
  g.GmailApp = {
    setCurrentMessageAccessToken: (t) => {
      tokens.push(t);
    },
    getMessageById: (id) => {
      if (tokens.length === 0) throw new Error('Access denied: call setCurrentMessageAccessToken first');
      return { getId: () => id, getFrom: () => options.from ?? '"Jane Doe" <Jane@Client.fr>', getSubject: () => 'Site down' };
    },
  } satisfies GoogleAppsScript.Gmail.GmailAppApi;
  g.UrlFetchApp = {
    fetch: (url, params) => {
      const body = JSON.parse(params.payload ?? '{}') as Record<string, unknown>;
      fetches.push({ url, params, body });
      if (route instanceof Error) throw route;
      if (!url.startsWith(`${BASE}/`)) throw new Error(`Address unavailable: ${url}`);
      const answer = route(url.slice(BASE.length + 1), body, params.headers ?? {});
      if (answer.status >= 400 && !params.muteHttpExceptions) throw new Error(`Request failed for ${url} returned code ${answer.status}`);
      return { getResponseCode: () => answer.status, getContentText: () => JSON.stringify(answer.json) };
    },
  } satisfies GoogleAppsScript.URL_Fetch.UrlFetchAppApi;
  return {
    fetches,
    properties,
    tokens,
    setRoute: (r) => {
      route = r;
    },
  };
}

export const CONFIGURED = { SUPPORTGATE_BASE_URL: BASE, SUPPORTGATE_API_KEY: KEY, SUPPORTGATE_PROJECT: 'acme' };

/** Builds a Gmail add-on event the way Gmail sends one (commonEventObject + legacy fields). */
export function addonEvent(
  parameters: Record<string, string> = {},
  form: Record<string, string> = {},
): GoogleAppsScript.Addons.EventObject {
  const formInputs = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, { stringInputs: { value: [v] } }]));
  return {
    commonEventObject: { parameters, formInputs },
    parameters,
    formInput: form,
    gmail: { messageId: 'msg-1', accessToken: 'token-1' },
  };
}
