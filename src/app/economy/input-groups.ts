// Group commit for the inputs of a pool (decision 0072). Every submission locks the pool's row,
// whose sequence number it moves on, so a pool's submissions are serial, and with one durable
// commit each, a pool took no more of them a second than its database makes commits. Here the
// submissions that arrive while one transaction runs wait for it and then share the next one:
// the pool is locked once, and each submission is then given as it would have been alone, in
// arrival order, on the log as the ones before it left it, in a savepoint of its own: a refused
// or failing one rolls back its own part only, answers with its own refusal, and the others
// commit. Its keyed answer is written in the same transaction as its inputs, and no caller is
// answered before the commit, so a crash loses only submissions nobody was answered for.
// The store takes a submission's savepoint only when it needs one, and writes the inputs of
// those that need none (bids checked by the open period's index) together (decision 0076).
import type { Result } from '../../core/result.ts';
import { createGroupQueue, type Settled } from '../group-queue.ts';
import type { EconomyStore, StoredPool } from '../ports/economy-store.ts';
import type {
  EconomyFailure,
  GivenInputRequest,
  InputRequest,
  SubmitAnswer,
} from './economy-answers.ts';
import type { createInputAppending } from './input-appending.ts';
import type { OpenPeriodIndex } from './open-period-index.ts';
import { idempotent, unknownPool } from './refusals.ts';

/** Submissions one transaction carries at most. PostgreSQL keeps the ids of 64 subtransactions
 *  (savepoints that wrote) in shared memory; past that, other sessions' snapshots look them up
 *  on disk while the transaction runs. */
export const GROUP_SUBMISSIONS_MAX = 64;

type SubmitResult = Result<SubmitAnswer, EconomyFailure>;

interface Submission {
  readonly key: string;
  readonly given: readonly GivenInputRequest[];
}

/** The inputs as given to the period open in `pool`: `'open'` names it. */
const withOpenPeriod = (given: readonly GivenInputRequest[], pool: StoredPool) =>
  given.map((input) =>
    input.period === 'open' ? { ...input, period: pool.cycle.period } : input,
  ) as readonly InputRequest[];

const requestOf = (inputs: readonly InputRequest[]) => ({ operation: 'submitInputs', inputs });

export function createInputGroups(
  store: EconomyStore,
  appending: Pick<
    ReturnType<typeof createInputAppending>,
    'appendChecked' | 'keptIndex' | 'keepIndex'
  >,
) {
  const { appendChecked, keptIndex, keepIndex } = appending;

  /** A submission alone: the lock and its key's answer in one read, no savepoint. */
  async function alone(poolId: string, submission: Submission): Promise<SubmitResult> {
    // The open period's index after the inputs, kept only once the transaction commits.
    let indexed: OpenPeriodIndex | undefined;
    const submitted = await store.transaction(async (tx) => {
      indexed = undefined;
      // The lock and the answer to the key in one read; a bid checked by id then writes the
      // inputs, the pool's sequence number and the answer in one write (decision 0062).
      const locked = await tx.lockPoolAnswering(poolId, submission.key);
      if (locked === undefined) return unknownPool(poolId);
      const inputs = withOpenPeriod(submission.given, locked.pool);
      return idempotent<SubmitAnswer>(
        tx,
        poolId,
        submission.key,
        requestOf(inputs),
        (answering) =>
          appendChecked(tx, locked.pool, inputs, {
            indexed: (index) => (indexed = index),
            answering,
          }),
        undefined,
        locked,
      );
    });
    if (submitted.ok && indexed !== undefined) keepIndex(poolId, indexed);
    return submitted;
  }

  /** Submissions of one pool in one transaction, each in its own savepoint, in order. */
  async function together(
    poolId: string,
    submissions: readonly Submission[],
  ): Promise<Settled<SubmitResult>[]> {
    // The open period's index as the last submission given left it, kept after the commit.
    let index: OpenPeriodIndex | null = null;
    const settled = await store.transaction(async (tx) => {
      const locked = await tx.lockPool(poolId);
      if (locked === undefined) {
        return submissions.map(() => ({ ok: true as const, value: unknownPool(poolId) }));
      }
      // The keys of a group are distinct (see `joins`), so the answers read here are all there
      // are to find: none of the group's own writes answers another of its keys.
      const answers = await tx.findAnswers(
        poolId,
        submissions.map((s) => s.key),
      );
      let pool = locked;
      index = keptIndex(pool) ?? null;
      const outcomes: Settled<SubmitResult>[] = [];
      for (const submission of submissions) {
        const inputs = withOpenPeriod(submission.given, pool);
        let given = false;
        let indexed: OpenPeriodIndex | undefined;
        try {
          const result = await tx.savepoint(
            () =>
              idempotent<SubmitAnswer>(
                tx,
                poolId,
                submission.key,
                requestOf(inputs),
                (answering) => {
                  given = true;
                  return appendChecked(tx, pool, inputs, {
                    index,
                    indexed: (built) => (indexed = built),
                    answering,
                  });
                },
                undefined,
                { answer: answers.get(submission.key) },
              ),
            (result) => result.ok,
          );
          if (result.ok && given) {
            pool = { ...pool, nextSeq: result.value.firstSeq + result.value.accepted };
            index = indexed ?? null;
          }
          outcomes.push({ ok: true, value: result });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    });
    if (index !== null) keepIndex(poolId, index);
    return settled;
  }

  const queue = createGroupQueue<string, Submission, SubmitResult>({
    // better-sqlite3 commits synchronously: no request is read while a transaction runs, so
    // a group starts after the event loop's turn, with the submissions read in it.
    start: 'after-turn',
    joins: (group, next) =>
      group.length < GROUP_SUBMISSIONS_MAX && !group.some((s) => s.key === next.key),
    async runGroup(poolId, submissions) {
      if (submissions.length === 1)
        return [{ ok: true, value: await alone(poolId, submissions[0]!) }];
      return together(poolId, submissions);
    },
  });

  return {
    /** Gives a submission of `poolId`, sharing a transaction with concurrent ones. */
    submit: (poolId: string, key: string, given: readonly GivenInputRequest[]) =>
      queue.write(poolId, { key, given }),
  };
}
