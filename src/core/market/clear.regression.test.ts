// Pins the clearing bit for bit on fixed-seed rounds (assignments, weights, prices, surpluses,
// tie-breaks): a change that makes the clearing faster must not change a single field of it.
// The digests were taken from the clearing before the typed-array indexing (issue 18).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../../bench/market/generators.ts';
import { hashString32 } from '../random.ts';
import type { EffortMilli } from '../units.ts';
import { type ClearOptions, clearRound } from './clear.ts';
import { type RandomRoundShape, randomRound } from './fixtures.ts';
import type { ClearingInput, TemplateHistory } from './types.ts';

/** Two independent 32-bit hashes of the clearing's JSON and its length. */
function clearingDigest(input: ClearingInput, options: ClearOptions = {}): string {
  const result = clearRound(input, options);
  assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.detail}`);
  const json = JSON.stringify(result.value);
  const reversed = json.split('').reverse().join('');
  return `${json.length}:${hashString32(json).toString(16)}:${hashString32(reversed).toString(16)}`;
}

/** Weighted hours of earlier periods, so rotation fairness takes part in the tie-breaks. */
function withHistory(input: ClearingInput, every: number): ClearingInput {
  const history: TemplateHistory[] = [];
  input.bids.forEach((b, k) => {
    if (k % every !== 0) return;
    const instance = input.instances.find((i) => i.id === b.instanceId)!;
    history.push({
      personId: b.personId,
      templateId: instance.templateId,
      period: input.period - 1 - (k % 3),
      effortMilli: (((k * 37) % 5) * 1000) as EffortMilli,
    });
  });
  return { ...input, history };
}

const shapes: RandomRoundShape[] = [
  { persons: 40, instances: 12, bidsPerPerson: 5, maxSlots: 3, maxCapacity: 3, weightSteps: 4 },
  { persons: 200, instances: 60, bidsPerPerson: 8, maxSlots: 4, maxCapacity: 2, weightSteps: 30 },
  { persons: 60, instances: 200, bidsPerPerson: 10, maxSlots: 2, maxCapacity: 5, weightSteps: 3 },
];

const pinned: Record<string, string> = {
  'random 0 lowest': '7190:279bde95:483c6b4d',
  'random 0 lowest history': '7185:2511f8bf:efe8c90f',
  'random 0 lowest from persons': '7190:279bde95:483c6b4d',
  'random 0 lowest from slots': '7190:279bde95:483c6b4d',
  'random 0 highest': '7239:b93613ab:4c2e1963',
  'random 0 highest history': '7234:866a6bbf:afa68d0f',
  'random 0 highest from persons': '7239:b93613ab:4c2e1963',
  'random 0 highest from slots': '7239:b93613ab:4c2e1963',
  'random 0 flat': '6899:b00e9cca:90294cc2',
  'random 1 lowest': '41359:d52c2494:f9bce480',
  'random 1 lowest history': '41360:f6bb9f10:1bf29cba',
  'random 1 lowest from persons': '41359:d52c2494:f9bce480',
  'random 1 lowest from slots': '41359:d52c2494:f9bce480',
  'random 1 highest': '41595:b6fad029:85f4789',
  'random 1 highest history': '41596:d4bfde17:b6c9ce97',
  'random 1 highest from persons': '41595:b6fad029:85f4789',
  'random 1 highest from slots': '41595:b6fad029:85f4789',
  'random 1 flat': '41007:997f6f3c:901b734',
  'random 2 lowest': '49428:ec3a3781:1827f2ed',
  'random 2 lowest history': '49428:6f6c8ffe:a5279eb0',
  'random 2 lowest from persons': '49428:ec3a3781:1827f2ed',
  'random 2 lowest from slots': '49431:79c90752:788ede2e',
  'random 2 highest': '49514:d856ead8:f72a6482',
  'random 2 highest history': '49514:98a0f215:34897945',
  'random 2 highest from persons': '49514:d856ead8:f72a6482',
  'random 2 highest from slots': '49517:5f1f5e83:8ba32f53',
  'random 2 flat': '50324:a3a8b37f:5cdada7',
  'U square': '480182:308a9d32:4b8a0cd4',
  'U square highest': '480508:e8cae479:bef55ef9',
  'Z square': '459611:ad9c80d0:4c886914',
  'Z square highest': '460710:f5e9834d:8a1953f1',
  'U wide': '421071:66d5f338:376e3a9c',
  'U wide highest': '422519:44df0a0:b18a15d4',
  'Z wide': '423541:e37dec0b:d699672b',
  'Z wide highest': '424805:52eef15e:dd46aab6',
};

describe('the clearing is pinned on fixed-seed rounds', () => {
  it('random rounds with both rules, flat weighting and rotation history', () => {
    const seen: Record<string, string> = {};
    shapes.forEach((shape, k) => {
      for (const clearingRule of ['lowest', 'highest'] as const) {
        const plain = randomRound(9000 + k, shape, { settings: { clearingRule } });
        seen[`random ${k} ${clearingRule}`] = clearingDigest(plain);
        seen[`random ${k} ${clearingRule} history`] = clearingDigest(withHistory(plain, 3));
        for (const orientation of ['persons', 'slots'] as const) {
          const digest = clearingDigest(plain, { orientation, warmStart: orientation === 'slots' });
          seen[`random ${k} ${clearingRule} from ${orientation}`] = digest;
        }
      }
      const flat = randomRound(9100 + k, shape, { settings: { weighting: 'flat' } });
      seen[`random ${k} flat`] = clearingDigest(flat);
    });
    assert.deepEqual(seen, pick(seen));
  });

  it('the benchmark generators in both solver orientations', () => {
    const seen: Record<string, string> = {};
    const scales = [
      { name: 'square', persons: 1500, slots: 1500, bidsPerPerson: 10 },
      { name: 'wide', persons: 4000, slots: 600, bidsPerPerson: 5 },
    ];
    for (const scale of scales) {
      for (const kind of ['U', 'Z'] as const) {
        const input = generate(kind, scale);
        seen[`${kind} ${scale.name}`] = clearingDigest(input);
        const highest = { ...input, settings: { ...input.settings, clearingRule: 'highest' } };
        seen[`${kind} ${scale.name} highest`] = clearingDigest(highest as ClearingInput);
      }
    }
    assert.deepEqual(seen, pick(seen));
  });
});

function pick(seen: Record<string, string>): Record<string, string> {
  if (process.env.PRINT_DIGESTS) console.log(JSON.stringify(seen, null, 2));
  return Object.fromEntries(Object.keys(seen).map((key) => [key, pinned[key] ?? 'missing']));
}
