/**
 * The intake journal for the mailbox nodes: a side effect claimed for the item's mail before it is
 * performed, so a mail driven again (a redelivery, a sweep after a lost execution) never gets a
 * second reply, notification or label. Items without a journal entry (a staff workflow, an old
 * intake) and nodes without a SupportGate Ledger credential act as before.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { tickets, type ledger } from '../../core';
import { isObject } from './is-object';
import { LEDGER_CREDENTIAL, ledgerOf } from './ledger-connection';
import type { Routed } from './item-loop';

/** The ledger of a mailbox node; an old workflow whose node has none acts without the journal. */
export async function optionalLedgerOf(ctx: IExecuteFunctions): Promise<ledger.Ledger | null> {
  return ctx.getNode().credentials?.[LEDGER_CREDENTIAL] ? ledgerOf(ctx) : null;
}

/** The journal entry the gate put on the item, if any. */
export function intakeOf(json: IDataObject): tickets.IntakeRef | null {
  const v = json.intake;
  return isObject(v) && typeof v.entryId === 'string' ? (v as unknown as tickets.IntakeRef) : null;
}

/**
 * Runs `perform` once per mail and effect: when another run already claimed it, the item goes on
 * to Done marked `skipped` and nothing is sent (`repeatable` effects, labels, run anyway). With
 * `last`, the mail's journal entry is closed.
 */
export async function onceForMail(
  store: ledger.Ledger | null,
  json: IDataObject,
  effect: ledger.IntakeEffect,
  perform: () => Promise<Routed>,
  options: { last?: boolean; repeatable?: boolean } = {},
): Promise<Routed> {
  const intake = intakeOf(json);
  if (!store || !intake) return perform();
  const won = await tickets.claimIntakeEffect(store, intake.entryId, effect);
  // A label or keyword changes nothing when set again, and every copy of the mail needs it (a
  // second delivery is a second message): it is set whatever the claim says. It is recorded
  // BEFORE it is set: the sweeps find unfinished mail by its missing label, so a run that dies in
  // between must leave the mail unlabelled (driven again, labelled then), never labelled with its
  // journal entry open (which no sweep would ever see; the chaos run found that window).
  if (options.repeatable) {
    if (won || options.last)
      await tickets.completeIntakeEffect(store, intake.entryId, effect, options).catch((e) => {
        if (won) throw e;
      });
    return perform();
  }
  if (!won && !(await claimWhenReleased(store, intake.entryId, effect))) {
    return { output: 0, json: { ...json, skipped: `${effect} already done for this mail by an earlier run` } };
  }
  let performed = false;
  try {
    const done = await perform();
    performed = true;
    await tickets.completeIntakeEffect(store, intake.entryId, effect, options);
    return done;
  } finally {
    // The provider refused (or never got) the send: the next run, or the sweep, may try again.
    if (!performed) await store.releaseEffect(intake.entryId, effect).catch(() => undefined);
  }
}

/**
 * Another run holds the claim and has not completed it: wait for it (a send takes a second or
 * two). Completed: nothing to do. Given back (its send failed): claim it now. Still held after
 * the wait: that run died mid-send, and at most once means no second try.
 */
async function claimWhenReleased(store: ledger.Ledger, entryId: string, effect: ledger.IntakeEffect): Promise<boolean> {
  for (let waited = 0; waited < 20_000; waited += 250) {
    const claim = (await store.listIntakeEffects(entryId)).find((e) => e.effect === effect);
    if (claim?.doneAt) return false;
    if (!claim) return tickets.claimIntakeEffect(store, entryId, effect);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** The journal effect a composed reply claims: its own (the low-balance warning's), else `reply`. */
export function replyEffectOf(reply: unknown): ledger.IntakeEffect {
  const e = isObject(reply) ? reply.journalEffect : undefined;
  return e === 'low_balance_mail' || e === 'confirmation_mail' || e === 'payment_mail' ? e : 'reply';
}
