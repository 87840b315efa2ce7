/**
 * A real Dovecot IMAP server for tests: started in the foreground (no daemon, no systemd) on a
 * free 127.0.0.1 port with a generated config in a temp dir — passwd-file users, maildir
 * mailboxes, plaintext login allowed, no TLS unless a certificate is given (then STARTTLS on the
 * plain port and implicit TLS on a second, 993-style port) — and deleted on stop. `.ci/run`
 * installs dovecot-imapd when it is missing.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  users: DovecotUser[];
  /** Dovecot's mail_max_keyword_length: a keyword longer than this is refused on STORE. */
  maxKeywordLength?: number;
  /** PEM files: STARTTLS on the plain port, and an implicit-TLS port (tlsPort). */
  tls?: { certPath: string; keyPath: string };
  /** More addresses to listen on besides 127.0.0.1 (a "remote" host for the STARTTLS rule). */
  alsoListen?: string[];
}

export interface LocalDovecot {
  host: '127.0.0.1';
  port: number;
  /** The implicit-TLS port (993-style), when started with a certificate. */
  tlsPort?: number;
  users: DovecotUser[];
  /** Dovecot's own log (stderr), for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Root runs Dovecot's internal and mail processes as its own unprivileged users; others as themselves. */
function runAs(): { internal: string; login: string; uid: number; gid: number } {
  const me = userInfo();
  if (me.uid !== 0) return { internal: me.username, login: me.username, uid: me.uid, gid: me.gid };
  const id = (flag: string) => Number(execFileSync('id', [flag, 'dovecot']).toString().trim());
  return { internal: 'dovecot', login: 'dovenull', uid: id('-u'), gid: id('-g') };
}

function config(dir: string, ports: { plain: number; tls: number }, options: DovecotOptions, who: ReturnType<typeof runAs>): string {
  const addresses = ['127.0.0.1', ...(options.alsoListen ?? [])].join(', ');
  const port = ports.plain;
  const ssl = options.tls ? `ssl = yes\nssl_cert = <${options.tls.certPath}\nssl_key = <${options.tls.keyPath}` : 'ssl = no';
  return `
protocols = imap
listen = ${addresses}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = /dev/stderr
${ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${who.internal}
default_login_user = ${who.login}
first_valid_uid = ${who.uid}
mail_location = maildir:${dir}/mail/%u
${options.maxKeywordLength ? `mail_max_keyword_length = ${options.maxKeywordLength}` : ''}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
  default_fields = uid=${who.uid} gid=${who.gid} home=${dir}/home/%u
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = ${addresses}
    port = ${port}
  }
  inet_listener imaps {
    address = ${addresses}
    port = ${ports.tls}
    ${options.tls ? 'ssl = yes' : ''}
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`;
}

async function waitForGreeting(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port });
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('* OK'));
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not answer on port ${port}: ${log()}`);
}

export async function startDovecot(options: DovecotOptions): Promise<LocalDovecot> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-dovecot-'));
  const who = runAs();
  for (const sub of ['run', 'state', 'mail', 'home']) mkdirSync(path.join(dir, sub));
  // Mail processes write as the mail user; the temp dir itself must be reachable for them.
  for (const sub of ['', 'mail', 'home', 'state']) chownSync(path.join(dir, sub), who.uid, who.gid);
  writeFileSync(path.join(dir, 'users'), options.users.map((u) => `${u.user}:{PLAIN}${u.password}::::::`).join('\n') + '\n');
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : 0;
  writeFileSync(path.join(dir, 'dovecot.conf'), config(dir, { plain: port, tls: tlsPort }, options, who));
  const child = spawn('dovecot', ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  const log = () => stderr;
  try {
    await waitForGreeting(port, child, log);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    host: '127.0.0.1',
    port,
    ...(tlsPort ? { tlsPort } : {}),
    users: options.users,
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          exited,
          new Promise((r) => {
            timer = setTimeout(r, 5000);
          }),
        ]);
        clearTimeout(timer); // a pending timer would keep Jest from exiting
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
