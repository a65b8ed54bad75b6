// Stores the books of a simulated economy: replays a scenario run's journal through the stored
// ledger's use cases, in journal order, so the database holds exactly the transfers the pure
// runner produced. Consecutive new transfers go in linked batches (a batch checks each request
// after the ones before it, so the same order gives the same decisions whatever the chunking);
// posts, voids and reversals go one by one. Because every transfer keeps its id, storing the
// same run again changes nothing; and because the journal is rebuilt entry by entry, the stored
// head hash equals the runner's exactly when every entry is the same.
import type { PoolId } from '../../core/ids.ts';
import {
  type Account,
  getJournal,
  headHash,
  type LedgerFailure,
  type Transfer,
  type TransferRequest,
} from '../../core/ledger/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { ScenarioRun } from '../../core/scenario/index.ts';
import type { LedgerService } from '../ledger/ledger-service.ts';

/** Transfers per linked batch while replaying; well under the ledger's limit. */
const REPLAY_BATCH_TRANSFERS = 5_000;

export interface StoredRun {
  readonly poolId: PoolId;
  readonly accounts: number;
  readonly journalEntries: number;
  /** Transfers the database already held (a run stored before). */
  readonly alreadyStored: number;
  readonly headHash: string;
}

function requestOf(transfer: Transfer): TransferRequest {
  return {
    id: transfer.id,
    debitAccountId: transfer.debitAccountId,
    creditAccountId: transfer.creditAccountId,
    amount: transfer.amount,
    unit: transfer.unit,
    code: transfer.code,
    ...(transfer.pending ? { pending: true } : {}),
    ...(transfer.boundException === undefined ? {} : { boundException: transfer.boundException }),
    ...(transfer.reference === undefined ? {} : { reference: transfer.reference }),
    ...(transfer.period === undefined ? {} : { period: transfer.period }),
  };
}

export async function storeScenarioRun(
  ledger: LedgerService,
  run: ScenarioRun,
): Promise<Result<StoredRun, LedgerFailure>> {
  const poolId = run.chart.poolId;
  const accounts: Account[] = [...run.ledger.accounts.values()]
    .map((record) => record.account)
    .filter((account) => account.poolId === poolId);
  const opened = await ledger.openAccounts(
    poolId,
    accounts.map(({ closed: _closed, ...command }) => command),
  );
  if (!opened.ok) return opened;

  const entries = getJournal(run.ledger, poolId)?.entries ?? [];
  let alreadyStored = 0;
  let batch: TransferRequest[] = [];
  const flush = async (): Promise<LedgerFailure | undefined> => {
    if (batch.length === 0) return undefined;
    const created = await ledger.createTransfers(poolId, batch);
    batch = [];
    if (!created.ok) return created.error;
    alreadyStored += created.value.events.filter(
      (event) => event.type === 'transfer.duplicate',
    ).length;
    return undefined;
  };
  for (const entry of entries) {
    if (entry.kind === 'created' && entry.transfer.reversalOf === undefined) {
      batch.push(requestOf(entry.transfer));
      if (batch.length >= REPLAY_BATCH_TRANSFERS) {
        const failed = await flush();
        if (failed) return err(failed);
      }
      continue;
    }
    const failed = await flush();
    if (failed) return err(failed);
    const result =
      entry.kind === 'created'
        ? await ledger.reverse(poolId, {
            id: entry.transfer.id,
            originalId: entry.transfer.reversalOf!,
            ...(entry.transfer.reference === undefined
              ? {}
              : { reference: entry.transfer.reference }),
            ...(entry.transfer.period === undefined ? {} : { period: entry.transfer.period }),
          })
        : entry.kind === 'posted'
          ? await ledger.postPending(poolId, entry.transferId)
          : await ledger.voidPending(poolId, entry.transferId);
    if (!result.ok) return result;
  }
  const failed = await flush();
  if (failed) return err(failed);

  const journal = getJournal(run.ledger, poolId);
  return ok({
    poolId,
    accounts: accounts.length,
    journalEntries: entries.length,
    alreadyStored,
    headHash: journal ? headHash(journal) : '',
  });
}
