// Issue 19: `npm start` creates the local SupportGate Ledger credential and puts it in every
// Ledger slot of the templates it imports; every other slot stays unset for n8n to flag.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { descriptionsFromBuild } from '../../../scripts/n8n/credential-slots';
import { LOCAL_LEDGER, wireTemplates, writeLocalLedgerCredential } from '../../../scripts/n8n/local-defaults';

const repo = path.resolve(__dirname, '../../..');

test('the local ledger goes in every Ledger slot and nowhere else; the rest is reported unset', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'sg-wired-'));
  try {
    const wired = wireTemplates(path.join(repo, 'workflows'), out, { [LOCAL_LEDGER.type]: LOCAL_LEDGER }, descriptionsFromBuild(repo));
    const byFile = Object.fromEntries(wired.map((w) => [w.file, w]));
    type Wired = { nodes: Array<{ name: string; type: string; credentials?: Record<string, { id: string }> }> };
    const read = (file: string) => JSON.parse(readFileSync(path.join(out, file), 'utf8')) as Wired;
    const withCredentials = (file: string) =>
      Object.fromEntries(
        read(file)
          .nodes.filter((n) => n.credentials)
          .map((n) => [n.name, Object.keys(n.credentials!)]),
      );
    // The Gmail intake's ledger nodes live in the sub-workflow it calls.
    // The mailbox nodes too: the intake journal keeps each reply, notification and label once per mail.
    const mailboxNodes = read('process-mail.json')
      .nodes.filter((n) => n.type.endsWith('.gmailSupportActions'))
      .map((n) => n.name);
    expect(mailboxNodes.length).toBeGreaterThan(8);
    expect(withCredentials('process-mail.json')).toEqual({
      'Check Sender Credits': ['supportGateLedgerApi'],
      'Debit Credit': ['supportGateLedgerApi'],
      'Create Payment Link': ['supportGateLedgerApi'],
      'Top-up link': ['supportGateLedgerApi'],
      ...Object.fromEntries(mailboxNodes.map((name) => [name, ['supportGateLedgerApi']])),
    });
    expect(read('process-mail.json').nodes.find((n) => n.name === 'Debit Credit')!.credentials!.supportGateLedgerApi.id).toBe(
      LOCAL_LEDGER.id,
    );
    expect(withCredentials('gmail-intake.json')).toEqual({});

    const unsetTypes = (file: string) => [...new Set(byFile[file].unset.map((u) => `${u.type}${u.required ? '' : '?'}`))].sort();
    expect(unsetTypes('process-mail.json')).toEqual(['gmailOAuth2', 'supportGateOpenAiApi?', 'supportGateStripeApi']);
    expect(unsetTypes('gmail-intake.json')).toEqual(['gmailOAuth2']);
    expect(byFile['gmail-intake.json'].unset).toContainEqual({ node: 'Gmail Support Trigger', type: 'gmailOAuth2', required: true });
    expect(unsetTypes('stripe-payments.json')).toEqual(['gmailOAuth2', 'stripeApi', 'supportGateStripeApi']);
    // The IMAP variant asks for no Gmail credential, and the Gmail one for no IMAP credential.
    expect(unsetTypes('stripe-payments-imap.json')).toEqual(['stripeApi', 'supportGateImapSmtpApi', 'supportGateStripeApi']);
    // The Outlook variant: the Graph credential, no Gmail or IMAP one; its Outlook nodes' Ledger slots take the local ledger.
    expect(unsetTypes('stripe-payments-outlook.json')).toEqual(['stripeApi', 'supportGateGraphAppApi', 'supportGateStripeApi']);
    expect(unsetTypes('credits-api.json')).toEqual(['supportGateAddonApi']);
    expect(byFile['setup-first-project.json'].unset).toEqual([]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the credential file n8n imports: the ledger on its default SQLite path, with the fixed id', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-cred-'));
  try {
    writeLocalLedgerCredential(path.join(dir, 'c.json'));
    expect(JSON.parse(readFileSync(path.join(dir, 'c.json'), 'utf8'))).toEqual([
      { id: LOCAL_LEDGER.id, name: LOCAL_LEDGER.name, type: 'supportGateLedgerApi', data: { store: 'sqlite', sqlitePath: '' } },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
