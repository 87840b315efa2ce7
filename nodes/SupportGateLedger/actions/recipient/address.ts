import type { INodeProperties } from 'n8n-workflow';
import { shownAt, type At } from '../fields';

export const addressField = (at: At): INodeProperties => ({
  displayName: 'Support Address',
  name: 'address',
  type: 'string',
  required: true,
  default: '',
  placeholder: 'support@agency.com',
  description: 'Plus-addresses (support+acme@agency.com) are kept as they are',
  displayOptions: shownAt(at),
});
