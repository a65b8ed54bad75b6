// The pool's open books as CSV (RFC 4180: a header row, CRLF line ends, fields quoted where
// they hold a comma, a quote or a line break): members, transfers, statements, work records.
// Amounts are decimals in the unit's name (WH with three decimals, exact from the integer mWH).
// A text cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a
// carriage return) is neutralised with a leading apostrophe, as OWASP recommends; a plain
// number such as -1.500 is data and stays as it is.
import { stringify } from 'csv-stringify/sync';
import type { LedgerUnit } from '../../core/ledger/index.ts';
import { type EffortMilli, formatEffortMilli } from '../../core/units.ts';
import { type PoolExportData, personAccounts } from './pool-data.ts';

type Cell = string | number | boolean | null;

const PLAIN_NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as written: formulas neutralised, null empty. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) return `'${text}`;
  return text;
}

/** RFC 4180 text of a header and rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return stringify([header.map(csvCell), ...rows.map((row) => row.map(csvCell))], {
    record_delimiter: 'windows',
    // The library quotes a field holding the record delimiter (CRLF) but not a lone line feed
    // or carriage return, which a reader would take as a line break all the same.
    quoted_match: /[\r\n]/,
  });
}

/** mWH as WH with three decimals. */
const wh = (amountEffortMilli: number) => formatEffortMilli(amountEffortMilli as EffortMilli);

/** An amount in its unit: WH with three decimals, money with two (cents). */
export function formatAmount(amount: number, unit: LedgerUnit): string {
  if (unit === 'effort') return wh(amount);
  const sign = amount < 0 ? '-' : '';
  const cents = Math.abs(amount);
  return `${sign}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

const unitName = (unit: LedgerUnit) => (unit === 'effort' ? 'WH' : unit.slice('money:'.length));

/** Every person of the pool with their membership and their balance now. */
export function membersCsv(data: PoolExportData): string {
  const accountOf = personAccounts(data);
  const balances = new Map<string, number>(
    data.accounts.map((a) => [a.account.id, a.postedBalance]),
  );
  const rows = data.scenario.persons.map((p) => {
    const accountId = accountOf.get(p.id) ?? null;
    const balance = accountId === null ? null : (balances.get(accountId) ?? 0);
    return [
      p.id,
      p.contributing,
      p.capacitySlots,
      wh(p.capacityMilli),
      p.residence,
      p.dependent?.category ?? null,
      p.memberFromPeriod,
      p.memberUntilPeriod,
      accountId,
      balance === null ? null : wh(balance),
    ];
  });
  return toCsv(
    [
      'personId',
      'contributing',
      'capacitySlots',
      'capacityFactor',
      'residence',
      'dependent',
      'memberFromPeriod',
      'memberUntilPeriod',
      'accountId',
      'balanceWH',
    ],
    rows,
  );
}

/** Every transfer of the pool's journal, in journal order, with its state. */
export function transfersCsv(data: PoolExportData): string {
  const rows = data.transfers.map((t) => [
    t.journalIndex,
    t.id,
    t.period,
    t.state,
    t.code,
    t.debitAccountId,
    t.creditAccountId,
    formatAmount(t.amount, t.unit),
    unitName(t.unit),
    t.reference,
    t.basicNeeds,
    t.reversalOf,
  ]);
  return toCsv(
    [
      'journalIndex',
      'transferId',
      'period',
      'state',
      'code',
      'debitAccountId',
      'creditAccountId',
      'amount',
      'unit',
      'reference',
      'basicNeeds',
      'reversalOf',
    ],
    rows,
  );
}

/**
 * One row per person and closed period: the opening balance, what was credited, what was
 * debited in all and by reason (the transfer code; one column per code the pool used), the
 * closing balance and the settlement status. Opening + credits − debits = closing.
 */
export function statementsCsv(data: PoolExportData): string {
  const accountOf = personAccounts(data);
  const codes = new Set<string>();
  const rows: {
    cells: Cell[];
    byCode: Map<string, number>;
  }[] = [];
  let opening = new Map<string, number>();
  for (const { period, report } of data.periods) {
    if (report === null) continue;
    const closing = new Map(report.balances.map((b) => [b.accountId, b.balanceEffortMilli]));
    const status = new Map(report.members.map((m) => [m.personId, m.status]));
    for (const person of data.scenario.persons) {
      const accountId = accountOf.get(person.id);
      if (accountId === undefined || !closing.has(accountId)) continue;
      let credits = 0;
      let debits = 0;
      const byCode = new Map<string, number>();
      for (const t of report.transfers) {
        if (t.creditAccountId === accountId) credits += t.amount;
        if (t.debitAccountId !== accountId) continue;
        debits += t.amount;
        byCode.set(t.code, (byCode.get(t.code) ?? 0) + t.amount);
        codes.add(t.code);
      }
      rows.push({
        byCode,
        cells: [
          period,
          person.id,
          wh(opening.get(accountId) ?? 0),
          wh(credits),
          wh(debits),
          wh(closing.get(accountId)!),
          status.get(person.id) ?? null,
        ],
      });
    }
    opening = closing;
  }
  const codeColumns = [...codes].sort();
  return toCsv(
    [
      'period',
      'personId',
      'openingWH',
      'creditsWH',
      'debitsWH',
      'closingWH',
      'status',
      ...codeColumns.map((code) => `debitsWH:${code}`),
    ],
    rows.map((row) => [...row.cells, ...codeColumns.map((code) => wh(row.byCode.get(code) ?? 0))]),
  );
}

/**
 * Every work record: those of closed periods as credited (weight and credit), those of the
 * open period as recorded so far (`open`, nothing credited yet).
 */
export function workCsv(data: PoolExportData): string {
  const rows: Cell[][] = [];
  data.scenario.periods.forEach((spec, index) => {
    const period = index + 1;
    const report = data.periods.find((p) => p.period === period)?.report ?? null;
    const credited = new Map((report?.work ?? []).map((w) => [w.recordId, w]));
    const tasks = new Map(spec.tasks.map((t) => [t.id, t]));
    for (const record of spec.work) {
      const task = tasks.get(record.instanceId);
      const credit = credited.get(record.id);
      const state =
        report === null ? 'open' : credit?.confirmed === true ? 'credited' : 'unconfirmed';
      rows.push([
        period,
        record.id,
        record.personId,
        record.instanceId,
        task?.projectId ?? null,
        task?.templateId ?? null,
        record.minutes,
        record.unitsDone,
        credit?.creditedMinutes ?? null,
        record.confirmedBy,
        state,
        credit?.weightMilli == null ? null : wh(credit.weightMilli),
        credit === undefined ? null : wh(credit.amountEffortMilli),
      ]);
    }
  });
  return toCsv(
    [
      'period',
      'recordId',
      'personId',
      'instanceId',
      'projectId',
      'templateId',
      'minutes',
      'unitsDone',
      'creditedMinutes',
      'confirmedBy',
      'state',
      'weight',
      'creditWH',
    ],
    rows,
  );
}
