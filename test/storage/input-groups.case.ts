// Proves on a real database that submissions of one pool given at once share a transaction
// (decision 0072) and still each get the answer they would have got alone: the same burst of
// bids (accepted ones, duplicates of each other, refused ones, a person joining and bidding in
// it, idempotent repeats, a key reused with another body, and one whose write fails) is given
// one at a time to one pool and all at once to another, founded alike; every caller's answer
// and the stored log with its keyed answers are the same, and the burst took a few
// transactions instead of one each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createEconomyService,
  type EconomyService,
  type GivenInputRequest,
} from '../../src/app/economy/economy-service.ts';
import type { EconomyStore, EconomyTransaction } from '../../src/app/ports/economy-store.ts';
import { disassembleScenario } from '../../src/core/cycle/inputs.ts';
import { loadExample } from '../scenario/support.ts';

/** The key whose write fails after it wrote (a database error in the middle of a request). */
const FAILING_KEY = 'k-fails';

/** The store, counting transactions, whose writes for FAILING_KEY's answer throw once done. */
function instrumented(store: EconomyStore) {
  let transactions = 0;
  const failing = (tx: EconomyTransaction): EconomyTransaction =>
    new Proxy(tx, {
      get(target, name) {
        if (name === 'appendMovingOn') {
          return async (...args: Parameters<EconomyTransaction['appendMovingOn']>) => {
            await target.appendMovingOn(...args);
            if (args[4]?.key === FAILING_KEY) throw new Error('the disk is full');
          };
        }
        if (name === 'saveAnswer') {
          return async (...args: Parameters<EconomyTransaction['saveAnswer']>) => {
            await target.saveAnswer(...args);
            if (args[1] === FAILING_KEY) throw new Error('the disk is full');
          };
        }
        const value = Reflect.get(target, name) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const counted: EconomyStore = {
    listPools: () => store.listPools(),
    transaction(work) {
      transactions += 1;
      return store.transaction((tx) => work(failing(tx)));
    },
  };
  return { store: counted, transactions: () => transactions };
}

type Given = readonly [key: string, inputs: readonly GivenInputRequest[], ...rest: unknown[]];

/** Run inside an economy suite: `storeOf` gives the suite's store. */
export function describeInputGroups(storeOf: () => EconomyStore): void {
  const example = loadExample('reference-4.9-month.yaml');
  const tasks = ['bake', 'repair', 'garbage-bakery', 'garbage-bikes'];
  const person = example.persons[0]!;
  const bid = (personId: string, instanceId: string, weightMilli = 1000): GivenInputRequest => ({
    kind: 'bids',
    period: 'open',
    record: { personId, instanceId, weightMilli, round: 0 },
  });
  const joining = (id: string): GivenInputRequest => ({
    kind: 'persons',
    period: 0,
    record: { ...person, id },
  });

  /** The §4.9 month's pool, bidding in period 1, with one bid answered under `k-before`. */
  async function biddingPool(economy: EconomyService, pool: string) {
    const { settings, inputs } = disassembleScenario({
      ...example,
      pool: { ...example.pool, id: pool },
    });
    const standing = inputs.filter((i) => i.period === 0);
    assert.ok((await economy.createPool('k-found', settings, standing)).ok);
    assert.ok((await economy.advance(pool, 'k-plan', { period: 1, stage: 'planning' })).ok);
    const given = inputs.filter((i) => i.kind === 'tasks');
    assert.ok((await economy.submitInputs(pool, 'k-tasks', given)).ok);
    assert.ok((await economy.advance(pool, 'k-bid', { period: 1, stage: 'bidding' })).ok);
    assert.ok((await economy.submitInputs(pool, 'k-before', [bid('ana', 'bake')])).ok);
  }

  /** The burst, in arrival order, and the answer each must get (a code, or 'ok'). */
  const burst: readonly (readonly [...Given, string])[] = [
    ['k-1', [bid('ben', 'bake')], 'ok'],
    ['k-before', [bid('ana', 'bake')], 'ok'], // a repeat of a request answered before
    ['k-2', [bid('ben', 'bake', 1500)], 'scenario.duplicate_id'], // k-1's, given just before
    ['k-3', [bid('cem', 'repair')], 'ok'],
    ['k-light', [bid('cem', 'bake', 5)], 'economy.invalid_input'],
    ['k-nobody', [bid('nobody', 'bake')], 'scenario.unknown_reference'],
    ['k-tasks', [bid('cem', 'garbage-bikes')], 'economy.idempotency_key_reused'],
    [FAILING_KEY, [bid('ana', 'repair')], 'throws'],
    ['k-4', [bid('ana', 'garbage-bakery'), bid('ben', 'garbage-bakery')], 'ok'],
    ['k-5', [bid('cem', 'bake'), bid('ana', 'nope')], 'scenario.unknown_reference'],
    ['k-dora', [joining('dora')], 'ok'], // a standing input: the whole check, a new index
    ['k-dora-bid', [bid('dora', 'repair')], 'ok'], // a person who joined earlier in it
    ['k-eve-bid', [bid('eve', 'repair')], 'scenario.unknown_reference'], // eve joins later
    ['k-eve', [joining('eve')], 'ok'],
    ['k-6', tasks.map((task) => bid('cem', task, 900)).slice(2), 'ok'],
    ['k-late', [{ kind: 'tasks', period: 'open', record: {} }], 'economy.wrong_stage'],
    ['k-3', [bid('cem', 'repair')], 'ok'], // a repeat of k-3, given in the same burst
  ];

  const answerOf = async (economy: EconomyService, pool: string, [key, inputs]: Given) => {
    try {
      return await economy.submitInputs(pool, key, inputs);
    } catch (error) {
      return { thrown: (error as Error).message };
    }
  };
  const codeOf = (answer: Awaited<ReturnType<typeof answerOf>>) =>
    'thrown' in answer ? 'throws' : answer.ok ? 'ok' : answer.error.code;

  /** The pool's period-1 inputs and keyed answers as stored. */
  async function stored(store: EconomyStore, economy: EconomyService, pool: string) {
    const inputs = await economy.periodInputs(pool, 1);
    assert.ok(inputs.ok);
    // The founding's answer names the pool; the rest name none.
    const answers = (await store.transaction((tx) => tx.loadAnswers(pool))).filter(
      (answer) => answer.key !== 'k-found',
    );
    return { inputs: inputs.value, answers };
  }

  test('submissions given at once share a transaction and answer as one at a time', async () => {
    const alone = instrumented(storeOf());
    const aloneEconomy = createEconomyService(alone.store);
    const shared = instrumented(storeOf());
    const sharedEconomy = createEconomyService(shared.store);
    await biddingPool(aloneEconomy, 'groups-alone');
    await biddingPool(sharedEconomy, 'groups-shared');

    const one: unknown[] = [];
    const aloneBefore = alone.transactions();
    for (const given of burst) one.push(await answerOf(aloneEconomy, 'groups-alone', given));
    assert.equal(alone.transactions() - aloneBefore, burst.length);

    const sharedBefore = shared.transactions();
    const together = await Promise.all(
      burst.map((given) => answerOf(sharedEconomy, 'groups-shared', given)),
    );
    // One transaction for the burst up to the repeat of k-3 (a group's keys are distinct), one
    // from there, and the failing request once more alone after the first was committed.
    assert.equal(shared.transactions() - sharedBefore, 3);

    assert.deepEqual(
      together.map(codeOf),
      burst.map(([, , code]) => code),
    );
    assert.deepEqual(together, one, 'each answer is the one it got alone');
    const sharedLog = await stored(shared.store, sharedEconomy, 'groups-shared');
    assert.deepEqual(sharedLog, await stored(alone.store, aloneEconomy, 'groups-alone'));
    assert.ok(!sharedLog.answers.some((answer) => answer.key === FAILING_KEY));
  });
}
