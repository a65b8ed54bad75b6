// Proves that an input the policy needs no pool facts for (needsPoolFacts false) gets the same
// decision from the pool alone as from the pool's full facts, for every actor and kind tried,
// so a write that skips assembling the scenario is allowed and refused exactly as before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, PoolFacts } from './actor.ts';
import { canSubmitInput, needsPoolFacts } from './permissions.ts';
import { poolOnlyFacts } from './pool-facts.ts';

const POOL = 'p';
const full: PoolFacts = {
  poolId: POOL,
  publicBooks: false,
  maintainers: new Map([['proj', ['ana']]]),
  confirmers: new Map([['proj', ['ana', 'cem']]]),
  projectOfTask: new Map([['t1', 'proj']]),
  projectOfProduct: new Map([['bread', 'proj']]),
  associationParent: new Map([['assoc', null]]),
  residenceOf: new Map([
    ['ana', 'assoc'],
    ['bo', 'assoc'],
  ]),
  resourceSteward: new Map([['field', 'assoc']]),
  unitSteward: new Map([['flat', 'assoc']]),
  preOrders: new Map([['po1', { personId: 'bo', productId: 'bread' }]]),
};

const actor = (grants: Actor['grants'], mayWrite = true): Actor => ({
  accountId: grants.length === 0 ? null : 'acc',
  grants,
  mayWrite,
});
const member = (personId: string) => ({ poolId: POOL, role: 'member' as const, subject: personId });
const ACTORS: Record<string, Actor> = {
  public: actor([]),
  'member ana': actor([member('ana')]),
  'member ana, read-only token': actor([member('ana')], false),
  'member of another pool': actor([{ ...member('ana'), poolId: 'other' }]),
  coordinator: actor([{ poolId: POOL, role: 'coordinator', subject: '' }]),
  'coordinator and member ana': actor([
    member('ana'),
    { poolId: POOL, role: 'coordinator', subject: '' },
  ]),
  steward: actor([{ poolId: POOL, role: 'steward', subject: 'assoc' }]),
  auditor: actor([{ poolId: POOL, role: 'auditor', subject: '' }]),
};
const KINDS = [
  'bids',
  'work',
  'requests',
  'preOrders',
  'wishes',
  'durationUses',
  'possession',
  'subscriptions',
  'preOrderCancellations',
  'tasks',
  'resourceClaims',
  'residencies',
];
const RECORDS: unknown[] = [
  { personId: 'ana', instanceId: 't1' },
  { personId: 'bo', instanceId: 't1', projectId: 'proj', productId: 'bread' },
  { personId: 'ana', instanceId: 't1', confirmedBy: null },
  { personId: 'ana', instanceId: 't1', confirmedBy: 'ana' },
  { id: 'po1' },
  {},
  null,
];

test('without pool facts where none are needed, every decision is the same as with them', () => {
  let compared = 0;
  for (const [name, who] of Object.entries(ACTORS)) {
    for (const kind of KINDS) {
      for (const record of RECORDS) {
        if (needsPoolFacts(kind, record)) continue;
        compared++;
        // Whether the books are public is not read either: the server asks with `false` and
        // no read at all (pool-actions.ts, `authorizeInputs`).
        for (const publicBooks of [false, true]) {
          assert.deepEqual(
            canSubmitInput(who, poolOnlyFacts(POOL, false), kind, record),
            canSubmitInput(who, { ...full, publicBooks }, kind, record),
            `${name}, ${kind}, ${JSON.stringify(record)}, public books ${publicBooks}`,
          );
        }
      }
    }
  }
  assert.ok(compared >= 8 * 8 * 4, `compared ${compared}`);
});

test("a confirmed work record and inputs for a project or another's pre-order need the facts", () => {
  assert.equal(needsPoolFacts('bids', { personId: 'ana' }), false);
  assert.equal(needsPoolFacts('work', { personId: 'ana', confirmedBy: null }), false);
  assert.equal(needsPoolFacts('work', { personId: 'ana', confirmedBy: 'ana' }), true);
  for (const kind of ['tasks', 'preOrderCancellations', 'resourceClaims', 'residencies']) {
    assert.equal(needsPoolFacts(kind, { personId: 'ana' }), true, kind);
  }
});
