// One call per export, for the CLI and the server alike: read the stored pool, render the
// format asked for, and answer the text with its media type and a file name.
import { failure, ok, type Result } from '../../core/result.ts';
import type { EconomyStore } from '../ports/economy-store.ts';
import { membersCsv, statementsCsv, transfersCsv, workCsv } from './csv.ts';
import type { ExportFormat } from './export-formats.ts';
import { hledgerJournal } from './hledger.ts';
import { icalFeed } from './ical.ts';
import { type PeriodLength, periodStartDates } from './period-dates.ts';
import type { PoolExportData } from './pool-data.ts';
import { type ExportFailure, readPoolForExport } from './read-pool.ts';
import { valueFlowsDocument } from './valueflows.ts';

export { EXPORT_FORMATS, type ExportFormat } from './export-formats.ts';

export interface ExportRequest {
  readonly format: ExportFormat;
  /** The person whose calendar (`ical`); required there, refused elsewhere. */
  readonly personId?: string | undefined;
  /** The calendar's window is around this moment (`ical`). */
  readonly now?: Date | undefined;
  /** The first day of period 1 (`hledger`), YYYY-MM-DD; default from the task starts. */
  readonly firstPeriodDate?: string | undefined;
  readonly periodLength?: PeriodLength | undefined;
  /** The base of node ids (`valueflows`); default `urn:peerconomy:<pool>:`. */
  readonly baseIri?: string | undefined;
  /** Whether the reader may see a person account named (`csv-transfers`, MODEL.md M17): a
   *  line with a hidden one shows it as `<pool>.person.*` and its ids as `*`. Absent: every
   *  account is shown (the CLI, which reads the database itself, and auditors). */
  readonly showsAccount?: ((accountId: string) => boolean) | undefined;
}

/** The transfers with the person accounts the reader may not see hidden, and the ids of their
 *  lines (which name records, and so often persons). */
function withHiddenPersons(
  data: PoolExportData,
  showsAccount: (accountId: string) => boolean,
): PoolExportData {
  const hidden = `${data.poolId}.person.*`;
  const transfers = data.transfers.map((t) => {
    const debit = showsAccount(t.debitAccountId) ? t.debitAccountId : hidden;
    const credit = showsAccount(t.creditAccountId) ? t.creditAccountId : hidden;
    if (debit === t.debitAccountId && credit === t.creditAccountId) return t;
    return {
      ...t,
      id: '*',
      debitAccountId: debit,
      creditAccountId: credit,
      reference: t.reference === null ? null : '*',
      reversalOf: t.reversalOf === null ? null : '*',
    };
  });
  return { ...data, transfers };
}

export interface RenderedExport {
  readonly mediaType: string;
  readonly fileName: string;
  readonly body: string;
}

const CSV = 'text/csv; charset=utf-8; header=present';

/** Renders one export of data already read. */
export function renderExport(
  data: PoolExportData,
  request: ExportRequest,
): Result<RenderedExport, ExportFailure> {
  const name = (suffix: string) => `${data.poolId}-${suffix}`;
  const { format, personId } = request;
  if ((format === 'ical') !== (personId !== undefined)) {
    return failure(
      'export.person_required',
      format === 'ical'
        ? "the calendar is one person's: name the person"
        : `the ${format} export is the whole pool's: it takes no person`,
    );
  }
  switch (format) {
    case 'csv-members':
      return ok({ mediaType: CSV, fileName: name('members.csv'), body: membersCsv(data) });
    case 'csv-transfers':
      return ok({
        mediaType: CSV,
        fileName: name('transfers.csv'),
        body: transfersCsv(
          request.showsAccount === undefined ? data : withHiddenPersons(data, request.showsAccount),
        ),
      });
    case 'csv-statements':
      return ok({ mediaType: CSV, fileName: name('statements.csv'), body: statementsCsv(data) });
    case 'csv-work':
      return ok({ mediaType: CSV, fileName: name('work.csv'), body: workCsv(data) });
    case 'valueflows': {
      const document = valueFlowsDocument(
        data,
        request.baseIri === undefined ? {} : { baseIri: request.baseIri },
      );
      return ok({
        mediaType: 'application/ld+json',
        fileName: name('valueflows.jsonld'),
        body: `${JSON.stringify(document, null, 2)}\n`,
      });
    }
    case 'ical': {
      const feed = icalFeed(data, personId!, { now: request.now ?? new Date() });
      if (!feed.ok) return feed;
      return ok({
        mediaType: 'text/calendar; charset=utf-8',
        fileName: name(`${personId}.ics`),
        body: feed.value,
      });
    }
    case 'hledger': {
      const dates = periodStartDates(data, {
        firstPeriodDate: request.firstPeriodDate,
        periodLength: request.periodLength,
      });
      if (!dates.ok) return dates;
      return ok({
        mediaType: 'text/plain; charset=utf-8',
        fileName: name('hledger.journal'),
        body: hledgerJournal(data, dates.value),
      });
    }
  }
}

/** Reads the stored pool and renders one export of it. */
export async function exportPool(
  store: EconomyStore,
  poolId: string,
  request: ExportRequest,
): Promise<Result<RenderedExport, ExportFailure>> {
  const data = await readPoolForExport(store, poolId);
  if (!data.ok) return data;
  return renderExport(data.value, request);
}
