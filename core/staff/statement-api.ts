/** The Credits API's statement endpoint: the statement in the API's shape, with its CSV. */
import type { Ledger } from '../ledger';
import type { StatementRequest, StatementResponse } from '../ledger/api-schemas';
import { accountStatement } from './statement';
import { statementCsv } from './statement-csv';

export async function statementResponse(ledger: Ledger, req: StatementRequest): Promise<StatementResponse> {
  const s = await accountStatement(ledger, req);
  return {
    account: s.account,
    period: s.period,
    openingBalance: s.openingBalance,
    closingBalance: s.closingBalance,
    lines: s.lines.map((l) => ({
      date: l.date,
      kind: l.kind,
      group: l.group,
      credits: l.credits,
      balanceAfter: l.balanceAfter,
      ticket: l.ticket,
      purchase: l.purchase,
      note: l.note,
    })),
    totals: s.totals,
    purchasedAmounts: s.purchasedAmounts,
    upcomingExpiries: s.upcomingExpiries,
    csv: statementCsv(s),
  };
}
