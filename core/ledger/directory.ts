/** Projects, their support addresses (recipients), client accounts, senders and domains. */
import type { Selectable, Transaction } from 'kysely';
import { guarded, inTransaction, newId, now, type Ctx } from './context';
import { checkDataPolicy } from './data-policy';
import type { LedgerDatabase, SendersTable } from './db-schema';
import { LedgerError } from './errors';
import { move } from './money';
import { domainOf, normalizeAddress, normalizeDomain, requirePositiveInt, requireText, withoutPlusTag } from './normalize';
import { findProjectRow, requireAccountRow, requireProjectRow, toAccount, toDomain, toProject, toRecipient, toSender } from './rows';
import type { Account, AccountDomain, NewProject, Project, Recipient, Sender } from './types';

function checkProjectFields(p: Partial<NewProject>): void {
  if (p.priceMinor !== undefined) requirePositiveInt(p.priceMinor, 'priceMinor');
  if (p.currency !== undefined && !/^[A-Za-z]{3}$/.test(p.currency)) {
    throw new LedgerError(
      'invalid_argument',
      `currency "${p.currency}" is not an ISO 4217 code: give three letters like "EUR".`,
      'currency',
    );
  }
  if (p.settings !== undefined && (typeof p.settings !== 'object' || p.settings === null || Array.isArray(p.settings))) {
    throw new LedgerError('invalid_argument', 'settings must be a JSON object, e.g. {"language":"fr"}.', 'settings');
  }
  if (p.settings !== undefined) checkDataPolicy(p.settings);
}

export function createProject(ctx: Ctx, input: NewProject): Promise<Project> {
  const name = requireText(input?.name, 'name', 'give the project a name, e.g. "acme-support"');
  checkProjectFields(input);
  const recipients = (input.recipients ?? []).map((a, i) => normalizeAddress(a, `recipients.${i}`));
  return inTransaction(ctx, async (trx) => {
    if (await findProjectRow(trx, name))
      throw new LedgerError('duplicate', `project "${name}" already exists: pick another name or update it.`, 'name');
    const row = {
      id: newId(),
      name,
      price_minor: input.priceMinor ?? 8000,
      currency: (input.currency ?? 'EUR').toUpperCase(),
      settings: JSON.stringify(input.settings ?? {}),
      ticket_seq: 0,
      created_at: now(),
    };
    await trx.insertInto('projects').values(row).execute();
    // Same transaction: an address another project owns leaves no half-made project behind.
    for (const [i, address] of [...new Set(recipients)].entries()) await insertRecipient(trx, row.id, address, `recipients.${i}`);
    return toProject(row);
  });
}

async function insertRecipient(trx: Transaction<LedgerDatabase>, projectId: string, address: string, field: string) {
  const taken = await trx.selectFrom('recipients').select('project_id').where('address', '=', address).executeTakeFirst();
  if (taken && taken.project_id !== projectId)
    throw new LedgerError('duplicate', `address ${address} is already a support address of another project: remove it there first.`, field);
  if (taken) return;
  await trx.insertInto('recipients').values({ id: newId(), project_id: projectId, address, account_id: null, created_at: now() }).execute();
}

export function updateProject(ctx: Ctx, ref: string, patch: Partial<NewProject>): Promise<Project> {
  checkProjectFields(patch ?? {});
  return inTransaction(ctx, async (trx) => {
    const current = await requireProjectRow(trx, ref);
    const name = patch.name === undefined ? current.name : requireText(patch.name, 'name', 'give the project a non-empty name');
    if (name !== current.name && (await findProjectRow(trx, name))) {
      throw new LedgerError('duplicate', `project "${name}" already exists: pick another name.`, 'name');
    }
    const next = {
      ...current,
      name,
      price_minor: patch.priceMinor ?? current.price_minor,
      currency: (patch.currency ?? current.currency).toUpperCase(),
      settings: patch.settings === undefined ? current.settings : JSON.stringify(patch.settings),
    };
    await trx
      .updateTable('projects')
      .set({ name: next.name, price_minor: next.price_minor, currency: next.currency, settings: next.settings })
      .where('id', '=', current.id)
      .execute();
    return toProject(next);
  });
}

export async function getProject(ctx: Ctx, ref: string): Promise<Project | null> {
  const row = await guarded(ctx, () => findProjectRow(ctx.db, ref));
  return row ? toProject(row) : null;
}

