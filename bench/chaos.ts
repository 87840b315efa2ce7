// `npm run chaos`: the Gmail intake in real n8n queue mode (main + 2 workers, PostgreSQL for n8n and
// for the ledger, Redis), fed 200 mails and ~60 redeliveries while a worker is killed with -9 and
// main is killed and started again, then the reconcile sweep until nothing is left. Counts from
// the local Gmail server, the ledger and the intake journal what was lost or done twice, and
// compares the throughput with one regular-mode n8n (SQLite ledger) under the same load.
//
// Options: --mails N (200), --redeliveries N (30% of mails), --clients N (20), --unpaid N (clients
// without credit, 4), --concurrency N (deliveries in flight, 10), --redis-db N (7), --send-failures N
// (Gmail sends answered 503 during phase 2, 6),
// --no-regular (skip the regular-mode baseline), --no-build, --keep (keep logs and databases).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLedger, type Ledger } from '../core/ledger';
import { buildPackage } from '../scripts/n8n/build-package';
import { descriptionsFromBuild } from '../scripts/n8n/credential-slots';
import { freePort } from '../scripts/n8n/free-port';
import { installPackageInto } from '../scripts/n8n/install-package';
import { N8nClient } from '../test/n8n/harness/n8n-client';
import { deploy, loadTemplate, testCopy, type TestCopy } from '../test/n8n/e2e/template';
import { GmailTestServer } from '../test/support/gmail-server';
import { startStripeServer } from '../test/support/stripe-server';
import { createDatabases, databaseUrl, dropDatabases, killHard, query, RedisScope, spawnN8n, stop, type N8nProcess } from './chaos/cluster';
import { deliver, pump, tally, triggerItem, type Answer, type Delivery } from './chaos/drive';
import { chaosClients, chaosMails, type ChaosClient, type ChaosMail } from './chaos/mails';
import { measure, postgresQuery, sqliteQuery, type Outcome } from './chaos/measure';

const SUPPORT = 'support@chaos-agency.example';
const TOKEN = 'ya29.chaos';
const ENCRYPTION_KEY = 'supportgate-chaos-key';
/** A delivery n8n has not answered after this is given up by the driver (its execution may still finish). */
const DELIVERY_TIMEOUT_MS = 60_000;

interface Options {
  mails: number;
  redeliveries: number;
  clients: number;
  unpaid: number;
  concurrency: number;
  redisDb: number;
  sendFailures: number;
  regular: boolean;
  build: boolean;
  keep: boolean;
}

function parseOptions(args: string[]): Options {
  const value = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    const v = i >= 0 ? Number(args[i + 1]) : fallback;
    if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} takes a whole number (got ${args[i + 1]})`);
    return v;
  };
  const mails = value('mails', 200);
  const clients = value('clients', 20);
  const o: Options = {
    mails,
    clients,
    redeliveries: value('redeliveries', Math.round(mails * 0.3)),
    unpaid: value('unpaid', Math.min(4, Math.floor(clients / 5))),
    concurrency: value('concurrency', 10),
    redisDb: value('redis-db', 7),
    sendFailures: value('send-failures', 6),
    regular: !args.includes('--no-regular'),
    build: !args.includes('--no-build'),
    keep: args.includes('--keep'),
  };
  if (o.mails < 4 || o.clients < 1 || o.unpaid > o.clients || o.concurrency < 1)
    throw new Error('need --mails ≥ 4, --clients ≥ 1, --unpaid ≤ --clients, --concurrency ≥ 1');
  return o;
}

const t0 = Date.now();
const clock = () => {
  const s = Math.floor((Date.now() - t0) / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
const step = (m: string) => console.log(`# [${clock()}] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The agency: one project, its support address, the clients (some with credit, some without). */
async function seed(store: Ledger, clients: ChaosClient[]): Promise<string> {
  const project = await store.createProject({
    name: 'chaos-agency',
    priceMinor: 4500,
    currency: 'EUR',
    settings: {
      successUrl: 'https://chaos-agency.example/merci',
      cancelUrl: 'https://chaos-agency.example/annule',
      defaultLanguage: 'fr',
      trustedAuthservId: 'mx.google.com',
    },
  });
  await store.addRecipient(project.id, SUPPORT);
  for (const c of clients) {
    const { account } = await store.authorizeSender(project.id, c.address, {
      accountName: c.name,
      ...(c.credits > 0 ? { initialCredits: c.credits } : {}),
      actor: 'chaos',
    });
    await store.authorizeDomain(project.id, account.id, c.domain);
  }
  return project.id;
}

