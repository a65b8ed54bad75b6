// Proves the rules of peer projects (MODEL.md M1, reference P2 and §4.1) as the runner applies
// them: work confirmation follows the project's policy (its maintainers and named peers), a
// project leaves a pool once and re-offers its open pre-orders, and a fork copies the commons
// but no balances, pools or governance.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { asId, type PersonId, type PoolId, type ProjectId } from '../ids.ts';
import { type ConfirmWorkCommand, confirmWork, type WorkRecord } from '../market/index.ts';
import { minutes, weightMilli } from '../units.ts';
import {
  confirmationPolicy,
  forkedCommonsId,
  forkProject,
  joinPool,
  leavePool,
  mayConfirm,
  type Project,
  preOrdersToReoffer,
  project,
} from './index.ts';

const person = (id: string) => asId<'Person'>(id) as PersonId;
const projectId = (id: string) => asId<'Project'>(id) as ProjectId;
const pool = asId<'Pool'>('neighbourhood') as PoolId;

function bakery(): Project {
  return project({
    id: projectId('bakery'),
    maintainers: [person('ben'), person('ana'), person('ben')],
    namedConfirmers: [person('dora')],
    commons: ['sourdough-recipe', 'oven-design'],
  });
}

describe('a project', () => {
  test('holds its lists as sets sorted by id, outside any pool and forked from nothing', () => {
    assert.deepEqual(bakery(), {
      id: 'bakery',
      maintainers: ['ana', 'ben'],
      namedConfirmers: ['dora'],
      poolIds: [],
      commons: ['oven-design', 'sourdough-recipe'],
      forkedFrom: null,
    });
  });
});

describe('work confirmation follows the project', () => {
  test('a maintainer or a named peer confirms; anyone else is refused', () => {
    const policy = confirmationPolicy(bakery());
    const recorded: WorkRecord = {
      id: 'wr-1',
      instanceId: asId<'TaskInstance'>('kneading-1'),
      projectId: projectId('bakery'),
      personId: person('cem'),
      period: 1,
      minutesWorked: minutes(120),
      unitsDone: null,
      creditedMinutes: minutes(120),
      status: 'recorded',
      confirmedBy: null,
      weightMilli: null,
      amountEffortMilli: null,
      transferId: null,
    };
    const command = (confirmerId: string): ConfirmWorkCommand => ({
      confirmerId: person(confirmerId),
      policy,
      weightMilli: weightMilli(800),
      transferId: asId<'Transfer'>('t-wr-1'),
      projectAccountId: asId<'Account'>('bakery'),
      personAccountId: asId<'Account'>('cem'),
    });
    const confirmed = confirmWork(recorded, command('dora'));
    assert.ok(confirmed.ok);
    assert.equal(confirmed.value.transfer.amount, 1600);
    assert.ok(confirmWork(recorded, command('ana')).ok);
    const refused = confirmWork(recorded, command('eve'));
    assert.equal(!refused.ok && refused.error.code, 'work.confirmer_not_allowed');
  });

  test('exactly the maintainers and the named peers may confirm', () => {
    const names = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    fc.assert(
      fc.property(fc.array(names), fc.array(names), names, (maintainers, named, who) => {
        const policy = confirmationPolicy(
          project({
            id: projectId('p'),
            maintainers: maintainers.map(person),
            namedConfirmers: named.map(person),
          }),
        );
        const expected = maintainers.includes(who) || named.includes(who);
        assert.equal(mayConfirm(policy, person(who)), expected);
      }),
    );
  });

  test('a project without maintainers or named peers lets nobody confirm', () => {
    const policy = confirmationPolicy(project({ id: projectId('p'), maintainers: [] }));
    assert.deepEqual(policy, { maintainers: [], namedPeers: [] });
    assert.equal(mayConfirm(policy, person('ana')), false);
  });
});

describe('pools and forks', () => {
  test('a project leaves a pool it is in, once; other pools stay', () => {
    const other = asId<'Pool'>('town') as PoolId;
    const inPools = joinPool(joinPool(joinPool(bakery(), pool), other), pool);
    assert.deepEqual(inPools.poolIds, ['neighbourhood', 'town']);
    const left = leavePool(inPools, pool);
    assert.ok(left.ok);
    assert.deepEqual(left.value.poolIds, ['town']);
    const again = leavePool(left.value, pool);
    assert.equal(!again.ok && again.error.code, 'project.not_in_pool');
    assert.equal(!again.ok && again.error.detail, 'bakery is not in pool neighbourhood');
  });

  test('leaving re-offers the open pre-orders of the projects leaving, by id, and no other', () => {
    const open = [
      { id: 'po-3', projectId: 'bakery' },
      { id: 'po-1', projectId: 'dairy' },
      { id: 'po-2', projectId: 'bakery' },
      { id: 'po-10', projectId: 'mill' },
    ];
    const ids = (leaving: string[]) =>
      preOrdersToReoffer(leaving.map(projectId), open).map((x) => x.id);
    assert.deepEqual(ids(['bakery']), ['po-2', 'po-3']);
    assert.deepEqual(ids(['mill', 'bakery']), ['po-10', 'po-2', 'po-3']);
    assert.deepEqual(ids([]), []);
  });

  test('the pre-orders re-offered do not depend on the order they were placed in', () => {
    const order = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd'),
      projectId: fc.constantFrom('p', 'q'),
    });
    fc.assert(
      fc.property(fc.uniqueArray(order, { selector: (x) => x.id }), (open) => {
        const forward = preOrdersToReoffer([projectId('p')], open);
        assert.deepEqual(forward, preOrdersToReoffer([projectId('p')], [...open].reverse()));
        assert.deepEqual(
          forward.map((x) => x.id),
          open
            .filter((x) => x.projectId === 'p')
            .map((x) => x.id)
            .sort(),
        );
      }),
    );
  });

  test('a fork copies the commons under ids of its own, starts its own governance, joins no pool, and leaves the original as it was', () => {
    const original = joinPool(bakery(), pool);
    const fork = forkProject(original, {
      newId: projectId('night-bakery'),
      maintainers: [person('cem')],
    });
    assert.ok(fork.ok);
    assert.deepEqual(fork.value, {
      project: {
        id: 'night-bakery',
        maintainers: ['cem'],
        namedConfirmers: [],
        poolIds: [],
        commons: ['night-bakery.oven-design', 'night-bakery.sourdough-recipe'],
        forkedFrom: 'bakery',
      },
      copies: [
        { id: 'night-bakery.oven-design', copiedFrom: 'oven-design' },
        { id: 'night-bakery.sourdough-recipe', copiedFrom: 'sourdough-recipe' },
      ],
    });
    assert.deepEqual(original, joinPool(bakery(), pool));
    assert.equal(forkedCommonsId(projectId('f'), 'loaf'), 'f.loaf');
    const sameId = forkProject(original, { newId: projectId('bakery'), maintainers: [] });
    assert.equal(!sameId.ok && sameId.error.code, 'project.same_id');
  });

  test('a fork without maintainers has only the peers it names to confirm its work', () => {
    const fork = forkProject(bakery(), {
      newId: projectId('quiet'),
      maintainers: [],
      namedConfirmers: [person('eve')],
    });
    assert.ok(fork.ok);
    const policy = confirmationPolicy(fork.value.project);
    assert.deepEqual(policy, { maintainers: [], namedPeers: ['eve'] });
    // The original's maintainers and named peers confirm nothing for the fork.
    assert.equal(mayConfirm(policy, person('eve')), true);
    assert.equal(mayConfirm(policy, person('ana')), false);
    assert.equal(mayConfirm(policy, person('dora')), false);
  });
});
