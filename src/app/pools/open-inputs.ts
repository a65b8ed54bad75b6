// The open period's stored inputs of one kind with their sequence numbers: what a page needs to
// name one input (a work record to confirm, a bid to withdraw). Inputs are appended in order and
// a period input is taken only while its period is open, so reading back from the newest stops
// at the first input of an earlier period.
import type { PoolInput } from '../../core/cycle/inputs.ts';
import type { EconomyStore } from '../ports/economy-store.ts';

export interface NumberedInput extends PoolInput {
  readonly seq: number;
}

export function openPeriodInputs(
  store: EconomyStore,
  poolId: string,
  kind: string,
): Promise<NumberedInput[]> {
  return store.transaction(async (tx) => {
    const pool = await tx.findPool(poolId);
    if (pool === undefined || pool.cycle.stage === null || pool.cycle.stage === 'closed') return [];
    const open = pool.cycle.period;
    const found: NumberedInput[] = [];
    for (let seq = pool.nextSeq - 1; seq >= 0; seq -= 1) {
      const input = await tx.findInput(poolId, seq);
      if (input === undefined) continue;
      if (input.period !== 0 && input.period < open) break;
      if (!input.withdrawn && input.kind === kind && input.period === open) {
        found.push({ seq, kind: input.kind, period: input.period, record: input.record });
      }
    }
    return found.reverse();
  });
}