export async function listProjects(ctx: Ctx): Promise<Project[]> {
  return (await guarded(ctx, () => ctx.db.selectFrom('projects').selectAll().orderBy('name').execute())).map(toProject);
}

export function addRecipient(ctx: Ctx, ref: string, address: string, accountId?: string | null): Promise<Recipient> {
  const addr = normalizeAddress(address, 'address');
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, ref);
    if (accountId) await requireAccountRow(trx, accountId, project.id);
    const existing = await trx.selectFrom('recipients').selectAll().where('address', '=', addr).executeTakeFirst();
    if (existing && existing.project_id !== project.id) {
      throw new LedgerError(
        'duplicate',
        `address ${addr} is already a support address of another project: remove it there first.`,
        'address',
      );
    }
    if (existing) {
      if (accountId !== undefined && (accountId ?? null) !== existing.account_id) {
        await trx
          .updateTable('recipients')
          .set({ account_id: accountId ?? null })
          .where('id', '=', existing.id)
          .execute();
        return toRecipient({ ...existing, account_id: accountId ?? null });
      }
      return toRecipient(existing);
    }
    const row = { id: newId(), project_id: project.id, address: addr, account_id: accountId ?? null, created_at: now() };
    await trx.insertInto('recipients').values(row).execute();
    return toRecipient(row);
  });
}

export function removeRecipient(ctx: Ctx, ref: string, address: string): Promise<boolean> {
  const addr = normalizeAddress(address, 'address');
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, ref);
    const r = await trx.deleteFrom('recipients').where('project_id', '=', project.id).where('address', '=', addr).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  });
}

export async function listRecipients(ctx: Ctx, ref: string): Promise<Recipient[]> {
  const project = await guarded(ctx, () => requireProjectRow(ctx.db, ref));
  return (await ctx.db.selectFrom('recipients').selectAll().where('project_id', '=', project.id).orderBy('address').execute()).map(
    toRecipient,
  );
}

/** Exact address first (support+acme@ may name an account), then the same address without its tag. */
export async function resolveRecipient(ctx: Ctx, address: string): Promise<Recipient | null> {
  const addr = normalizeAddress(address, 'address');
  for (const candidate of addr === withoutPlusTag(addr) ? [addr] : [addr, withoutPlusTag(addr)]) {
    const row = await guarded(ctx, () => ctx.db.selectFrom('recipients').selectAll().where('address', '=', candidate).executeTakeFirst());
    if (row) return toRecipient(row);
  }
  return null;
}

export function createAccount(ctx: Ctx, ref: string, name: string): Promise<Account> {
  const accountName = requireText(name, 'name', 'give the client account a name, e.g. "Client SA"');
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, ref);
    const row = { id: newId(), project_id: project.id, name: accountName, balance: 0, entries: 0, created_at: now() };
    await trx.insertInto('accounts').values(row).execute();
    return toAccount(row);
  });
}

export async function getAccount(ctx: Ctx, accountId: string): Promise<Account | null> {
  const row = await guarded(ctx, () => ctx.db.selectFrom('accounts').selectAll().where('id', '=', String(accountId)).executeTakeFirst());
  return row ? toAccount(row) : null;
}

export async function listAccounts(ctx: Ctx, ref: string): Promise<Account[]> {
  const project = await guarded(ctx, () => requireProjectRow(ctx.db, ref));
  return (await ctx.db.selectFrom('accounts').selectAll().where('project_id', '=', project.id).orderBy('created_at').execute()).map(
    toAccount,
  );
}

export interface AuthorizeSenderOptions {
  accountId?: string;
  accountName?: string;
  /** Granted once, when this call creates the sender; authorizing it again grants nothing. */
  initialCredits?: number;
  actor?: string;
}

/**
 * The one key of a client's initial credits (a sender's address, or @domain for a whole domain). Derived here rather than given by callers, so no
 * caller (node, Credits API, add-on) can grant them twice by passing a fresh key.
 */
const initialCreditsKey = (projectId: string, address: string): string => `initial:${projectId}:${address}`;

/** The initial credits of a new sender or domain client, in its creating transaction, under its one key. */
async function grantInitialCredits(
  ctx: Ctx,
  trx: Transaction<LedgerDatabase>,
  accountId: string,
  idempotencyKey: string,
  opts: AuthorizeSenderOptions,
): Promise<void> {
  if (opts.initialCredits === undefined) return;
  await move(ctx, trx, {
    accountId,
    kind: 'grant',
    credits: opts.initialCredits,
    idempotencyKey,
    actor: opts.actor ?? 'system',
    note: 'initial credits',
  });
}

