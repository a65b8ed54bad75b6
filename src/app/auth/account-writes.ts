// One account write (a token, a link, a feed, a role, the books' openness) as one transaction
// with its audit entry and, for a request made with an idempotency key, the answer stored for
// it: a kill anywhere leaves all of it or none, so the request made again either finds its
// answer or does the whole write once (decision 0059). The answer to store is set around the
// use case by the caller that knows the key (the HTTP layer); the use case commits it with its
// write without knowing about keys.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Result } from '../../core/result.ts';
import type { AuthStore } from '../ports/auth-store.ts';

/** Stores the answer of a keyed request inside the write's transaction, given its value. */
export type AnswerSaver = (value: unknown) => Promise<void>;

const pendingAnswer = new AsyncLocalStorage<AnswerSaver>();

/** Runs `work`; the first account write it commits stores its answer through `saver`. */
export const answeringWith = <T>(saver: AnswerSaver, work: () => Promise<T>): Promise<T> =>
  pendingAnswer.run(saver, work);

/** A write's failure, carried out of its transaction so that what it wrote is rolled back. */
class RolledBack extends Error {
  readonly result: unknown;
  constructor(result: unknown) {
    super('account write rolled back');
    this.result = result;
  }
}

/**
 * Runs `write` (calls of `store` only) in one transaction with the pending answer, if any: a
 * failure it answers rolls back what it wrote; a success stores the answer before the commit.
 */
export async function commitAccountWrite<R extends Result<unknown, unknown>>(
  store: AuthStore,
  write: () => Promise<R>,
): Promise<R> {
  const saver = pendingAnswer.getStore();
  try {
    return await store.transaction(async () => {
      // A write nested in this one does not store the answer a second time.
      const result = await pendingAnswer.exit(write);
      if (!result.ok) throw new RolledBack(result);
      if (saver !== undefined) await saver(result.value);
      return result;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as R;
    throw error;
  }
}
