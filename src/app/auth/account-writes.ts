// One account write (a token, a link, a feed, a role, the books' openness) as one transaction
// with its audit entry and, for a request made with an idempotency key, the answer stored for
// it: a kill anywhere leaves all of it or none, so the request made again either finds its
// answer or does the whole write once (decision 0059). The request's context, which the HTTP
// layer builds, says where the request came from and how to store its answer; a use case passes
// it along to the write without knowing about keys (decision 0071: passed, not ambient).
import type { Result } from '../../core/result.ts';
import type { AuthStore } from '../ports/auth-store.ts';
import type { RequestSource } from './security-events.ts';

/** Stores the answer of a keyed request inside the write's transaction `tx`, given its value. */
export type AnswerSaver = (tx: AuthStore, value: unknown) => Promise<void>;

/** What a request brings to the account writes it makes. */
export interface RequestContext {
  /** Where it came from: its security events and new sessions carry it. */
  readonly source: RequestSource;
  /** A keyed request's answer: stored by the first account write it commits. */
  readonly answer?: AnswerSaver;
}

/** A use case called outside a request (the CLI, the tests): no source, no answer to store. */
export const OUTSIDE_REQUEST: RequestContext = { source: { ip: null, agent: null } };

/** A write's failure, carried out of its transaction so that what it wrote is rolled back. */
class RolledBack extends Error {
  readonly result: unknown;
  constructor(result: unknown) {
    super('account write rolled back');
    this.result = result;
  }
}

/**
 * Runs `write` (calls of the transaction's store `tx` only) in one transaction with the
 * context's answer, if any: a failure it answers rolls back what it wrote; a success stores the
 * answer before the commit.
 */
export async function commitAccountWrite<R extends Result<unknown, unknown>>(
  store: AuthStore,
  context: RequestContext,
  write: (tx: AuthStore) => Promise<R>,
): Promise<R> {
  const saver = context.answer;
  try {
    return await store.transaction(async (tx) => {
      const result = await write(tx);
      if (!result.ok) throw new RolledBack(result);
      if (saver !== undefined) await saver(tx, result.value);
      return result;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as R;
    throw error;
  }
}