/** Address → account, creating the account when none is given; initial credits with the sender, same transaction. */
export function authorizeSender(
  ctx: Ctx,
  ref: string,
  address: string,
  opts: AuthorizeSenderOptions = {},
): Promise<{ sender: Sender; account: Account; created: boolean }> {
  const addr = normalizeAddress(address, 'sender');
  if (opts.initialCredits !== undefined) requirePositiveInt(opts.initialCredits, 'initialCredits');
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, ref);
    const existing = await trx
      .selectFrom('senders')
      .selectAll()
      .where('project_id', '=', project.id)
      .where('address', '=', addr)
      .executeTakeFirst();
    const removed = existing?.removed_at ? existing : null;
    if (removed) return reactivateSender(trx, removed, opts);
    if (existing && opts.accountId && existing.account_id !== opts.accountId) {
      throw new LedgerError(
        'duplicate',
        `sender ${addr} already belongs to account ${existing.account_id}: it cannot join another account.`,
        'sender',
      );
    }
    const sender = existing ?? (await insertSender(trx, project.id, addr, opts));
    if (!existing) await grantInitialCredits(ctx, trx, sender.account_id, initialCreditsKey(project.id, addr), opts);
    const account = await requireAccountRow(trx, sender.account_id);
    return { sender: toSender(sender), account: toAccount(account), created: !existing };
  });
}

/**
 * A removed sender authorized again: the same row, back in its account (or the one given), so
 * its history stays one; its initial credits were granted when it was first created, never again.
 */
async function reactivateSender(trx: Transaction<LedgerDatabase>, row: Selectable<SendersTable>, opts: AuthorizeSenderOptions) {
  const accountId = opts.accountId ? (await requireAccountRow(trx, opts.accountId, row.project_id)).id : row.account_id;
  await trx.updateTable('senders').set({ removed_at: null, account_id: accountId }).where('id', '=', row.id).execute();
  const account = await requireAccountRow(trx, accountId);
  return { sender: toSender({ ...row, account_id: accountId }), account: toAccount(account), created: true };
}

/** A new sender, in the given account or in a new one named after it. */
async function insertSender(trx: Transaction<LedgerDatabase>, projectId: string, addr: string, opts: AuthorizeSenderOptions) {
  const accountId = opts.accountId ? (await requireAccountRow(trx, opts.accountId, projectId)).id : newId();
  if (!opts.accountId) {
    await trx
      .insertInto('accounts')
      .values({ id: accountId, project_id: projectId, name: opts.accountName?.trim() || addr, balance: 0, entries: 0, created_at: now() })
      .execute();
  }
  const sender = { id: newId(), project_id: projectId, address: addr, account_id: accountId, created_at: now() };
  // removed_at left out: a ledger opened at an older schema version (tests build one) has no such column yet.
  await trx.insertInto('senders').values(sender).execute();
  return { ...sender, removed_at: null };
}

export function authorizeDomain(ctx: Ctx, ref: string, accountId: string, domain: string): Promise<AccountDomain> {
  const d = normalizeDomain(domain, 'domain');
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, ref);
    await requireAccountRow(trx, accountId, project.id);
    const existing = await trx
      .selectFrom('account_domains')
      .selectAll()
      .where('project_id', '=', project.id)
      .where('domain', '=', d)
      .executeTakeFirst();
    if (existing?.removed_at) {
      await trx.updateTable('account_domains').set({ removed_at: null, account_id: accountId }).where('id', '=', existing.id).execute();
      return toDomain({ ...existing, account_id: accountId });
    }
    if (existing && existing.account_id !== accountId) {
      throw new LedgerError('duplicate', `domain ${d} already belongs to account ${existing.account_id}: remove it there first.`, 'domain');
    }
    if (existing) return toDomain(existing);
    const row = { id: newId(), project_id: project.id, domain: d, account_id: accountId, created_at: now() };
    await trx.insertInto('account_domains').values(row).execute();
    return toDomain({ ...row, removed_at: null });
  });
}

/**
 * A whole domain as a client, without naming an address first: into the account given, or the
 * one it belonged to before staff removed it, or a new account (named accountName or the domain)
 * with its initial credits granted once under initial:<project>:@<domain>, in the same transaction.
 */
