// The two failures every scenario check reports (check.ts, check-goods.ts, commons-check.ts,
// federation-check.ts), worded once: the detail starts with the path of the offending field.

import { type Err, type Failure, failure } from '../result.ts';

/** The index of the first id seen before, or −1. */
function firstDuplicate(ids: readonly string[]): number {
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i += 1) {
    if (seen.has(ids[i]!)) return i;
    seen.add(ids[i]!);
  }
  return -1;
}

/** `path[i]: "id" appears twice` for the first repeated id of the list, or null. */
export function duplicateAt(
  path: string,
  ids: readonly string[],
): Err<Failure<'scenario.duplicate_id'>> | null {
  const at = firstDuplicate(ids);
  return at < 0
    ? null
    : failure('scenario.duplicate_id', `${path}[${at}]: "${ids[at]}" appears twice`);
}

export const unknownAt = (
  path: string,
  what: string,
  id: string,
): Err<Failure<'scenario.unknown_reference'>> =>
  failure('scenario.unknown_reference', `${path}: unknown ${what} "${id}"`);
