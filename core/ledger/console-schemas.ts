/**
 * Request/response shapes of the console's operations (POST <n8n>/webhook/supportgate/console/api/<operation>),
 * beside the add-on's in api-schemas.ts and served by the same Credits API. Money in requests is
 * in currency units ("80", 80, "80.50"), converted to minor units by the core with the currency's
 * decimals; responses carry both `priceMinor` and a formatted `price`. Every message says what to
 * write instead, because the console shows it under the field it names.
 */
import { z } from 'zod';
import { JOURNAL_KINDS, TICKET_STATUSES } from './types';

export const CONSOLE_LANGUAGES = ['fr', 'en'] as const;
export const SENDER_AUTHENTICATION_POLICIES = ['require', 'flag', 'off'] as const;
export const DEFAULT_TICKET_TAG_FORMAT = '[SG-{{number}}]';

const projectId = z.string({ required_error: 'choose a project' }).trim().min(1, 'choose a project');
const address = z
  .string({ required_error: 'write an e-mail address such as support@agency.fr' })
  .trim()
  .email('write an e-mail address such as support@agency.fr');
/** A support address; support+acme@agency.fr reaches the same mailbox and can be tied to one client. */
const supportAddress = z
  .string({ required_error: 'write the address clients write to, such as support@agency.fr' })
  .trim()
  .email(
    'write the address clients write to, such as support@agency.fr; a plus-address like support+acme@agency.fr reaches the same mailbox and can be tied to one client',
  );
const domain = z
  .string({ required_error: 'write a domain such as client.fr' })
  .trim()
  .min(1, 'write a domain such as client.fr')
  .regex(/^@?[^\s@]+\.[^\s@]+$/, 'write a domain such as client.fr (no @, no spaces)');
/** Converted by the core with the currency's decimals: "80,50" and "80.50" are both 80.50 EUR; JPY takes none. */
export const Amount = z.union([z.number(), z.string()], {
  errorMap: () => ({ message: 'write an amount such as 80 or 80.50' }),
});
const credits = z
  .number({ invalid_type_error: 'write a whole number of credits such as 5', required_error: 'write a whole number of credits such as 5' })
  .int('write a whole number of credits such as 5')
  .positive('write a whole number of credits such as 5');
const url = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s]+$/i, `write the address of the page ${what}, starting with https://`);

export const PackInput = z.object({ credits, price: Amount });

/** Every project field the first-run form and the settings screen set; all optional on update. */
const projectFields = {
  name: z
    .string({ required_error: 'give the project a name such as "Acme support"' })
    .trim()
    .min(1, 'give the project a name such as "Acme support"')
    .max(100, 'keep the name under 100 characters'),
  supportAddresses: z
    .array(supportAddress, { invalid_type_error: 'give at least one support address such as support@agency.fr' })
    .min(1, 'give at least one support address such as support@agency.fr'),
  price: Amount,
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'write a three-letter currency code such as EUR, USD or JPY')
    .transform((c) => c.toUpperCase()),
  defaultLanguage: z.enum(CONSOLE_LANGUAGES, { errorMap: () => ({ message: 'choose fr or en' }) }),
  packs: z.array(PackInput, { invalid_type_error: 'give packs as a list such as 5 credits for 350' }),
  successUrl: url('clients see after paying'),
  cancelUrl: url('clients see when they leave the payment page'),
  ticketTagFormat: z
    .string()
    .trim()
    .min(1, 'write a tag format such as [SG-{{number}}]')
    .max(40, 'keep the tag under 40 characters')
    .refine((f) => f.includes('{{number}}'), 'the tag must contain {{number}}, such as [SG-{{number}}]'),
  senderAuthentication: z.enum(SENDER_AUTHENTICATION_POLICIES, {
    errorMap: () => ({ message: 'choose require (hold unverified mail until confirmed), flag (charge and flag) or off' }),
  }),
};

