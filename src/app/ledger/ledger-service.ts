// The ledger's use cases on a database: open accounts, create transfers (one or a linked
// batch), post or void pending ones, reverse posted ones, read balances, verify everything.
// Each write is decided alone: load the slice the command touches → the core decides → store
// what changed; writes of one pool that arrive together share a transaction (group-commit.ts).
// When the core refuses, nothing is written and the typed failure is returned. Every write
// carries its own idempotency key (the account or transfer id), so a replayed request changes
// nothing.
import type { AccountId, PoolId, TransferId } from '../../core/ids.ts';
import {
  type AccountBalance,
  closeAccount,
  createLedger,
  createTransfers,
  GENESIS_HASH,
  getBalance,
  type JournalBreak,
  type LedgerFailure,
  type LedgerOutcome,
  type LedgerState,
  type OpenAccountCommand,
  postTransfer,
  type ReverseCommand,
  reverseTransfer,
  type TransferRequest,
  verifyLedger,
  voidTransfer,
} from '../../core/ledger/index.ts';
import { ok, type Result } from '../../core/result.ts';
import type { LedgerStore } from '../ports/ledger-store.ts';
import { createGroupCommit } from './group-commit.ts';
import { openInSlice } from './open-in-slice.ts';

export interface PoolVerification {
  readonly poolId: PoolId;
  readonly accounts: number;
  readonly transfers: number;
  readonly journalEntries: number;
  readonly headHash: string;
  /** Σ balances per unit; every one must be zero. */
  readonly balanceSumByUnit: Readonly<Record<string, number>>;
  readonly problem?: JournalBreak | { readonly reason: 'unbalanced'; readonly detail: string };
}

export function createLedgerService(store: LedgerStore) {
  const group = createGroupCommit(store);
  return {
    /**
     * Opens accounts of one pool, all or none. Opening an account again with the same content
     * is a no-op; with other content it is refused (`ledger.account_exists`).
     */
    async openAccounts(
      poolId: PoolId,
      commands: readonly OpenAccountCommand[],
    ): Promise<Result<{ readonly opened: readonly AccountId[] }, LedgerFailure>> {
      return store.transaction(async (tx) => {
        const slice = await tx.loadSlice({
          poolId,
          accountIds: commands.map((c) => c.id),
          transferIds: [],
        });
        const opened = openInSlice(slice, poolId, commands);
        if (!opened.ok) return opened;
        await tx.insertAccounts(opened.value);
        return ok({ opened: opened.value.map((account) => account.id) });
      });
    },

    /** Creates transfers of one pool as a linked batch: all are applied or none. */
    async createTransfers(
      poolId: PoolId,
      requests: readonly TransferRequest[],
    ): Promise<Result<LedgerOutcome, LedgerFailure>> {
      const accountIds = requests.flatMap((r) => [r.debitAccountId, r.creditAccountId]);
      const transferIds = requests.map((r) => r.id);
      return group.write(poolId, {
        request: { poolId, accountIds, transferIds },
        decide: (slice) => createTransfers(slice, requests),
      });
    },

    async postPending(
      poolId: PoolId,
      transferId: TransferId,
    ): Promise<Result<LedgerOutcome, LedgerFailure>> {
      return group.write(poolId, {
        request: { poolId, accountIds: [], transferIds: [transferId] },
        decide: (slice) => postTransfer(slice, { transferId }),
      });
    },

    async voidPending(
      poolId: PoolId,
      transferId: TransferId,
    ): Promise<Result<LedgerOutcome, LedgerFailure>> {
      return group.write(poolId, {
        request: { poolId, accountIds: [], transferIds: [transferId] },
        decide: (slice) => voidTransfer(slice, { transferId }),
      });
    },

    async reverse(
      poolId: PoolId,
      command: ReverseCommand,
    ): Promise<Result<LedgerOutcome, LedgerFailure>> {
      return group.write(poolId, {
        request: { poolId, accountIds: [], transferIds: [command.originalId, command.id] },
        decide: (slice) => reverseTransfer(slice, command),
      });
    },

    async closeAccount(
      poolId: PoolId,
      accountId: AccountId,
    ): Promise<Result<LedgerOutcome, LedgerFailure>> {
      return group.write(poolId, {
        request: { poolId, accountIds: [accountId], transferIds: [] },
        decide: (slice) => closeAccount(slice, { accountId }),
      });
    },

    /** An account's balance as committed; a read takes no lock and waits for no writer. */
    async balance(poolId: PoolId, accountId: AccountId): Promise<AccountBalance | undefined> {
      const [record] = await store.readAccounts(poolId, [accountId]);
      if (record === undefined) return undefined;
      const slice = createLedger();
      slice.accounts.set(record.account.id, record);
      return getBalance(slice, accountId);
    },

    /**
     * Recomputes every pool (or the ones named) from its stored journal: the hash chain, every
     * transfer and its state, every account's running totals, and that each unit's balances sum
     * to zero.
     */
    async verify(only?: readonly PoolId[]): Promise<PoolVerification[]> {
      const reports: PoolVerification[] = [];
      for (const poolId of only ?? (await store.listPools())) {
        reports.push(verifyPool(poolId, await store.loadWholePool(poolId)));
      }
      return reports;
    },
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;

function verifyPool(poolId: PoolId, state: LedgerState): PoolVerification {
  const balanceSumByUnit: Record<string, number> = {};
  for (const record of state.accounts.values()) {
    const unit = record.account.unit;
    balanceSumByUnit[unit] =
      (balanceSumByUnit[unit] ?? 0) + record.creditsPosted - record.debitsPosted;
  }
  const verified = verifyLedger(state);
  const summary = verified.ok ? verified.value.journals.get(poolId) : undefined;
  const base = {
    poolId,
    accounts: state.accounts.size,
    transfers: state.transfers.size,
    journalEntries: summary?.entries ?? state.journals.get(poolId)?.entries.length ?? 0,
    // A pool with no journal entries is at genesis; a broken chain has no head to show.
    headHash: summary?.headHash ?? (verified.ok ? GENESIS_HASH : ''),
    balanceSumByUnit,
  };
  if (!verified.ok) return { ...base, problem: verified.error };
  const unbalanced = Object.entries(balanceSumByUnit).filter(([, sum]) => sum !== 0);
  if (unbalanced.length > 0) {
    return {
      ...base,
      problem: {
        reason: 'unbalanced',
        detail: unbalanced.map(([unit, sum]) => `${unit} sums to ${sum}`).join(', '),
      },
    };
  }
  return base;
}
