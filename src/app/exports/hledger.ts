// The pool's books as an hledger journal, for auditors: every posted transfer, in journal
// order, as one transaction of two postings. Amounts are exact decimals of the integer amounts
// (WH with three decimals from mWH; money with two from cents). hledger counts a debit
// positive and a credit negative, so a member who contributed more than they took shows a
// negative balance there: what the pool owes them. Periods have no calendar dates in the
// model; each transaction is dated by the first day of its period (see `periodStartDates`).
import type { LedgerUnit } from '../../core/ledger/index.ts';
import { formatAmount } from './csv.ts';
import type { PoolExportData } from './pool-data.ts';

/** An hledger account name: the account id without the pool's prefix, its kind and owner
 *  joined by a colon (`person:a001`, `project:bakery`, `premium`). */
export function hledgerAccountName(poolId: string, accountId: string): string {
  const prefix = `${poolId}.`;
  const local = accountId.startsWith(prefix) ? accountId.slice(prefix.length) : accountId;
  const dot = local.indexOf('.');
  return dot < 0 ? local : `${local.slice(0, dot)}:${local.slice(dot + 1)}`;
}

const commodity = (unit: LedgerUnit) => (unit === 'effort' ? 'WH' : unit.slice('money:'.length));

/** hledger's width for amounts: the column where right-aligned amounts end. */
const AMOUNT_COLUMN = 60;

function posting(account: string, amount: string): string {
  const gap = Math.max(2, AMOUNT_COLUMN - 4 - account.length - amount.length);
  return `    ${account}${' '.repeat(gap)}${amount}`;
}

/**
 * The journal. `periodDate(p)` is the date (YYYY-MM-DD) the transactions of period p carry;
 * transfers without a period (none are posted that way today) take period 1's.
 */
export function hledgerJournal(
  data: PoolExportData,
  periodDate: (period: number) => string,
): string {
  const posted = data.transfers.filter((t) => t.state === 'posted');
  const name = (id: string) => hledgerAccountName(data.poolId, id);
  const units = new Set(posted.map((t) => t.unit));
  const lines = [
    `; Peerconomy pool ${data.poolId}: every posted transfer of its ledger, in journal order.`,
    '; Amounts are exact (WH to the milli-WH, money to the cent). A debit is positive and a',
    '; credit negative, so a member who contributed more than they took has a negative balance.',
    '',
    ...[...units]
      .sort()
      .map((unit) => `commodity 1000.${unit === 'effort' ? '000' : '00'} ${commodity(unit)}`),
    '',
    ...data.accounts.map((a) => `account ${name(a.account.id)}`),
  ];
  for (const t of posted) {
    const tags = [
      `period:${t.period ?? 1}`,
      ...(t.reference === null ? [] : [`reference:${t.reference}`]),
      ...(t.reversalOf === null ? [] : [`reversalOf:${t.reversalOf}`]),
      ...(t.basicNeeds ? ['basicNeeds:'] : []),
    ];
    const amount = formatAmount(t.amount, t.unit);
    const unit = commodity(t.unit);
    lines.push(
      '',
      `${periodDate(t.period ?? 1)} * (${t.id}) ${t.code}  ; ${tags.join(', ')}`,
      posting(name(t.debitAccountId), `${amount} ${unit}`),
      posting(name(t.creditAccountId), `-${amount} ${unit}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