export function authorizeClientDomain(
  ctx: Ctx,
  ref: string,
  domain: string,
  opts: AuthorizeSenderOptions = {},
): Promise<{ domain: AccountDomain; account: Account; created: boolean }> {
  const d = normalizeDomain(domain, 'domain');
  if (opts.initialCredits !== undefined) requirePositiveInt(opts.initialCredits, 'initialCredits');
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, ref);
    const existing = await trx
      .selectFrom('account_domains')
      .selectAll()
      .where('project_id', '=', project.id)
      .where('domain', '=', d)
      .executeTakeFirst();
    const given = opts.accountId ? await requireAccountRow(trx, opts.accountId, project.id) : null;
    if (existing && !existing.removed_at) {
      if (given && given.id !== existing.account_id)
        throw new LedgerError(
          'duplicate',
          `domain ${d} already belongs to account ${existing.account_id}: remove it there first.`,
          'domain',
        );
      return { domain: toDomain(existing), account: toAccount(await requireAccountRow(trx, existing.account_id)), created: false };
    }
    if (existing) {
      const accountId = given?.id ?? existing.account_id;
      await trx.updateTable('account_domains').set({ removed_at: null, account_id: accountId }).where('id', '=', existing.id).execute();
      return {
        domain: toDomain({ ...existing, account_id: accountId, removed_at: null }),
        account: toAccount(await requireAccountRow(trx, accountId)),
        created: true,
      };
    }
    const accountId = given?.id ?? newId();
    if (!given)
      await trx
        .insertInto('accounts')
        .values({ id: accountId, project_id: project.id, name: opts.accountName?.trim() || d, balance: 0, entries: 0, created_at: now() })
        .execute();
    const row = { id: newId(), project_id: project.id, domain: d, account_id: accountId, created_at: now() };
    await trx.insertInto('account_domains').values(row).execute();
    await grantInitialCredits(ctx, trx, accountId, initialCreditsKey(project.id, `@${d}`), opts);
    return { domain: toDomain({ ...row, removed_at: null }), account: toAccount(await requireAccountRow(trx, accountId)), created: true };
  });
}

export async function listSenders(ctx: Ctx, accountId: string): Promise<Sender[]> {
  return (
    await guarded(ctx, () =>
      ctx.db
        .selectFrom('senders')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('removed_at', 'is', null)
        .orderBy('address')
        .execute(),
    )
  ).map(toSender);
}

export async function listDomains(ctx: Ctx, accountId: string): Promise<AccountDomain[]> {
  return (
    await guarded(ctx, () =>
      ctx.db
        .selectFrom('account_domains')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('removed_at', 'is', null)
        .orderBy('domain')
        .execute(),
    )
  ).map(toDomain);
}

/** The sender's own address first, then its domain; null when neither is authorized. */
export async function resolveSender(ctx: Ctx, ref: string, address: string): Promise<Account | null> {
  const addr = normalizeAddress(address, 'sender');
  return guarded(ctx, async () => {
    const project = await requireProjectRow(ctx.db, ref);
    const exact = await ctx.db
      .selectFrom('senders as s')
      .innerJoin('accounts as a', 'a.id', 's.account_id')
      .selectAll('a')
      .where('s.project_id', '=', project.id)
      .where('s.address', '=', addr)
      .where('s.removed_at', 'is', null)
      .executeTakeFirst();
    if (exact) return toAccount(exact);
    const byDomain = await ctx.db
      .selectFrom('account_domains as d')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .selectAll('a')
      .where('d.project_id', '=', project.id)
      .where('d.domain', '=', domainOf(addr))
      .where('d.removed_at', 'is', null)
      .executeTakeFirst();
    return byDomain ? toAccount(byDomain) : null;
  });
}

/**
 * Staff removes a sender from its client: it is no longer recognised (its mail is a stranger's),
 * its journal and tickets stay. False when it was not an authorized sender of the project.
 */
export function removeSender(ctx: Ctx, ref: string, address: string): Promise<boolean> {
  const addr = normalizeAddress(address, 'sender');
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, ref);
    const r = await trx
      .updateTable('senders')
      .set({ removed_at: now() })
      .where('project_id', '=', project.id)
      .where('address', '=', addr)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  });
}

/** Staff removes a whole domain from its client; its senders authorized one by one stay. */
export function removeDomain(ctx: Ctx, ref: string, domain: string): Promise<boolean> {
  const d = normalizeDomain(domain, 'domain');
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, ref);
    const r = await trx
      .updateTable('account_domains')
      .set({ removed_at: now() })
      .where('project_id', '=', project.id)
      .where('domain', '=', d)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  });
}
