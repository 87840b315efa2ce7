/**
 * The console's operations of the Credits API (POST …/supportgate/console/api/<operation>): each
 * parses its body with the shared zod schema and calls the staff operation the Ledger node runs.
 */
import * as c from '../../ledger/console-schemas';
import { LedgerError } from '../../ledger';
import { PaymentError } from '../../payments/errors';
import { TemplateError } from '../../templates';
import { GateError } from '../../tickets/errors';
import { authorizeWholeDomain, listClients, removeDomain, removeSender } from '../clients';
import { addSupportAddress, createProjectWithAddresses, projectsOverview, removeSupportAddress, updateProjectFields } from '../projects';
import { listTemplates, previewTemplate, saveTemplate } from '../templates';
import { accountJournal, health, journalCsv, projectPayments, projectTickets } from '../views';
import { parse, type ApiHandler } from './handler';

export const CONSOLE_OPERATIONS = [
  'overview',
  'projectCreate',
  'projectUpdate',
  'recipientAdd',
  'recipientRemove',
  'clients',
  'authorizeDomain',
  'senderRemove',
  'domainRemove',
  'journal',
  'tickets',
  'payments',
  'health',
  'templates',
  'templatePreview',
  'templateSave',
] as const;
export type ConsoleOperation = (typeof CONSOLE_OPERATIONS)[number];

/**
 * A project setting the mail path refuses (a tag without {{number}}, a template it cannot render,
 * a pack it cannot sell) is a 400 naming the setting, like a bad field, not a failed execution.
 */
function settingErrorsAsLedgerErrors(handler: ApiHandler): ApiHandler {
  return (ledger, body, actor) =>
    handler(ledger, body, actor).catch((e: unknown) => {
      if (e instanceof GateError || e instanceof TemplateError || e instanceof PaymentError)
        throw new LedgerError('invalid_argument', e.message, e.field, { cause: e });
      throw e;
    });
}

const handlers: Record<ConsoleOperation, ApiHandler> = {
  async overview(ledger, body) {
    parse(c.OverviewRequest, body);
    return { projects: await projectsOverview(ledger) };
  },
  async projectCreate(ledger, body) {
    return { project: await createProjectWithAddresses(ledger, parse(c.ProjectCreateRequest, body)) };
  },
  async projectUpdate(ledger, body) {
    return { project: await updateProjectFields(ledger, parse(c.ProjectUpdateRequest, body)) };
  },
  async recipientAdd(ledger, body) {
    return { recipients: await addSupportAddress(ledger, parse(c.RecipientRequest, body)) };
  },
  async recipientRemove(ledger, body) {
    return { recipients: await removeSupportAddress(ledger, parse(c.RecipientRequest, body)) };
  },
  async clients(ledger, body) {
    return { clients: await listClients(ledger, parse(c.ClientsRequest, body)) };
  },
  async authorizeDomain(ledger, body, actor) {
    const req = parse(c.AuthorizeDomainRequest, body);
    const r = await authorizeWholeDomain(ledger, { ...req, project: req.projectId, actor });
    return { account: { id: r.account.id, name: r.account.name }, balance: r.balance, created: r.created };
  },
  async senderRemove(ledger, body) {
    const req = parse(c.SenderRemoveRequest, body);
    return removeSender(ledger, { project: req.projectId, address: req.address });
  },
  async domainRemove(ledger, body) {
    const req = parse(c.DomainRemoveRequest, body);
    return removeDomain(ledger, { project: req.projectId, domain: req.domain });
  },
  async journal(ledger, body) {
    const req = parse(c.JournalRequest, body);
    const entries = await accountJournal(ledger, req);
    return req.format === 'csv' ? { csv: journalCsv(entries) } : { entries };
  },
  async tickets(ledger, body) {
    return { tickets: await projectTickets(ledger, parse(c.TicketsRequest, body)) };
  },
  async payments(ledger, body) {
    return { payments: await projectPayments(ledger, parse(c.PaymentsRequest, body)) };
  },
  async health(ledger, body) {
    parse(c.HealthRequest, body);
    return health(ledger);
  },
  async templates(ledger, body) {
    return listTemplates(ledger, parse(c.TemplatesRequest, body));
  },
  async templatePreview(ledger, body) {
    return previewTemplate(ledger, parse(c.TemplatePreviewRequest, body));
  },
  async templateSave(ledger, body) {
    return saveTemplate(ledger, parse(c.TemplateSaveRequest, body));
  },
};

export const consoleHandlers = Object.fromEntries(
  Object.entries(handlers).map(([op, handler]) => [op, settingErrorsAsLedgerErrors(handler)]),
) as Record<ConsoleOperation, ApiHandler>;
