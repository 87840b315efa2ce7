import type { INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
  {
    displayName: 'Purpose',
    name: 'purpose',
    type: 'options',
    options: [
      { name: 'Request Without Credit', value: 'request', description: 'The link a held request waits for, in the payment-request reply' },
      {
        name: 'Top-Up (Low Balance)',
        value: 'topUp',
        description: "The low-balance warning's link (Debit Credit's lowBalance), no ticket held",
      },
    ],
    default: 'request',
  },
  {
    displayName: 'Project',
    name: 'project',
    type: 'string',
    default: '={{ $json.project.id }}',
    required: true,
    description: 'ID or name of the SupportGate project selling the credits (Check Sender Credits puts it in project.ID)',
  },
  {
    displayName: 'Account ID',
    name: 'accountId',
    type: 'string',
    default: '={{ $json.account.id }}',
    required: true,
    description: 'The client account that receives the credits once paid',
  },
  {
    displayName: 'Ticket ID',
    name: 'ticketId',
    type: 'string',
    default: '={{ $json.ticket ? $json.ticket.id : "" }}',
    description: 'The ticket held until payment (status waiting_payment); empty for none',
  },
  {
    displayName: 'Customer Email',
    name: 'customerEmail',
    type: 'string',
    default: '={{ $json.email ? $json.email.from.address : "" }}',
    description: 'Prefilled on the Stripe page, and where the reply with the link goes',
  },
  {
    displayName: 'Credits',
    name: 'credits',
    type: 'number',
    typeOptions: { minValue: 1, numberPrecision: 0 },
    default: 1,
    description: "Credits to buy: 1 at the project price, or the size of one of the project's packs",
  },
  {
    displayName: 'Language',
    name: 'language',
    type: 'options',
    options: [
      { name: 'Auto (Mail Language, Else Project Default)', value: 'auto' },
      { name: 'English', value: 'en' },
      { name: 'French', value: 'fr' },
    ],
    default: 'auto',
    description: 'Language of the payment page and of the reply',
  },
];
