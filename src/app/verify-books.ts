// The whole check of the stored books, shared by `db verify` and by `db restore` (which runs it
// inside its transaction, before it commits): every ledger pool rebuilt from its journal (hash
// chain, transfers, running totals, zero sums), then every stored economy pool checked against
// its inputs (periods, closed periods run again, journal heads, bounds, clearings, answers).
import { createEconomyService, type EconomyVerification } from './economy/economy-service.ts';
import { createLedgerService, type PoolVerification } from './ledger/ledger-service.ts';
import type { EconomyStore } from './ports/economy-store.ts';
import type { LedgerStore } from './ports/ledger-store.ts';

export interface BooksVerification {
  readonly ledger: readonly PoolVerification[];
  readonly economy: readonly EconomyVerification[];
  /** How many ledger pools and economy pools failed. */
  readonly broken: number;
  /** The first problem found, as one line; null when everything verifies. */
  readonly firstProblem: string | null;
}

/** A broken ledger pool's problem, naming the entry and transfer where the journal breaks. */
export function describeLedgerProblem(report: PoolVerification): string | null {
  if (report.problem === undefined) return null;
  const problem: {
    readonly reason: string;
    readonly detail: string;
    readonly index?: number;
    readonly transferId?: string;
    readonly accountId?: string;
  } = report.problem;
  const where = [
    problem.index === undefined ? null : `entry ${problem.index}`,
    problem.transferId === undefined ? null : `transfer ${problem.transferId}`,
    problem.accountId === undefined ? null : `account ${problem.accountId}`,
  ].filter((part) => part !== null);
  return `${problem.reason}${where.length === 0 ? '' : ` at ${where.join(', ')}`}: ${problem.detail}`;
}

/** `quick` checks each stored pool from its last checkpoint (`db verify --quick`): its
 *  journal is then checked against the checkpoint, not rebuilt from its first entry. */
export async function verifyBooks(
  ledgerStore: LedgerStore,
  economyStore: EconomyStore,
  options: { readonly quick?: boolean } = {},
): Promise<BooksVerification> {
  const economyService = createEconomyService(economyStore);
  const economy: EconomyVerification[] = [];
  for (const poolId of await economyService.listPools()) {
    const verified = options.quick
      ? await economyService.verifyPoolQuick(poolId)
      : await economyService.verifyPool(poolId);
    // Listed a moment ago in the same transaction or database: the pool is there.
    if (!verified.ok) throw new Error(verified.error.detail);
    economy.push(verified.value);
  }
  const ledgerService = createLedgerService(ledgerStore);
  const fromCheckpoint = new Set(
    economy.filter((v) => v.fromCheckpoint !== undefined).map((v) => v.poolId),
  );
  const ledger =
    fromCheckpoint.size === 0
      ? await ledgerService.verify()
      : await ledgerService.verify(
          (await ledgerStore.listPools()).filter((poolId) => !fromCheckpoint.has(poolId)),
        );
  const problems = [
    ...ledger.map((report) => {
      const problem = describeLedgerProblem(report);
      return problem === null ? null : `pool ${report.poolId}: ${problem}`;
    }),
    ...economy.map((report) =>
      report.problem === null ? null : `pool ${report.poolId}: ${report.problem}`,
    ),
  ].filter((problem) => problem !== null);
  return { ledger, economy, broken: problems.length, firstProblem: problems[0] ?? null };
}
