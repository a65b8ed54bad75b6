// Qualification-gated tasks (reference §4.4 edge cases): only persons holding an instance's
// qualification may bid on it. Checked before a clearing, so an unqualified bid is refused
// with a stable code rather than silently dropped.

import type { PersonId, TaskInstanceId } from '../ids.ts';
import { failure, ok, type Result } from '../result.ts';
import type { Bid } from './types.ts';

export function checkQualifications(
  bids: readonly Bid[],
  required: ReadonlyMap<TaskInstanceId, string | null>,
  held: ReadonlyMap<PersonId, ReadonlySet<string>>,
): Result<true> {
  for (const bid of bids) {
    const qualification = required.get(bid.instanceId) ?? null;
    if (qualification !== null && !held.get(bid.personId)?.has(qualification)) {
      return failure(
        'market.not_qualified',
        `${bid.personId} lacks ${qualification} for ${bid.instanceId}`,
      );
    }
  }
  return ok(true);
}