function mailbox(mails: ChaosMail[]): GmailTestServer {
  const gmail = new GmailTestServer({ accessToken: TOKEN });
  gmail.me = SUPPORT;
  for (const m of mails) gmail.addMessage(m.raw, { id: m.id, threadId: m.threadId });
  return gmail;
}

async function credentialsFor(api: N8nClient, ledgerData: Record<string, unknown>, stripeUrl: string) {
  return {
    supportGateLedgerApi: await api.createCredential('Chaos ledger', 'supportGateLedgerApi', ledgerData),
    gmailOAuth2: await api.createCredential('Chaos Gmail (local)', 'gmailOAuth2', {
      clientId: 'chaos',
      clientSecret: 'chaos',
      oauthTokenData: { access_token: TOKEN, refresh_token: '1//chaos', token_type: 'Bearer' },
    }),
    // No AI credential: the offline classifier decides, so no OpenAI server is needed.
    supportGateOpenAiApi: null,
    supportGateStripeApi: await api.createCredential('Chaos Stripe (local)', 'supportGateStripeApi', {
      secretKey: 'sk_test_chaos',
      apiBaseUrl: stripeUrl,
    }),
  };
}

/** The shipped intake and sweep with their triggers swapped for webhooks (test/n8n/e2e/template.ts). */
async function deployWorkflows(api: N8nClient, credentials: Record<string, { id: string; name: string } | null>, gmailRootUrl: string) {
  const nodeTypes = descriptionsFromBuild();
  const copy = (file: string, trigger: string): TestCopy => testCopy(loadTemplate(file), { nodeTypes, credentials, trigger, gmailRootUrl });
  const intakeCopy = copy('gmail-intake.json', 'Gmail Support Trigger');
  const sweepCopy = copy('gmail-reconcile.json', 'Every 30 minutes');
  const intake = await deploy(api, intakeCopy);
  const sweep = await deploy(api, sweepCopy);
  return { intake: { id: intake.id, hook: intakeCopy.hook }, sweep: { id: sweep.id, hook: sweepCopy.hook } };
}

const rate = (n: number, ms: number) => n / (ms / 1000);

