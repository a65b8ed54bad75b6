// The open period's stored inputs of one kind with their sequence numbers: what a page needs to
// name one input (a work record to confirm, a bid to withdraw), withdrawn ones left out.
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
    // One indexed read of the open period's inputs, not one read per input since it opened.
    const inputs = await tx.loadPeriodInputs(poolId, pool.cycle.period);
    return inputs.filter((input) => input.kind === kind);
  });
}
