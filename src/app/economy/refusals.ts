// How the economy's use cases answer a request made again and roll back a refused one:
// replies stored by idempotency key, refusals thrown inside a transaction and returned
// outside it, and the failures every use case gives.
import { failure, ok, type Result } from '../../core/result.ts';
import type { ScenarioRun } from '../../core/scenario/index.ts';
import type { EconomyTransaction, StoredAnswer } from '../ports/economy-store.ts';
import { canonicalJsonSha256 } from '../sha256.ts';
import type { EconomyFailure } from './economy-answers.ts';

/**
 * Answers from stored replies by idempotency key, and stores new replies with their key.
 * `asReplayed` turns a stored reply into the answer to the request made again.
 */
export async function idempotent<T>(
  tx: EconomyTransaction,
  poolId: string,
  key: string,
  request: unknown,
  work: (answering: Answering<T>) => Promise<Result<T, EconomyFailure>>,
  asReplayed: (stored: T) => T = (stored) => stored,
  found?: { readonly answer: StoredAnswer | undefined },
): Promise<Result<T, EconomyFailure>> {
  const requestSha256 = canonicalJsonSha256(request);
  // `found`: the answer read with the pool's lock (lockPoolAnswering), in the same round trip.
  const answered = found === undefined ? await tx.findAnswer(poolId, key) : found.answer;
  if (answered !== undefined) {
    if (answered.requestSha256 === requestSha256) return ok(asReplayed(answered.response as T));
    return failure(
      'economy.idempotency_key_reused',
      `idempotency key "${key}" was used for another request`,
    );
  }
  let kept = false;
  const result = await work((value) => {
    kept = true;
    return { key, answer: { requestSha256, response: value } };
  });
  if (result.ok && !kept)
    await tx.saveAnswer(poolId, key, { requestSha256, response: result.value });
  return result;
}

/** The answer to keep for a value of the work, for work that writes it together with its own
 *  writes (one statement); the work then must write it if it succeeds with that value. */
export type Answering<T> = (value: T) => {
  readonly key: string;
  readonly answer: StoredAnswer;
};

/** A transaction that rolls back with a typed failure: thrown inside, caught outside. */
export class Refusal extends Error {
  readonly failure: EconomyFailure;
  constructor(refused: EconomyFailure) {
    super(refused.detail);
    this.failure = refused;
  }
}

/** Another request created the pool between `lockPool` and the insert: the transaction rolls
 *  back and runs again, and then sees the pool. */
export class CreatedMeanwhile extends Error {}

export async function refusing<T>(
  run: () => Promise<Result<T, EconomyFailure>>,
): Promise<Result<T, EconomyFailure>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.failure };
    throw error;
  }
}

export function unknownPool(poolId: string) {
  return failure('economy.unknown_pool', `no pool "${poolId}"`);
}

export function stopped(run: ScenarioRun | { stop: NonNullable<ScenarioRun['stop']> }) {
  const stop = run.stop!;
  const invariant = stop.invariant === null ? '' : ` (invariant ${stop.invariant})`;
  return failure(
    'economy.run_stopped',
    `period ${stop.period}: ${stop.code}${invariant}: ${stop.detail}`,
  );
}
