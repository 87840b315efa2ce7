/**
 * What staff do on the ledger, once for every surface: the SupportGate Ledger node, the Credits
 * API (and so the Gmail add-on and the console). Each takes names as staff give them (project
 * name or id, a client's address, a ticket number) and throws a LedgerError naming the field.
 */
export * from './lookups';
export * from './clients';
export * from './credits';
export * from './ticket-actions';
export * from './projects';
export * from './views';
export * from './templates';
export * from './money-input';
