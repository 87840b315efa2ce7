/**
 * Statement: an account's movements in a period (default the previous calendar month), as JSON,
 * a ready FR/EN mail (mail.subject, mail.text, mail.html, sendTo) and a CSV binary property.
 * With Send Once Per Period, the item carries the statement's intake journal entry: the Send
 * Email after it sends one mail per account and period, however often the schedule fires.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { projectField, shownAt } from '../fields';
import { periodFields, periodOf } from '../period';

const at = { resource: 'credits', operation: 'statement' };
export const description: INodeProperties[] = [
  projectField(at),
  {
    displayName: 'Account By',
    name: 'accountBy',
    type: 'options',
    options: [
      { name: 'Account ID', value: 'accountId', description: 'E.g. accountId from Account → List With Movements.' },
      { name: 'Sender', value: 'sender', description: 'One of its addresses (or an address of its domain)' },
    ],
    default: 'sender',
    displayOptions: shownAt(at),
  },
  {
    displayName: 'Sender',
    name: 'sender',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'jane@client.fr',
    displayOptions: { show: { ...shownAt(at).show, accountBy: ['sender'] } },
  },
  {
    displayName: 'Account ID',
    name: 'accountId',
    type: 'string',
    required: true,
    default: '',
    placeholder: '={{ $json.accountId }}',
    displayOptions: { show: { ...shownAt(at).show, accountBy: ['accountId'] } },
  },
  ...periodFields(at),
  {
    displayName: 'Options',
    name: 'statementOptions',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    displayOptions: shownAt(at),
    options: [
      {
        displayName: 'CSV Property',
        name: 'binaryPropertyName',
        type: 'string',
        default: 'data',
        description: 'Binary property the CSV goes in; empty: no CSV',
      },
      {
        displayName: 'Language',
        name: 'language',
        type: 'options',
        options: [
          { name: 'English', value: 'en' },
          { name: 'French', value: 'fr' },
          { name: 'Project Default', value: '' },
        ],
        default: '',
        description: "The mail's language; Project Default: the project's defaultLanguage setting, else English",
      },
      {
        displayName: 'Send Once Per Period',
        name: 'oncePerPeriod',
        type: 'boolean',
        default: false,
        description:
          'Whether to record the statement mail in the intake journal, so a Send Email node with the Ledger credential sends it once per account and period (a second run is skipped)',
      },
      {
        displayName: 'Time Zone',
        name: 'timeZone',
        type: 'string',
        default: '',
        placeholder: 'Europe/Paris',
        description: "IANA zone of the month's boundaries; empty: the project's timeZone setting, else UTC",
      },
    ],
  },
];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const options = ctx.getNodeParameter('statementOptions', i, {}) as {
    binaryPropertyName?: string;
    language?: string;
    oncePerPeriod?: boolean;
    timeZone?: string;
  };
  const project = textParam(ctx, 'project', i);
  const byId = ctx.getNodeParameter('accountBy', i, 'sender') === 'accountId';
  const statement = await staff.accountStatement(store, {
    project,
    ...(byId ? { accountId: textParam(ctx, 'accountId', i) } : { sender: textParam(ctx, 'sender', i) }),
    ...periodOf(ctx, i),
    timeZone: options.timeZone?.trim() || null,
  });
  const found = await staff.projectByRef(store, project);
  const mail = staff.statementMail(statement, found, options.language || null);
  const intake = options.oncePerPeriod ? await staff.statementIntake(store, statement) : null;
  const property = options.binaryPropertyName === undefined ? 'data' : options.binaryPropertyName.trim();
  const fileName = `statement-${statement.account.id}-${statement.period.month ?? statement.period.from.slice(0, 10)}.csv`;
  const binary = property
    ? { [property]: await ctx.helpers.prepareBinaryData(Buffer.from(staff.statementCsv(statement), 'utf8'), fileName, 'text/csv') }
    : undefined;
  return {
    output: 0,
    json: { ...statement, mail, ...(intake ? { intake, statementKey: intake.key } : {}) } as unknown as IDataObject,
    ...(binary ? { binary } : {}),
  };
}