export const OverviewRequest = z.object({}).passthrough();
export const ProjectCreateRequest = z.object({
  name: projectFields.name,
  supportAddresses: projectFields.supportAddresses,
  price: projectFields.price,
  currency: projectFields.currency.default('EUR'),
  defaultLanguage: projectFields.defaultLanguage.default('fr'),
  packs: projectFields.packs.default([]),
  successUrl: projectFields.successUrl.optional(),
  cancelUrl: projectFields.cancelUrl.optional(),
  ticketTagFormat: projectFields.ticketTagFormat.default(DEFAULT_TICKET_TAG_FORMAT),
  senderAuthentication: projectFields.senderAuthentication.default('require'),
});
/** The same fields, each optional: only those given change (supportAddresses replaces the list). */
export const ProjectUpdateRequest = z.object({
  projectId,
  name: projectFields.name.optional(),
  supportAddresses: projectFields.supportAddresses.optional(),
  price: projectFields.price.optional(),
  currency: projectFields.currency.optional(),
  defaultLanguage: projectFields.defaultLanguage.optional(),
  packs: projectFields.packs.optional(),
  successUrl: projectFields.successUrl.optional(),
  cancelUrl: projectFields.cancelUrl.optional(),
  ticketTagFormat: projectFields.ticketTagFormat.optional(),
  senderAuthentication: projectFields.senderAuthentication.optional(),
});

export const PackShape = z.object({ credits: z.number().int(), priceMinor: z.number().int(), price: z.string() });
export const ProjectShape = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  /** Formatted in the project's language with the currency's decimals: "80,00 €", "¥8,000". */
  price: z.string(),
  priceMinor: z.number().int(),
  defaultLanguage: z.enum(CONSOLE_LANGUAGES),
  recipients: z.array(z.string()),
  packs: z.array(PackShape),
  successUrl: z.string().nullable(),
  cancelUrl: z.string().nullable(),
  ticketTagFormat: z.string(),
  senderAuthentication: z.enum(SENDER_AUTHENTICATION_POLICIES),
  createdAt: z.string(),
});
export const ProjectResponse = z.object({ project: ProjectShape });
export const OverviewResponse = z.object({
  /** Empty: the first run (no project yet). */
  projects: z.array(ProjectShape.extend({ clients: z.number().int(), openTickets: z.number().int() })),
});

export const RecipientRequest = z.object({ projectId, address: supportAddress });
export const RecipientsResponse = z.object({ recipients: z.array(z.string()) });

export const ClientsRequest = z.object({ projectId, search: z.string().trim().max(200).optional() });
export const ClientShape = z.object({
  accountId: z.string(),
  name: z.string(),
  balance: z.number().int(),
  lastActivityAt: z.string().nullable(),
  senders: z.array(z.string()),
  domains: z.array(z.string()),
  /** The address to pass as `sender` to grant, revoke and sender for this client (a domain-only client has one too); null: none. */
  ref: z.string().nullable(),
});
export const ClientsResponse = z.object({ clients: z.array(ClientShape) });

/** Every sender @domain becomes the client: the account named (created when new) or accountId's. */
export const AuthorizeDomainRequest = z.object({
  projectId,
  domain,
  accountId: z.string().trim().min(1).optional(),
  accountName: z.string().trim().max(200).optional(),
  initialCredits: z
    .number({ invalid_type_error: 'write a whole number of credits such as 0 or 5' })
    .int('write a whole number of credits such as 0 or 5')
    .min(0, 'write a whole number of credits such as 0 or 5')
    .default(0),
});
export const SenderRemoveRequest = z.object({ projectId, address });
export const DomainRemoveRequest = z.object({ projectId, domain });
export const RemovedResponse = z.object({ removed: z.boolean() });

export const JournalRequest = z.object({
  accountId: z.string({ required_error: 'choose a client' }).trim().min(1, 'choose a client'),
  format: z.enum(['json', 'csv'], { errorMap: () => ({ message: 'choose json or csv' }) }).default('json'),
});
export const ConsoleJournalEntry = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.enum(JOURNAL_KINDS),
  credits: z.number().int(),
  balanceAfter: z.number().int(),
  ticketId: z.string().nullable(),
  actor: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const JournalResponse = z.union([z.object({ entries: z.array(ConsoleJournalEntry) }), z.object({ csv: z.string() })]);

