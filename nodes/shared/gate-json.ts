/** The item shapes the gate nodes read and write. */
import type { IDataObject } from 'n8n-workflow';
import { email as mail, templates, type ledger, type tickets } from '../../core';
import { isObject } from './is-object';

/** The item's SupportEmail: the `email` it carries (after a SupportGate node), else the trigger item itself. */
export async function supportEmailOf(json: IDataObject, binary?: unknown): Promise<mail.SupportEmail> {
  if (isObject(json.email)) {
    const parsed = mail.supportEmailSchema.safeParse(json.email);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = ['email', ...(issue?.path ?? [])].join('.');
    throw new mail.EmailInputError(
      where,
      `The item's "email" field is not a SupportEmail (${where}: ${issue?.message ?? 'invalid'}): pass the output of a SupportGate node unchanged, or remove "email" to read the trigger item itself.`,
    );
  }
  return mail.normalizeAny(binary ? { json, binary } : json);
}

export const projectJson = (p: ledger.Project | null) => (p ? { id: p.id, name: p.name } : null);
export const accountJson = (a: ledger.Account | null) => (a ? { id: a.id, name: a.name, balance: a.balance } : null);

export function ticketJson(t: ledger.Ticket, tag: string) {
  return { id: t.id, number: t.number, tag, status: t.status, subject: t.subject };
}

/** What Check Sender Credits puts on an item: everything the next nodes need, nothing of the trigger's raw shape. */
export function decisionJson(email: mail.SupportEmail, d: tickets.GateDecision, format: string): IDataObject {
  return {
    email,
    project: projectJson(d.project),
    account: accountJson(d.account),
    balance: d.balance,
    route: d.route,
    reason: d.reason,
    reasonCode: d.reasonCode,
    ...(d.ticket ? { ticket: ticketJson(d.ticket, templates.formatTicketTag(d.ticket.number, format)) } : {}),
    authenticity: {
      verdict: d.authenticity.verdict,
      reason: d.authenticity.reason,
      spfAligned: d.authenticity.spfAligned,
      dkimAligned: d.authenticity.dkimAligned,
    },
    ...(d.flagged ? { flagged: true } : {}),
    ...(d.senderAuthentication ? { senderAuthentication: d.senderAuthentication } : {}),
    ...(d.confirms ? { confirms: true } : {}),
  } as unknown as IDataObject;
}
