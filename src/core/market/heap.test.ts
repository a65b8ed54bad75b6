// Proves the pair heap pops nodes in exactly the order (primary, secondary, node number) after
// any mix of pushes, decreases, pops and clears, which is what keeps the solver's searches and
// so the clearing's tie-breaks the same whatever the heap's shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PairHeap } from './heap.ts';

const NODES = 40;
const stride = 3;
const offset = 1;

type Step =
  | { kind: 'set'; node: number; primary: number; secondary: number }
  | { kind: 'pop' }
  | { kind: 'clear' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      node: fc.integer({ min: 0, max: NODES - 1 }),
      // Few distinct values, so ties in both coordinates are common.
      primary: fc.integer({ min: -3, max: 3 }),
      secondary: fc.integer({ min: 0, max: 2 }),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'pop' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

test('pops in (primary, secondary, node) order under pushes, decreases, pops and clears', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
      const keys = new Float64Array(NODES * stride);
      const heap = new PairHeap(NODES, keys, stride, offset);
      const inHeap = new Set<number>();
      const key = (v: number): [number, number] => [
        keys[v * stride + offset]!,
        keys[v * stride + offset + 1]!,
      ];
      const before = (a: number, b: number) => {
        const [ap, as] = key(a);
        const [bp, bs] = key(b);
        return ap !== bp ? ap < bp : as !== bs ? as < bs : a < b;
      };
      for (const s of steps) {
        if (s.kind === 'set') {
          const [p, q] = key(s.node);
          // Only decreases are allowed on a node in the heap.
          const lower = s.primary < p || (s.primary === p && s.secondary < q);
          if (inHeap.has(s.node) && !lower) continue;
          keys[s.node * stride + offset] = s.primary;
          keys[s.node * stride + offset + 1] = s.secondary;
          heap.pushOrDecrease(s.node);
          inHeap.add(s.node);
        } else if (s.kind === 'clear') {
          heap.clear();
          inHeap.clear();
        } else if (inHeap.size > 0) {
          const expected = [...inHeap].reduce((best, v) => (before(v, best) ? v : best));
          assert.equal(heap.peek(), expected);
          assert.equal(heap.pop(), expected);
          inHeap.delete(expected);
        }
        assert.equal(heap.size, inHeap.size);
      }
    }),
    { numRuns: 300 },
  );
});
