import { nodeTypes } from './harness/node-types';

// An n8n AI Agent fills a tool's arguments from text a client's mail can steer: a node that
// moves money or sends mail must never be offered as a tool. Read from the node types the real
// n8n loaded, where each node with usableAsTool gets a `<name>Tool` variant.
const SENDS_MAIL_OR_MOVES_MONEY = ['supportGateStripeApi', 'gmailOAuth2', 'supportGateGraphAppApi', 'supportGateAddonApi'];
/** Read-only on money and mail: the gate only looks up, Classify only reads the mail. */
const READ_ONLY = ['checkSenderCredits', 'classifySupportEmail'];

test('only read-only nodes are offered to AI agents as tools', async () => {
  const types = await nodeTypes();
  const tools = [...types.keys()]
    .filter((name) => name.endsWith('Tool'))
    .map((name) => name.slice(0, -'Tool'.length))
    .sort();
  // n8n does make tool variants of our nodes (else this test would prove nothing).
  expect(tools).toEqual(READ_ONLY);
  for (const [name, type] of types) {
    if (!(type.credentials ?? []).some((c) => SENDS_MAIL_OR_MOVES_MONEY.includes(c.name))) continue;
    expect([name, types.has(`${name}Tool`)]).toEqual([name, false]);
  }
});
