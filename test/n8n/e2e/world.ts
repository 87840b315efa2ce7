/**
 * Everything an end-to-end run needs, real but local: a SQLite ledger seeded with the demo agency,
 * the local Gmail server holding the sample mails, local OpenAI and Stripe servers, and n8n
 * credentials pointing at them.
 */
import path from 'node:path';
import { openLedger, type Ledger } from '../../../core/ledger';
import { demoMails, seedDemoLedger, type DemoLedger, type DemoMail } from '../../fixtures/demo/seed';
import { GmailTestServer } from '../../support/gmail-server';
import { completion, startOpenAIServer, type LocalOpenAI } from '../../support/openai-server';
import { startStripeServer, type StripeTestServer } from '../../support/stripe-server';
import { n8n, readState } from '../harness';

const TOKEN = 'ya29.e2e-token';

export interface World {
  store: Ledger;
  demo: DemoLedger;
  gmail: GmailTestServer;
  openai: LocalOpenAI;
  stripe: StripeTestServer;
  mails: Record<string, DemoMail>;
  credentials: Record<string, { id: string; name: string }>;
  close(): Promise<void>;
}

/** What the local AI answers for a support request (rules decide newsletters and auto-replies first). */
export const SUPPORT_ANSWER = completion(
  JSON.stringify({
    is_support_request: true,
    category: 'bug',
    urgency: 'high',
    language: 'fr',
    summary: 'Contact form broken.',
    confidence: 0.95,
    reason: 'a bug report',
  }),
);

export async function startWorld(name: string): Promise<World> {
  const store = await openLedger({ kind: 'sqlite', path: path.join(readState().ledgerDir, `${name}.sqlite`) });
  const demo = await seedDemoLedger(store);
  const gmail = await new GmailTestServer({ accessToken: TOKEN }).start();
  gmail.me = 'support@agence-demo.fr';
  const mails = Object.fromEntries(demoMails().map((m) => [m.name, m]));
  for (const m of Object.values(mails)) gmail.addMessage(m.raw, { id: m.item.id, threadId: m.item.threadId });
  const openai = await startOpenAIServer();
  openai.script(SUPPORT_ANSWER);
  const stripe = await startStripeServer();
  const api = await n8n();
  const credentials = {
    supportGateLedgerApi: await api.createCredential(`Ledger ${name}`, 'supportGateLedgerApi', {
      store: 'sqlite',
      sqlitePath: path.join(readState().ledgerDir, `${name}.sqlite`),
    }),
    gmailOAuth2: await api.createCredential(`Gmail ${name}`, 'gmailOAuth2', {
      clientId: 'cid.apps.googleusercontent.com',
      clientSecret: 'secret',
      oauthTokenData: {
        access_token: TOKEN,
        refresh_token: '1//refresh',
        token_type: 'Bearer',
        expires_in: 3599,
        scope: 'https://www.googleapis.com/auth/gmail.modify',
      },
    }),
    supportGateOpenAiApi: await api.createCredential(`AI ${name}`, 'supportGateOpenAiApi', {
      apiKey: 'sk-local',
      baseUrl: openai.baseURL,
      model: 'local-model',
    }),
    supportGateStripeApi: await api.createCredential(`Stripe ${name}`, 'supportGateStripeApi', {
      secretKey: 'sk_test_supportgate',
      apiBaseUrl: `http://127.0.0.1:${stripe.port}`,
    }),
  };
  return {
    store,
    demo,
    gmail,
    openai,
    stripe,
    mails,
    credentials,
    async close() {
      await store.close();
      await Promise.all([gmail.stop(), openai.close(), stripe.stop()]);
    },
  };
}

/** Label names the local Gmail server holds on a message. */
export function labelsOf(gmail: GmailTestServer, messageId: string): string[] {
  const stored = gmail.messages.get(messageId);
  return (stored?.message.labelIds ?? []).map((id) => gmail.labels.get(id)?.name ?? id).sort();
}
