// Where the time of a ledger service call goes: a LedgerStore wrapper that clocks the port's
// steps. load = loadSlice (head lock + reads), save = saveSlice (writes), core = the rest of the
// work inside the transaction (snapshot, createTransfers with hashing), commit = the transaction
// minus the work (BEGIN, COMMIT with its fsync, pool checkout).
import { performance } from 'node:perf_hooks';
import type { LedgerStore, LedgerTransaction } from '../../src/app/ports/ledger-store.ts';

export interface StepTotals {
  loadMs: number;
  saveMs: number;
  coreMs: number;
  commitMs: number;
  calls: number;
}

export function timedStore(store: LedgerStore): { store: LedgerStore; totals: StepTotals } {
  const totals: StepTotals = { loadMs: 0, saveMs: 0, coreMs: 0, commitMs: 0, calls: 0 };
  return {
    totals,
    store: {
      listPools: () => store.listPools(),
      loadWholePool: (poolId) => store.loadWholePool(poolId),
      readAccounts: (poolId, accountIds) => store.readAccounts(poolId, accountIds),
      async transaction(work) {
        const t0 = performance.now();
        let workMs = 0;
        let stepsMs = 0;
        const result = await store.transaction(async (tx) => {
          const w0 = performance.now();
          const timedTx: LedgerTransaction = {
            lockJournal: (poolId) => tx.lockJournal(poolId),
            async loadSlice(request) {
              const s0 = performance.now();
              const slice = await tx.loadSlice(request);
              const ms = performance.now() - s0;
              totals.loadMs += ms;
              stepsMs += ms;
              return slice;
            },
            async saveSlice(slice, loaded) {
              const s0 = performance.now();
              await tx.saveSlice(slice, loaded);
              const ms = performance.now() - s0;
              totals.saveMs += ms;
              stepsMs += ms;
            },
            insertAccounts: (accounts) => tx.insertAccounts(accounts),
          };
          const value = await work(timedTx);
          workMs = performance.now() - w0;
          return value;
        });
        totals.coreMs += workMs - stepsMs;
        totals.commitMs += performance.now() - t0 - workMs;
        totals.calls += 1;
        return result;
      },
    },
  };
}