export async function main(args: string[]): Promise<void> {
  const o = parseOptions(args);
  const tag = `${process.pid}`;
  const dbs = { n8n: `sg_chaos_${tag}_n8n`, ledger: `sg_chaos_${tag}_ledger` };
  const prefix = `sgchaos${tag}`;
  const work = mkdtempSync(path.join(os.tmpdir(), 'sg-chaos-'));
  const logDir = path.join(work, 'logs');
  mkdirSync(logDir, { recursive: true });
  console.log(
    `# machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  step(
    `chaos: ${o.mails} mails from ${o.clients} clients (${o.unpaid} without credit), ${o.redeliveries} redeliveries, ${o.concurrency} in flight; logs in ${logDir}`,
  );

  const processes: N8nProcess[] = [];
  const closers: Array<() => Promise<unknown>> = [];
  const redis = new RedisScope('127.0.0.1', 6379, o.redisDb, prefix);
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await Promise.all(processes.map((p) => stop(p).catch(() => undefined)));
    for (const close of closers.reverse()) await close().catch((e) => console.error(`# cleanup: ${(e as Error).message}`));
    if (!o.keep) {
      await dropDatabases([dbs.n8n, dbs.ledger]).catch((e) =>
        console.error(`# could not drop ${dbs.n8n}, ${dbs.ledger}: ${(e as Error).message}`),
      );
      const keys = await redis.cleanup([prefix]).catch(() => -1);
      step(`cleaned up: databases ${dbs.n8n} and ${dbs.ledger} dropped, ${keys} Redis keys of ${prefix}* (DB ${o.redisDb}) deleted`);
    }
    await redis.close();
  };
  const onSignal = (sig: NodeJS.Signals) => {
    console.error(`# ${sig}: stopping n8n and dropping the chaos databases`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let failed = false;
  let keepLogs = o.keep;
  try {
    await redis.check();
    if (o.build) buildPackage(step);
    const clients = chaosClients(o.clients, o.unpaid);
    const mails = chaosMails(clients, o.mails, SUPPORT, tag);
    const items = new Map(await Promise.all(mails.map(async (m) => [m.id, await triggerItem(m)] as const)));
    const half = Math.ceil(mails.length / 2);

    // ---------- queue mode ----------
    step(`PostgreSQL: creating databases ${dbs.n8n} (n8n) and ${dbs.ledger} (ledger); Redis DB ${o.redisDb}, prefix ${prefix}`);
    await createDatabases([dbs.n8n, dbs.ledger]);
    const ledgerUrl = databaseUrl(dbs.ledger);
    const store = await openLedger({ kind: 'postgres', connectionString: ledgerUrl, maxConnections: 4 });
    closers.push(() => store.close());
    await seed(store, clients);
    const gmail = await mailbox(mails).start();
    closers.push(() => gmail.stop());
    const stripe = await startStripeServer();
    closers.push(() => stripe.stop());

    const queueFolder = path.join(work, 'queue');
    installPackageInto(queueFolder);
    step(`package installed once in the shared user folder ${queueFolder}`);
    const pg = new URL(databaseUrl(dbs.n8n));
    const queueEnv: Record<string, string> = {
      EXECUTIONS_MODE: 'queue',
      DB_TYPE: 'postgresdb',
      DB_POSTGRESDB_HOST: pg.hostname,
      DB_POSTGRESDB_PORT: pg.port || '5432',
      DB_POSTGRESDB_DATABASE: dbs.n8n,
      DB_POSTGRESDB_USER: decodeURIComponent(pg.username || 'postgres'),
      DB_POSTGRESDB_PASSWORD: decodeURIComponent(pg.password),
      QUEUE_BULL_REDIS_HOST: redis.host,
      QUEUE_BULL_REDIS_PORT: String(redis.port),
      QUEUE_BULL_REDIS_DB: String(o.redisDb),
      QUEUE_BULL_PREFIX: prefix,
      // Pub/sub channels ignore the DB index: our own prefix keeps other n8n instances' commands out.
      N8N_REDIS_KEY_PREFIX: prefix,
      // A dead worker's jobs are noticed after the lock expires: 20 s instead of n8n's 60 s, to fit the run.
      QUEUE_WORKER_LOCK_DURATION: '20000',
      QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
      QUEUE_WORKER_STALLED_INTERVAL: '10000',
      OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
    };
    const spawnOpts = { userFolder: queueFolder, encryptionKey: ENCRYPTION_KEY, logDir, env: queueEnv };
    const mainPort = await freePort();
    const regularFolder = path.join(work, 'regular');
    const regularLedger = path.join(regularFolder, 'ledgers', 'chaos.sqlite');
    step('starting n8n main (n8n start, EXECUTIONS_MODE=queue) on a fresh PostgreSQL database: its migrations first');
    let main = await spawnN8n('main', ['start'], { ...spawnOpts, port: mainPort });
    processes.push(main);
    // The regular-mode baseline's n8n boots beside the workers, and idles until phase 1.
    let regularStart: Promise<N8nProcess> | null = null;
    if (o.regular) {
      installPackageInto(regularFolder);
      mkdirSync(path.dirname(regularLedger), { recursive: true });
      regularStart = spawnN8n('regular', ['start'], { userFolder: regularFolder, encryptionKey: ENCRYPTION_KEY, logDir, env: {} });
      regularStart.then(
        (p) => processes.push(p),
        () => undefined,
      );
    }
    step(
      `main ready at ${main.baseUrl} (pid ${main.pid}); starting 2 workers (n8n worker --concurrency=5)${o.regular ? ' and the regular-mode n8n for the baseline (SQLite)' : ''}`,
    );
    const startWorker = async (name: string) => {
      const w = await spawnN8n(name, ['worker', '--concurrency=5'], spawnOpts);
      processes.push(w);
      return w;
    };
    const workers = await Promise.all(['worker-1', 'worker-2'].map(startWorker));
    step(`workers ready (pids ${workers.map((w) => w.pid).join(', ')})`);
    const api = await new N8nClient(main.baseUrl).login();
    const credentials = await credentialsFor(
      api,
      { store: 'postgres', connectionString: ledgerUrl, schema: 'public', ssl: 'disable' },
      `http://127.0.0.1:${stripe.port}`,
    );
    const flows = await deployWorkflows(api, credentials, gmail.rootUrl);
    step(
      `workflows: gmail-intake.json (Gmail Support Trigger swapped for a webhook) ${flows.intake.id}, gmail-reconcile.json (schedule swapped for a webhook) ${flows.sweep.id}, each with its process-mail.json`,
    );
    const hookUrl = (hook: string) => `${main.baseUrl}/webhook/${hook}`;
    const send = (d: Delivery) => deliver(hookUrl(flows.intake.hook), [items.get(d.mail.id)], DELIVERY_TIMEOUT_MS);

    // The regular-mode baseline: the same first half, one `n8n start`, SQLite for n8n and the ledger.
    let regular: { proc: N8nProcess; sqlite: Ledger; gmail: GmailTestServer; send: (d: Delivery) => Promise<Answer> } | null = null;
    if (regularStart) {
      const sqlite = await openLedger({ kind: 'sqlite', path: regularLedger });
      closers.push(() => sqlite.close());
      await seed(sqlite, clients);
      const gmail2 = await mailbox(mails.slice(0, half)).start();
      closers.push(() => gmail2.stop());
      const proc = await regularStart;
      const api2 = await new N8nClient(proc.baseUrl).login();
      const flows2 = await deployWorkflows(
        api2,
        await credentialsFor(api2, { store: 'sqlite', sqlitePath: regularLedger }, `http://127.0.0.1:${stripe.port}`),
        gmail2.rootUrl,
      );
      regular = {
        proc,
        sqlite,
        gmail: gmail2,
        send: (d) => deliver(`${proc.baseUrl}/webhook/${flows2.intake.hook}`, [items.get(d.mail.id)], DELIVERY_TIMEOUT_MS),
      };
      step(`regular mode: one n8n (n8n start, SQLite for n8n and for the ledger) at ${proc.baseUrl}, same workflows`);
    }

    // Phase 1, clean: the first half of the mails, measured for the throughput figure. Queue mode
    // and regular mode take turns, a chunk each, so the load other jobs put on the machine falls on both.
    step(
      `phase 1: mails 1-${half}, ${o.concurrency} at a time, no faults${regular ? ', in chunks alternating queue mode and regular mode' : ''}`,
    );
    const phase1 = mails.slice(0, half).map((mail): Delivery => ({ mail, kind: 'first' }));
    const chunk = Math.max(o.concurrency * 2, Math.ceil(half / 4));
    const answers1: Answer[] = [];
    const answersRegular: Answer[] = [];
    let queueMs = 0;
    let regularMs = 0;
    for (let from = 0; from < half; from += chunk) {
      const part = phase1.slice(from, from + chunk);
      let at = Date.now();
      answers1.push(...(await pump(part, o.concurrency, send)));
      queueMs += Date.now() - at;
      if (!regular) continue;
      at = Date.now();
      answersRegular.push(...(await pump(part, o.concurrency, regular.send)));
      regularMs += Date.now() - at;
    }
    const queueRate = rate(half, queueMs);
    const regularRate = regular ? rate(half, regularMs) : NaN;
    step(
      `phase 1 done: queue mode ${tally(answers1)} in ${(queueMs / 1000).toFixed(1)} s (${queueRate.toFixed(2)} mails/s)${regular ? `; regular mode ${tally(answersRegular)} in ${(regularMs / 1000).toFixed(1)} s (${regularRate.toFixed(2)} mails/s)` : ''}`,
    );
    if (regular) {
      const regularOutcome = await measure(mails.slice(0, half), regular.gmail, regular.sqlite, sqliteQuery(regularLedger));
      report('regular mode', regularOutcome);
      if (regularOutcome.lost.length)
        step(`warning: the regular-mode baseline left ${regularOutcome.lost.length} mail(s) unfinished: its throughput is not comparable`);
      await stop(regular.proc);
    }

    // Phase 2, chaos: the second half plus redeliveries (of phase-1 mails, and of phase-2 mails at
    // the same time as their first delivery), a worker killed with -9 at a quarter, main killed
    // and started again at 55 %.
    const rest = mails.slice(half);
    const phase2: Delivery[] = [];
    const redeliverLater = Math.ceil(o.redeliveries / 2);
    const concurrent = o.redeliveries - redeliverLater;
    const concurrentEvery = concurrent ? Math.max(1, Math.floor(rest.length / concurrent)) : Infinity;
    let redelivered = 0;
    let paired = 0;
    rest.forEach((mail, i) => {
      phase2.push({ mail, kind: 'first' });
      if (paired < concurrent && i % concurrentEvery === 0) {
        phase2.push({ mail, kind: 'concurrent' });
        paired++;
      }
      // Every other step, one mail of phase 1 again (a Gmail Trigger duplicate).
      if (redelivered < redeliverLater && i % 2 === 1) phase2.push({ mail: mails[(redelivered++ * 7) % half], kind: 'redelivery' });
    });
    while (redelivered < redeliverLater) phase2.push({ mail: mails[(redelivered++ * 7) % half], kind: 'redelivery' });
    const killAt = Math.floor(phase2.length * 0.25);
    const restartAt = Math.floor(phase2.length * 0.55);
    const victim = workers[0];
    let runningAtKill: string[] = [];
    let respawn: Promise<void> = Promise.resolve();
    const n8nDbUrl = databaseUrl(dbs.n8n);
    // Gmail answers 503 to a few sends spread over phase 2 (a reply, a notification): the run fails after the debit.
    const failAt = new Set(Array.from({ length: o.sendFailures }, (_, k) => Math.floor(((k + 0.5) * phase2.length) / o.sendFailures)));
    let mainDown = 0;
    step(
      `phase 2: ${phase2.length} deliveries (${rest.length} new mails, ${redeliverLater} redeliveries, ${paired} sent twice at once); kill -9 of worker-1 at #${killAt}, main restarted at #${restartAt}, ${o.sendFailures} Gmail sends refused (503)`,
    );
    const started = Date.now();
    const answers2 = await pump(phase2, o.concurrency, send, async (i) => {
      if (i === killAt) {
        // Killed while it works: once both workers have executions running.
        const running = () =>
          query<{ id: string }>(n8nDbUrl, `SELECT id FROM execution_entity WHERE "workflowId" = $1 AND status = 'running'`, [
            flows.intake.id,
          ]);
        for (let tries = 0; tries < 100 && (await running()).length < Math.min(6, o.concurrency); tries++) await sleep(100);
        runningAtKill = (await running()).map((r) => String(r.id));
        await killHard(victim);
        step(
          `kill -9 worker-1 (pid ${victim.pid}, its task runner too) with ${runningAtKill.length} intake executions running on the two workers; its supervisor starts a new one`,
        );
        respawn = startWorker('worker-3').then(
          (w) => step(`worker-3 ready (pid ${w.pid})`),
          (e) => step(`worker-3 did not start: ${(e as Error).message}`),
        );
      }
      if (failAt.has(i)) gmail.failSends++;
      if (i === restartAt) {
        // While main is down nothing is delivered (its trigger would not run); what was in flight is cut.
        const down = Date.now();
        await killHard(main);
        step(`kill -9 main (pid ${main.pid}); starting it again on the same database`);
        main = await spawnN8n('main-2', ['start'], { ...spawnOpts, port: mainPort });
        processes.push(main);
        mainDown = Date.now() - down;
        step(`main back (pid ${main.pid}) after ${(mainDown / 1000).toFixed(1)} s; deliveries resume`);
      }
      if (i > 0 && i % 40 === 0) step(`phase 2: ${i}/${phase2.length} sent`);
    });
    step(
      `phase 2 done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${tally(answers2)}; Gmail refused ${o.sendFailures - gmail.failSends} send(s)`,
    );
    gmail.failSends = 0;
    await respawn;

    // Wait for the queue to drain: nothing waiting, and Gmail quiet for a few seconds.
    step("waiting for the queue to drain (the dead worker's jobs stay active until their lock expires)");
    const drainUntil = Date.now() + 60_000;
    let last = -1;
    for (;;) {
      const { wait, active } = await redis.pendingJobs();
      const activity = gmail.sent.length * 100000 + gmail.requests.length;
      if ((wait === 0 && active === 0) || Date.now() > drainUntil) {
        step(`queue: ${wait} waiting, ${active} active`);
        break;
      }
      if (wait === 0 && activity === last) {
        step(`queue: ${active} active job(s) doing nothing (the dead worker's); going on`);
        break;
      }
      last = activity;
      await sleep(3000);
    }

    // The sweep: gmail-reconcile.json's path, run by hand (its schedule is every 30 min) until nothing is left.
    const unlabeled = () =>
      mails.filter(
        (m) => !(gmail.messages.get(m.id)?.message.labelIds ?? []).some((l) => gmail.labels.get(l)?.name?.startsWith('SupportGate/')),
      );
    let redriven = 0;
    let rounds = 0;
    for (let round = 1; round <= 3; round++) {
      const left = unlabeled();
      if (!left.length) break;
      rounds = round;
      redriven += left.length;
      step(`sweep round ${round}: ${left.length} mail(s) without a SupportGate label`);
      const answer = await deliver(`${main.baseUrl}/webhook/${flows.sweep.hook}`, [{ timestamp: new Date().toISOString() }], 180_000);
      step(`sweep round ${round}: ${answer}`);
    }

    const queueOutcome = await measure(mails, gmail, store, postgresQuery(ledgerUrl));
    const statuses = await query<{ status: string; n: string }>(
      n8nDbUrl,
      `SELECT status, COUNT(*) AS n FROM execution_entity WHERE "workflowId" = $1 GROUP BY status ORDER BY status`,
      [flows.intake.id],
    );
    const killCost = runningAtKill.length
      ? Number(
          (
            await query<{ n: string }>(
              n8nDbUrl,
              `SELECT COUNT(*) AS n FROM execution_entity WHERE id = ANY($1::int[]) AND status <> 'success'`,
              [runningAtKill],
            )
          )[0].n,
        )
      : 0;
    step(`intake executions by status: ${statuses.map((s) => `${s.n} ${s.status}`).join(', ')}`);
    report('queue mode', queueOutcome);
    await Promise.all(processes.filter((p) => p.name !== 'regular').map(stop));

    console.log(`figure chaos_mails_lost = ${queueOutcome.lost.length}`);
    console.log(`figure chaos_mails_doubled = ${queueOutcome.doubled.length}`);
    console.log(`figure chaos_replies_doubled = ${queueOutcome.repliesDoubled.length}`);
    console.log(`figure chaos_invariant_violations = ${queueOutcome.invariantViolations}`);
    console.log(`figure queue_vs_regular_throughput = ${Number.isNaN(regularRate) ? 'n/a' : (queueRate / regularRate).toFixed(2)}`);
    console.log(`figure chaos_queue_mails_per_s = ${queueRate.toFixed(2)} mails/s`);
    if (!Number.isNaN(regularRate)) console.log(`figure chaos_regular_mails_per_s = ${regularRate.toFixed(2)} mails/s`);
    console.log(`figure chaos_replies_stuck = ${queueOutcome.replyStuck.length}`);
    console.log(`figure chaos_kill_lost_executions = ${killCost}`);
    console.log(`figure chaos_sweep_redriven_mails = ${redriven}`);
    step(
      `the kill -9 of worker-1 cost ${killCost} of the ${runningAtKill.length} intake executions running at that moment; main was down ${(mainDown / 1000).toFixed(1)} s; the sweep re-drove ${redriven} mail(s) in ${rounds} round(s)`,
    );
    failed =
      queueOutcome.lost.length + queueOutcome.doubled.length + queueOutcome.repliesDoubled.length + queueOutcome.invariantViolations > 0;
    if (failed) {
      keepLogs = true;
      const show = (what: string, list: ChaosMail[]) =>
        list.length &&
        step(
          `${what}: ${list
            .slice(0, 10)
            .map((m) => `#${m.index + 1} ${m.messageId}`)
            .join(', ')}${list.length > 10 ? ', …' : ''}`,
        );
      show('lost', queueOutcome.lost);
      show('doubled', queueOutcome.doubled);
      show('replied twice', queueOutcome.repliesDoubled);
    }
  } catch (e) {
    keepLogs = true;
    throw e;
  } finally {
    await cleanup();
    if (keepLogs) step(`logs kept in ${logDir}`);
    else rmSync(work, { recursive: true, force: true });
    step(`chaos run took ${clock()}`);
  }
  if (failed) process.exitCode = 1;
}

function report(mode: string, r: Outcome): void {
  const labels = Object.entries(r.labels)
    .map(([k, v]) => `${v} ${k.replace('SupportGate/', '')}`)
    .join(', ');
  const stuck =
    Object.entries(r.stuckEffects)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ') || 'none';
  step(
    `${mode}: labels ${labels || 'none'}; ${r.unanswered.length} mail(s) without a client reply; effects claimed and never completed: ${stuck}; journal attempts ${r.journalAttempts}`,
  );
}

// Exit codes: run-ts.mjs turns a thrown error into 1; figures not at 0 set exitCode 1 after cleanup.
export type { Answer };