export const TicketsRequest = z.object({
  projectId,
  status: z.enum(TICKET_STATUSES, { errorMap: () => ({ message: `choose one of ${TICKET_STATUSES.join(', ')}` }) }).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const ConsoleTicketShape = z.object({
  id: z.string(),
  number: z.number().int(),
  /** The project's tag for it: [SG-42]. */
  tag: z.string(),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  category: z.string().nullable(),
  urgency: z.string().nullable(),
  summary: z.string().nullable(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  sender: z.string().nullable(),
  waived: z.boolean(),
  createdAt: z.string(),
});
export const TicketsResponse = z.object({ tickets: z.array(ConsoleTicketShape) });

export const PaymentsRequest = z.object({ projectId, accountId: z.string().trim().min(1).optional() });
export const ConsolePaymentShape = z.object({
  accountId: z.string(),
  accountName: z.string(),
  /** An open link past its expiry is shown expired. */
  status: z.enum(['open', 'paid', 'expired', 'refunded']),
  credits: z.number().int(),
  amountMinor: z.number().int(),
  price: z.string(),
  currency: z.string(),
  url: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export const PaymentsResponse = z.object({ payments: z.array(ConsolePaymentShape) });

export const HealthRequest = z.object({}).passthrough();
export const HealthResponse = z.object({
  ledger: z.object({
    ok: z.boolean(),
    violations: z.array(z.object({ accountId: z.string(), cachedBalance: z.number(), journalBalance: z.number() })),
  }),
  /**
   * Mail received or decided and untouched for 15 minutes (the sweeps re-drive it), replies or
   * labels claimed that long ago and never completed, and when the oldest such mail arrived.
   */
  intake: z.object({ unfinished: z.number().int(), stuckEffects: z.number().int(), oldestUnfinishedAt: z.string().nullable() }),
});

const language = z.enum(CONSOLE_LANGUAGES, { errorMap: () => ({ message: 'choose fr or en' }) });
export const TemplatesRequest = z.object({ projectId, language });
export const ConsoleTemplateShape = z.object({
  name: z.string(),
  /** The reply's subject: the client's own, tagged ("Re: {{subject}} [SG-{{number}}]"), so the thread stays one. */
  subject: z.string(),
  body: z.string(),
  /** True when the project's own text replaces the built-in one. */
  custom: z.boolean(),
});
export const TemplatesResponse = z.object({ templates: z.array(ConsoleTemplateShape), variables: z.array(z.string()) });
const templateEdit = {
  projectId,
  language,
  name: z.string({ required_error: 'choose a template' }).trim().min(1, 'choose a template'),
  subject: z.string().max(300, 'keep the subject under 300 characters').optional(),
  body: z
    .string({ required_error: 'write the text of the reply' })
    .min(1, 'write the text of the reply')
    .max(20000, 'keep the reply under 20,000 characters'),
};
export const TemplatePreviewRequest = z.object(templateEdit);
export const TemplatePreviewResponse = z.object({ subject: z.string(), body: z.string(), unknownVariables: z.array(z.string()) });
export const TemplateSaveRequest = z.object(templateEdit);
export const TemplateSaveResponse = z.object({ template: ConsoleTemplateShape });

export type ProjectCreateRequest = z.infer<typeof ProjectCreateRequest>;
export type ProjectUpdateRequest = z.infer<typeof ProjectUpdateRequest>;
export type ProjectShape = z.infer<typeof ProjectShape>;
export type OverviewResponse = z.infer<typeof OverviewResponse>;
export type ClientShape = z.infer<typeof ClientShape>;
export type AuthorizeDomainRequest = z.infer<typeof AuthorizeDomainRequest>;
export type ConsoleJournalEntry = z.infer<typeof ConsoleJournalEntry>;
export type ConsoleTicketShape = z.infer<typeof ConsoleTicketShape>;
export type ConsolePaymentShape = z.infer<typeof ConsolePaymentShape>;
export type HealthResponse = z.infer<typeof HealthResponse>;
export type ConsoleTemplateShape = z.infer<typeof ConsoleTemplateShape>;
