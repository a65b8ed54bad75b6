// The requests a crash test posts, generated from a seed, so the killed process, the one that
// replays after it and the checking parent all derive exactly the same ids and contents.
import { type AccountId, asId, type PoolId, type TransferId } from '../../src/core/ids.ts';
import type { OpenAccountCommand, TransferRequest } from '../../src/core/ledger/index.ts';
import { drawBelow, mulberry32 } from '../../src/core/random.ts';

export const CRASH_POOL = asId<'Pool'>('pool-crash') as PoolId;

/** One createTransfers call: a single transfer or a linked batch. */
export interface CrashOperation {
  readonly name: string;
  readonly requests: readonly TransferRequest[];
}

export interface CrashWorkload {
  readonly accounts: readonly OpenAccountCommand[];
  readonly operations: readonly CrashOperation[];
}

export interface WorkloadSpec {
  readonly seed: number;
  /** Number of createTransfers calls. */
  readonly operations: number;
  /** Transfers per call (1 for a burst of single transfers). */
  readonly batchSize: number;
}

const PERSONS = 40;
const PROJECTS = 8;
/** Large enough that no taking is ever refused: a refusal would make replays diverge. */
const PERSON_ALLOWANCE = 1_000_000_000;

const account = (id: string) => asId<'Account'>(id) as AccountId;

export function crashWorkload(spec: WorkloadSpec): CrashWorkload {
  const next = mulberry32(spec.seed);
  const accounts: OpenAccountCommand[] = [];
  for (let p = 0; p < PERSONS; p += 1) {
    accounts.push({
      id: account(`person-${p}`),
      poolId: CRASH_POOL,
      unit: 'effort',
      kind: 'person',
      ownerId: `person-${p}`,
      bound: { kind: 'debitAllowance', allowance: PERSON_ALLOWANCE },
    });
  }
  for (let p = 0; p < PROJECTS; p += 1) {
    accounts.push({
      id: account(`project-${p}`),
      poolId: CRASH_POOL,
      unit: 'effort',
      kind: 'project',
      ownerId: `project-${p}`,
      bound: { kind: 'unbounded' },
    });
  }
  const operations: CrashOperation[] = [];
  for (let o = 0; o < spec.operations; o += 1) {
    const requests: TransferRequest[] = [];
    for (let t = 0; t < spec.batchSize; t += 1) {
      const person = account(`person-${drawBelow(next, PERSONS)}`);
      const project = account(`project-${drawBelow(next, PROJECTS)}`);
      // Work credits (project → person) and takings (person → project), about half each.
      const work = drawBelow(next, 2) === 0;
      requests.push({
        id: asId<'Transfer'>(`s${spec.seed}-o${o}-t${t}`) as TransferId,
        debitAccountId: work ? project : person,
        creditAccountId: work ? person : project,
        amount: 1 + drawBelow(next, 50_000),
        unit: 'effort',
        code: work ? 'work.credit' : 'take.goods',
        period: 1,
      });
    }
    operations.push({ name: `o${o}`, requests });
  }
  return { accounts, operations };
}
