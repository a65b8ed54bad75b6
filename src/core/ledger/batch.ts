// Building one batch of transfer requests the way every module of the core posts a period:
// ids `<batchId>.<n>` in the order the legs are added (so a retried batch has the same ids and
// changes nothing), and a leg of amount 0 left out (the ledger refuses it, and it moves nothing).
import { asId, type TransferId } from '../ids.ts';
import type { TransferRequest } from './types.ts';

export interface TransferBatch {
  readonly requests: TransferRequest[];
  add(leg: Omit<TransferRequest, 'id'>): void;
}

export function transferBatch(batchId: string): TransferBatch {
  const requests: TransferRequest[] = [];
  return {
    requests,
    add(leg) {
      if (leg.amount === 0) return;
      requests.push({
        id: asId<'Transfer'>(`${batchId}.${requests.length}`) as TransferId,
        ...leg,
      });
    },
  };
}
