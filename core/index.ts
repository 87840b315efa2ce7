/** The domain core's single entry point: nodes and the Outlook connector import only this barrel (see scripts/build.mjs). */
export * as ledger from './ledger';
export * as email from './email';
export * as triage from './triage';
export * as payments from './payments';
export * as templates from './templates';
export * as tickets from './tickets';
export * as staff from './staff';
export * as creditsApi from './staff/credits-api';
export * as gmail from './gmail';
export * as imap from './imap';
