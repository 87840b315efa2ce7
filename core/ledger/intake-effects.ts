/**
 * The side effects of an intake, claimed per mail: a claim is a row under the primary key
 * (entry, effect), inserted with ON CONFLICT DO NOTHING, so of any number of concurrent callers
 * exactly one inserts it and hears true. At most once per claim; see intake-journal.ts for why,
 * and for the opt-in takeover of stale claims that makes an idempotent effect at least once.
 */
import type { Selectable } from 'kysely';
import { guarded, inTransaction, now, type Ctx } from './context';
import type { IntakeEffectsTable } from './db-schema';
import { LedgerError } from './errors';
import { requireEntryId, requireInstant, requireLimit, requireMailbox, unknownEntry } from './intake-journal';
import { INTAKE_EFFECT_KINDS, type IntakeEffect, type IntakeEffectClaim, type StuckEffectsQuery } from './types';

const MAX_EFFECT_CHARS = 200;

const toClaim = (r: Selectable<IntakeEffectsTable>): IntakeEffectClaim => ({
  entryId: r.entry_id,
  effect: r.effect as IntakeEffect,
  claimedAt: r.claimed_at,
  doneAt: r.done_at,
  claims: Number(r.claims),
});

/** A closed list plus label:<name>: a typo must not become a second, unguarded key for the same effect. */
export function requireEffect(value: unknown): IntakeEffect {
  const text = typeof value === 'string' ? value.trim() : '';
  const label = /^label:(.+)$/.exec(text);
  if (label?.[1]?.trim() && text.length <= MAX_EFFECT_CHARS) return `label:${label[1].trim()}`;
  if ((INTAKE_EFFECT_KINDS as readonly string[]).includes(text)) return text as IntakeEffect;
  throw new LedgerError(
    'invalid_argument',
    `effect ${JSON.stringify(value)} is not an intake side effect: use one of ${INTAKE_EFFECT_KINDS.join(', ')} or "label:<name>".`,
    'effect',
  );
}

export function claimEffect(ctx: Ctx, entryId: string, effect: IntakeEffect, options?: { takeOverClaimedBefore?: Date }): Promise<boolean> {
  const id = requireEntryId(entryId);
  const kind = requireEffect(effect);
  const staleBefore =
    options?.takeOverClaimedBefore == null ? null : requireInstant(options.takeOverClaimedBefore, 'takeOverClaimedBefore');
  // A cut-off in the future would let every caller take over the claim the previous one just made.
  if (staleBefore && staleBefore > now()) {
    throw new LedgerError(
      'invalid_argument',
      `takeOverClaimedBefore must be in the past (got ${staleBefore}): give e.g. now minus the longest time a send may take.`,
      'takeOverClaimedBefore',
    );
  }
  return inTransaction(ctx, async (trx) => {
    if (!(await trx.selectFrom('intake_journal').select('id').where('id', '=', id).executeTakeFirst())) throw unknownEntry(id);
    const at = now();
    const inserted = await trx
      .insertInto('intake_effects')
      .values({ entry_id: id, effect: kind, claimed_at: at, done_at: null, claims: 1 })
      .onConflict((oc) => oc.columns(['entry_id', 'effect']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
    if (!staleBefore) return false;
    // One conditional UPDATE: the first taker moves claimed_at past the cut-off, so no second one matches.
    const taken = await trx
      .updateTable('intake_effects')
      .set((eb) => ({ claimed_at: at, claims: eb('claims', '+', 1) }))
      .where('entry_id', '=', id)
      .where('effect', '=', kind)
      .where('done_at', 'is', null)
      .where('claimed_at', '<', staleBefore)
      .executeTakeFirst();
    return Number(taken.numUpdatedRows ?? 0) > 0;
  });
}

export function completeEffect(ctx: Ctx, entryId: string, effect: IntakeEffect): Promise<IntakeEffectClaim> {
  const id = requireEntryId(entryId);
  const kind = requireEffect(effect);
  return inTransaction(ctx, async (trx) => {
    const row = await trx.selectFrom('intake_effects').selectAll().where('entry_id', '=', id).where('effect', '=', kind).executeTakeFirst();
    if (!row) {
      if (!(await trx.selectFrom('intake_journal').select('id').where('id', '=', id).executeTakeFirst())) throw unknownEntry(id);
      throw new LedgerError(
        'invalid_transition',
        `effect "${kind}" of intake entry ${id} was never claimed: claim it (claimEffect) before performing it.`,
        'effect',
      );
    }
    if (row.done_at) return toClaim(row);
    const done = await trx
      .updateTable('intake_effects')
      .set({ done_at: now() })
      .where('entry_id', '=', id)
      .where('effect', '=', kind)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toClaim(done);
  });
}

/**
 * Gives back a claim whose effect certainly did not happen (the provider refused the send): the
 * next run may claim it again. A completed effect is never released.
 */
export async function releaseEffect(ctx: Ctx, entryId: string, effect: IntakeEffect): Promise<boolean> {
  const id = requireEntryId(entryId);
  const kind = requireEffect(effect);
  const result = await guarded(ctx, () =>
    ctx.db
      .deleteFrom('intake_effects')
      .where('entry_id', '=', id)
      .where('effect', '=', kind)
      .where('done_at', 'is', null)
      .executeTakeFirst(),
  );
  return Number(result.numDeletedRows) > 0;
}

export async function listIntakeEffects(ctx: Ctx, entryId: string): Promise<IntakeEffectClaim[]> {
  const id = requireEntryId(entryId);
  const rows = await guarded(ctx, () =>
    ctx.db.selectFrom('intake_effects').selectAll().where('entry_id', '=', id).orderBy('claimed_at').orderBy('effect').execute(),
  );
  return rows.map(toClaim);
}

export async function listStuckEffects(ctx: Ctx, query: StuckEffectsQuery): Promise<Array<IntakeEffectClaim & { mailbox: string }>> {
  const cutoff = requireInstant(query?.claimedBefore, 'claimedBefore');
  const limit = requireLimit(query?.limit);
  const mailbox = query?.mailbox == null ? null : requireMailbox(query.mailbox);
  const rows = await guarded(ctx, () =>
    ctx.db
      .selectFrom('intake_effects as e')
      .innerJoin('intake_journal as j', 'j.id', 'e.entry_id')
      .selectAll('e')
      .select('j.mailbox')
      .where('e.done_at', 'is', null)
      .where('e.claimed_at', '<', cutoff)
      .$if(mailbox !== null, (q) => q.where('j.mailbox', '=', mailbox!))
      .orderBy('e.claimed_at')
      .orderBy('e.entry_id')
      .orderBy('e.effect')
      .limit(limit)
      .execute(),
  );
  return rows.map((r) => ({ ...toClaim(r), mailbox: r.mailbox }));
}
