/**
 * Names of every top-level function Apps Script calls. build.mjs emits one global stub per name
 * (`function onGrant(e){return SupportGate.onGrant(e)}`); cards and appsscript.json use them.
 */
export const CALLBACKS = {
  homepage: 'onHomepage',
  gmailMessage: 'onGmailMessage',
  settingsUniversal: 'onSettingsUniversal',
  openSettings: 'onOpenSettings',
  saveSettings: 'onSaveSettings',
  testConnection: 'onTestConnection',
  refresh: 'onRefresh',
  grant: 'onGrant',
  revoke: 'onRevoke',
  authorize: 'onAuthorize',
  openTicket: 'onOpenTicket',
  setTicketStatus: 'onSetTicketStatus',
  waive: 'onWaive',
} as const;

export type CallbackName = (typeof CALLBACKS)[keyof typeof CALLBACKS];
export const CALLBACK_NAMES: readonly CallbackName[] = Object.values(CALLBACKS);
