// `npm run bench` / `npm run eval`: runs the benchmarks (or the triage evaluation), each printing
// `figure <name> = <value> [unit] [ratio <r> vs <baseline>]` lines that anyone can grep.
import os from 'node:os';
import * as expiry from './expiry';
import * as ledger from './ledger';
import * as mail from './mail';
import * as statements from './statements';
import * as stripe from './stripe';
import * as evaluation from './eval';
import * as triggerToReply from './trigger-to-reply';
import * as gmailLatency from './gmail-latency';
import * as consoleBench from './console';

const suites: Record<string, { run(): Promise<void> }> = {
  ledger,
  statements,
  expiry,
  stripe,
  mail,
  'trigger-to-reply': triggerToReply,
  'gmail-latency': gmailLatency,
  console: consoleBench,
};

export async function main(args: string[]): Promise<void> {
  const selected =
    args[0] === 'eval'
      ? { eval: { run: () => evaluation.run(args.slice(1)) } }
      : args.length
        ? Object.fromEntries(args.map((a) => [a, suites[a]]))
        : suites;
  console.log(
    `# machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  for (const [name, suite] of Object.entries(selected)) {
    if (!suite) throw new Error(`unknown benchmark "${name}": choose from ${Object.keys(suites).join(', ')}`);
    const started = Date.now();
    console.log(`\n## ${name}`);
    await suite.run();
    console.log(`# ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
