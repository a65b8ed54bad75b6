import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  CYCLE_START,
  type CycleState,
  decideStep,
  lastClosedPeriod,
  nextStep,
  PERIOD_STAGES,
} from './stages.ts';

test('the cycle runs planning → bidding → cleared → running → settling → closed, then the next period', () => {
  let state: CycleState = CYCLE_START;
  const seen: string[] = [];
  for (let i = 0; i < 8; i += 1) {
    const step = nextStep(state);
    const decided = decideStep(state, step);
    assert.ok(decided.ok && decided.value.kind === 'advance');
    state = decided.value.next;
    seen.push(`${state.period}:${state.stage}`);
  }
  assert.deepEqual(seen, [
    '1:planning',
    '1:bidding',
    '1:cleared',
    '1:running',
    '1:settling',
    '1:closed',
    '2:planning',
    '2:bidding',
  ]);
});

test('a step already taken is done, whatever was asked after it', () => {
  const state: CycleState = { period: 3, stage: 'running' };
  for (const step of [
    { period: 3, stage: 'bidding' as const },
    { period: 3, stage: 'running' as const },
    { period: 2, stage: 'closed' as const },
  ]) {
    const decided = decideStep(state, step);
    assert.ok(decided.ok);
    assert.equal(decided.value.kind, 'done');
  }
});

test('a step out of turn is refused and names the next one', () => {
  const decided = decideStep({ period: 3, stage: 'bidding' }, { period: 3, stage: 'running' });
  assert.equal(decided.ok, false);
  assert.equal(decided.ok ? '' : decided.error.code, 'cycle.out_of_order');
  assert.match(decided.ok ? '' : decided.error.detail, /next step is period 3 to cleared/);
  const early = decideStep(CYCLE_START, { period: 2, stage: 'planning' });
  assert.equal(early.ok, false);
});

test('from any state exactly one step advances, and it is the next one', () => {
  const states = fc.oneof(
    fc.constant(CYCLE_START),
    fc.record({
      period: fc.integer({ min: 1, max: 50 }),
      stage: fc.constantFrom(...PERIOD_STAGES),
    }),
  );
  const steps = fc.record({
    period: fc.integer({ min: 1, max: 52 }),
    stage: fc.constantFrom(...PERIOD_STAGES),
  });
  fc.assert(
    fc.property(states, steps, (state, step) => {
      const decided = decideStep(state, step);
      const next = nextStep(state);
      const isNext = step.period === next.period && step.stage === next.stage;
      if (decided.ok && decided.value.kind === 'advance') return isNext;
      return !isNext;
    }),
  );
});

test('the newest closed period: the current one once closed, else the one before, never below 0', () => {
  assert.equal(lastClosedPeriod({ period: 0, stage: null }), 0);
  assert.equal(lastClosedPeriod({ period: 1, stage: 'planning' }), 0);
  assert.equal(lastClosedPeriod({ period: 4, stage: 'running' }), 3);
  assert.equal(lastClosedPeriod({ period: 4, stage: 'closed' }), 4);
});
