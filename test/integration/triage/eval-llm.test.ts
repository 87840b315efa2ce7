/**
 * The `npm run eval -- --llm` harness against the local OpenAI-compatible server: what it sends,
 * how it routes each answer (as Classify does), and the tokens and cost it reports.
 */
import { run } from '../../../bench/eval';
import { llmConfigFromEnv, runLlmEval } from '../../../bench/triage/llm-eval';
import type { Labelled } from '../../../bench/triage/offline-eval';
import { loadRealSet } from '../../../bench/triage/real-set';
import type { Classification } from '../../../core/triage/types';
import { completion, startOpenAIServer, type LocalOpenAI } from '../../support/openai-server';

const answer = (over: Partial<Classification>): string =>
  JSON.stringify({
    is_support_request: true,
    category: 'bug',
    urgency: 'normal',
    language: 'en',
    summary: 's',
    confidence: 0.9,
    reason: 'r',
    ...over,
  } satisfies Classification);

function mail(id: string, isSupport: boolean, kind: string, body: string, headers = ''): Labelled {
  const raw = `From: A <a@client.example>\r\nTo: support@example.org\r\nSubject: ${id}\r\nMessage-ID: <${id}@client.example>\r\n${headers}Content-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
  return { id, isSupport, kind, raw };
}

let server: LocalOpenAI;
const env = () => ({
  EVAL_LLM_API_KEY: 'sk-local',
  EVAL_LLM_MODEL: 'local-model',
  EVAL_LLM_BASE_URL: server.baseURL,
  EVAL_LLM_USD_PER_MTOK_IN: '1',
  EVAL_LLM_USD_PER_MTOK_OUT: '2',
  EVAL_LLM_CONCURRENCY: '1',
});

beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

test('each answer is routed as Classify routes it; rule-decided mail costs no call; tokens and cost per 1,000 mails', async () => {
  const items = [
    mail('m1', true, 'bug', 'The export button gives a 500 error since this morning.'),
    mail(
      'm2',
      false,
      'newsletter',
      'Our news of the month.',
      'List-Unsubscribe: <https://x.example/u>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n',
    ),
    mail('m3', false, 'spam', 'Cheap backlinks for your site.'),
    mail('m4', true, 'howto', 'How do I add a user to our account?'),
    mail('m5', true, 'error', 'Login fails with "invalid token".'),
  ];
  server.script(
    completion(answer({}), { promptTokens: 400 }),
    completion(answer({ is_support_request: false, category: 'spam' }), { promptTokens: 300 }),
    { kind: 'status', status: 400 },
    completion(answer({ confidence: 0.3 }), { promptTokens: 500 }),
  );
  const lines: string[] = [];
  const r = await runLlmEval(items, llmConfigFromEnv(env()), (l) => lines.push(l));

  expect(server.requests).toHaveLength(4);
  expect(server.requests[0].body.model).toBe('local-model');
  expect(r.outcomes.map((o) => o.route)).toEqual(['support', 'not_support', 'not_support', 'needs_review', 'needs_review']);
  expect(r.outcomes.map((o) => o.byRule)).toEqual([false, true, false, false, false]);
  expect(r).toMatchObject({ calls: 4, unavailable: 1, promptTokens: 1200, completionTokens: 180 });
  // (1200 × $1 + 180 × $2) / 1e6 over 5 mails, per 1,000 mails.
  expect(r.usdPer1000Mails).toBeCloseTo(((1200 + 360) / 1e6 / 5) * 1000, 9);
  expect(lines).toEqual(
    expect.arrayContaining([
      'figure real_llm_recall = 0.333',
      'figure real_llm_precision = 1',
      'figure real_llm_nonsupport_charged_share = 0',
      'figure real_llm_needs_review_share = 0.4',
      'figure real_llm_prefilter_support_lost = 0',
      'figure real_llm_prompt_tokens_per_1000_mails = 240000 tokens',
      'figure real_llm_usd_per_1000_mails = 0.312 USD',
    ]),
  );
});

test('npm run eval -- --llm classifies the real heldout side through the endpoint in the environment', async () => {
  server.script(completion(answer({}), { promptTokens: 250 }));
  const saved = { ...process.env };
  Object.assign(process.env, env());
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((l: string) => void lines.push(l));
  try {
    await run(['--llm']);
  } finally {
    log.mockRestore();
    process.env = saved;
  }
  const heldout = loadRealSet().filter((i) => i.split === 'heldout');
  expect(heldout.length).toBeGreaterThan(100);
  // One call for every heldout mail no rule decided (and that parses).
  expect(server.requests.length).toBeGreaterThan(heldout.length / 2);
  expect(server.requests.length).toBeLessThan(heldout.length);
  expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^figure real_llm_f1 = [\d.]+$/), 'figure real_llm_recall = 1']));
  expect(lines.find((l) => l.startsWith('figure real_llm_usd_per_1000_mails'))).toMatch(/= [\d.]+ USD$/);
});

test('without a key or model the harness says which variables to set', () => {
  expect(() => llmConfigFromEnv({})).toThrow(/EVAL_LLM_API_KEY.*EVAL_LLM_MODEL/);
});
