// Issue 15, statements: the monthly template sends each account's statement once per month.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeProperties } from 'n8n-workflow';
import { GmailSupportActions } from '../../../nodes/GmailSupportActions/GmailSupportActions.node';
import { SupportGateLedger } from '../../../nodes/SupportGateLedger/SupportGateLedger.node';

interface NodeJson {
  name: string;
  type: string;
  parameters: Record<string, any>;
  onError?: string;
  credentials?: unknown;
}
const wf = JSON.parse(readFileSync(path.join(__dirname, '../../../workflows/monthly-statements.json'), 'utf8')) as {
  nodes: NodeJson[];
  connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};
const node = (name: string) => wf.nodes.find((n) => n.name === name)!;
const links = (from: string) => (wf.connections[from]?.main ?? []).map((out) => out.map((l) => l.node));

/** The operations a node offers, by resource (the Ledger) or alone (the mailbox nodes). */
function offers(properties: INodeProperties[], resource: string | null, operation: string): boolean {
  return properties.some(
    (p) =>
      p.name === 'operation' &&
      (resource === null || p.displayOptions?.show?.resource?.includes(resource)) &&
      (p.options as Array<{ value: string }>).some((o) => o.value === operation),
  );
}

test('fires on the first day of each month at 08:00', () => {
  expect(node('First day of the month, 08:00')).toMatchObject({
    type: 'n8n-nodes-base.scheduleTrigger',
    parameters: {
      rule: { interval: [{ field: 'months', monthsInterval: 1, triggerAtDayOfMonth: 1, triggerAtHour: 8, triggerAtMinute: 0 }] },
    },
  });
});

test('accounts with movements last month → their statement, recorded once per period → one Gmail send each', () => {
  expect(links('First day of the month, 08:00')).toEqual([['Accounts with movements']]);
  expect(links('Accounts with movements')).toEqual([['Statement']]);
  expect(links('Statement')).toEqual([['Send statement']]);
  expect(links('Send statement')).toEqual([]);
  expect(node('Accounts with movements').parameters).toMatchObject({
    resource: 'account',
    operation: 'listWithMovements',
    period: 'previousMonth',
  });
  // The statement covers exactly the month the list was made for, and claims its one send.
  expect(node('Statement').parameters).toMatchObject({
    resource: 'credits',
    operation: 'statement',
    accountBy: 'accountId',
    period: 'month',
    month: '={{ $json.period.month }}',
    statementOptions: { oncePerPeriod: true },
  });
  expect(node('Send statement').parameters).toMatchObject({
    operation: 'sendEmail',
    sendTo: '={{ $json.sendTo }}',
    subject: '={{ $json.mail.subject }}',
    message: '={{ $json.mail.text }}',
    html: '={{ $json.mail.html }}',
  });
  // One account that fails (no sender, a refused send) fails alone, on the unwired Failed output.
  expect([node('Statement').onError, node('Send statement').onError]).toEqual(['continueRegularOutput', 'continueRegularOutput']);
});

test('every node and operation it uses exists, and it ships no credential', () => {
  const ledger = new SupportGateLedger().description.properties;
  expect(offers(ledger, 'account', 'listWithMovements')).toBe(true);
  expect(offers(ledger, 'credits', 'statement')).toBe(true);
  expect(offers(new GmailSupportActions().description.properties, null, 'sendEmail')).toBe(true);
  expect(wf.nodes.filter((n) => n.credentials)).toEqual([]);
});
