// Mail processing cost on hostile input (`npm run bench -- mail`): n8n runs every node on one
// event loop, so one slow mail stalls every workflow of the instance.
//   worst_case_body_ms: the slowest of the adversarial 64 KB bodies (test/support/adversarial-mail.ts)
//     through normalize (mailparser + cleaning) + pre-filter + offline classification.
//   mail_10mb_ms: the slowest of the 10 MB raw mail shapes, end to end the same way.
// Each case: two warm-ups (JIT), then the median of SUPPORTGATE_BENCH_RUNS runs (default 7).
import { normalizeRfc822 } from '../core/email/rfc822';
import { EmailInputError } from '../core/email/types';
import { classify } from '../core/triage/classify';
import { ADVERSARIAL_BODIES, ADVERSARIAL_RAW, BODY_SIZE, plainMail } from '../test/support/adversarial-mail';

const RUNS = Number(process.env.SUPPORTGATE_BENCH_RUNS ?? 7);
const WARM_UPS = 2;
const MAIL_SIZE = 10 * 1024 * 1024;

/** Raw mail → route, as the Classify node does it; a typed refusal counts as handled. */
async function processMail(raw: string): Promise<void> {
  try {
    await classify(await normalizeRfc822(raw));
  } catch (err) {
    if (!(err instanceof EmailInputError)) throw err;
  }
}

async function medianMs(raw: string): Promise<number> {
  for (let i = 0; i < WARM_UPS; i++) await processMail(raw);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await processMail(raw);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** Median per case, printed as a comment line; returns the slowest case. */
async function slowest(cases: Record<string, () => string>): Promise<{ name: string; ms: number }> {
  let worst = { name: '', ms: 0 };
  for (const [name, build] of Object.entries(cases)) {
    const ms = await medianMs(build());
    console.log(`# ${name}: ${ms.toFixed(1)} ms`);
    if (ms > worst.ms) worst = { name, ms };
  }
  return worst;
}

export async function run(): Promise<void> {
  const bodies = Object.fromEntries(Object.entries(ADVERSARIAL_BODIES).map(([name, body]) => [name, () => plainMail(body(BODY_SIZE))]));
  const body = await slowest(bodies);
  console.log(`figure worst_case_body_ms = ${body.ms.toFixed(1)} ms`);
  console.log(`# slowest 64 KB body: ${body.name} (goal < 20 ms)`);

  const mails = Object.fromEntries(Object.entries(ADVERSARIAL_RAW).map(([name, raw]) => [name, () => raw(MAIL_SIZE)]));
  const mail = await slowest(mails);
  console.log(`figure mail_10mb_ms = ${mail.ms.toFixed(1)} ms`);
  console.log(`# slowest 10 MB mail: ${mail.name} (goal < 500 ms)`);
}
