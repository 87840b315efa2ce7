/**
 * Exactly one statement mail per account and period: the statement is recorded in the intake
 * journal as a mail of its own (mailbox statements:<project>, Message-ID
 * <statement:<account>:<yyyy-mm>>), so the mailbox nodes' Send Email claims its one send
 * (effect staff_notification) like any other mail, and a schedule that fires twice sends nothing
 * the second time. The entry is closed at once: it is never unfinished mail for the sweeps.
 */
import type { Ledger } from '../ledger';
import type { IntakeRef } from '../tickets';
import type { Statement } from './statement';

/** statement:<account>:2026-11, or statement:<account>:<from>_<to> for a period that is not one month. */
export const statementKey = (s: Pick<Statement, 'account' | 'period'>) =>
  `statement:${s.account.id}:${s.period.month ?? `${s.period.from}_${s.period.to}`}`;

export async function statementIntake(store: Ledger, s: Statement): Promise<IntakeRef & { key: string; alreadySent: boolean }> {
  const key = statementKey(s);
  const mailbox = `statements:${s.project.id}`;
  let { entry } = await store.journalReceived({ mailbox, messageId: `<${key}>`, projectId: s.project.id });
  if (entry.state === 'received') entry = await store.journalDecided(entry.id, { route: 'statement' });
  if (entry.state !== 'done') entry = await store.journalDone(entry.id);
  const claim = (await store.listIntakeEffects(entry.id)).find((e) => e.effect === 'staff_notification');
  return {
    entryId: entry.id,
    mailbox: entry.mailbox,
    attempts: entry.attempts,
    state: entry.state,
    route: entry.route,
    ticketId: null,
    replied: !!claim,
    replyPending: !!claim && !claim.doneAt,
    key,
    alreadySent: !!claim?.doneAt,
  };
}
