// The two failures every scenario check reports (check.ts, check-goods.ts, commons-check.ts,
// federation-check.ts), worded once: the detail starts with the path of the offending field.

import { type Err, type Failure, failure } from '../result.ts';

/**
 * For a list checked entry by entry: `repeated(i, id)` is `path[i]: "id" appears twice` when an
 * earlier entry had the id, else null (and the id is remembered). Checked in the loop that
 * checks each entry's references, so the first problem of the list is the one reported.
 */
export function repeatedIn(
  path: string,
): (index: number, id: string) => Err<Failure<'scenario.duplicate_id'>> | null {
  const seen = new Set<string>();
  return (index, id) => {
    if (seen.has(id)) {
      return failure('scenario.duplicate_id', `${path}[${index}]: "${id}" appears twice`);
    }
    seen.add(id);
    return null;
  };
}

/** `path[i]: "id" appears twice` for the first repeated id of the list, or null. */
export function duplicateAt(
  path: string,
  ids: readonly string[],
): Err<Failure<'scenario.duplicate_id'>> | null {
  const repeated = repeatedIn(path);
  for (const [i, id] of ids.entries()) {
    const twice = repeated(i, id);
    if (twice) return twice;
  }
  return null;
}

export const unknownAt = (
  path: string,
  what: string,
  id: string,
): Err<Failure<'scenario.unknown_reference'>> =>
  failure('scenario.unknown_reference', `${path}: unknown ${what} "${id}"`);
