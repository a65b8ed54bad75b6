// Proves free cooperation for projects (MODEL.md M1, reference P2 and §4.1): joining and leaving
// need nobody's approval, maintainers coordinate but cannot hold anyone, work confirmation
// follows the project's policy, leaving a pool keeps the commons, and a fork copies metadata
// and commons but no people, balances or pools.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { asId, type PersonId, type PoolId, type ProjectId } from '../ids.ts';
import { type ConfirmWorkCommand, confirmWork, type WorkRecord } from '../market/index.ts';
import { minutes, weightMilli } from '../units.ts';
import {
  addCommons,
  addMaintainer,
  confirmationPolicy,
  createProject,
  forkProject,
  joinPool,
  joinProject,
  leavePool,
  leaveProject,
  needsMaintainer,
  type Project,
  removeMaintainer,
  setNamedConfirmer,
} from './index.ts';

const person = (id: string) => asId<'Person'>(id) as PersonId;
const projectId = (id: string) => asId<'Project'>(id) as ProjectId;
const pool = asId<'Pool'>('neighbourhood') as PoolId;

function bakery(): Project {
  const created = createProject({
    id: projectId('bakery'),
    title: 'Bakery',
    goal: 'Bread for the neighbourhood',
    rules: 'Decisions by consensus of those who bake',
    founders: [person('ana'), person('ben')],
  });
  assert.ok(created.ok);
  return created.value;
}

describe('membership', () => {
  test('founders are members and maintainers; anyone joins, joining twice changes nothing', () => {
    const project = joinProject(joinProject(bakery(), person('cem')), person('cem'));
    assert.deepEqual(project.members, ['ana', 'ben', 'cem']);
    assert.deepEqual(project.maintainers, ['ana', 'ben']);
  });

  test('a project needs a founder, a title and a goal', () => {
    const noFounder = createProject({ id: projectId('p'), title: 'P', goal: 'g', founders: [] });
    assert.equal(!noFounder.ok && noFounder.error.code, 'project.no_maintainer');
    const noGoal = createProject({
      id: projectId('p'),
      title: 'P',
      goal: ' ',
      founders: [person('a')],
    });
    assert.equal(!noGoal.ok && noGoal.error.code, 'project.invalid_text');
    const longTitle = createProject({
      id: projectId('p'),
      title: 'x'.repeat(201),
      goal: 'g',
      founders: [person('a')],
    });
    assert.equal(!longTitle.ok && longTitle.error.code, 'project.invalid_text');
  });

  test('anyone may leave at any time, the last maintainer too; a member may then take the role on', () => {
    let project = joinProject(bakery(), person('cem'));
    project = leaveProject(leaveProject(project, person('ana')), person('ben'));
    assert.deepEqual(project.members, ['cem']);
    assert.equal(needsMaintainer(project), true);
    const outsider = addMaintainer(project, person('dora'), person('dora'));
    assert.equal(!outsider.ok && outsider.error.code, 'project.not_member');
    const taken = addMaintainer(project, person('cem'), person('cem'));
    assert.ok(taken.ok);
    assert.deepEqual(taken.value.maintainers, ['cem']);
  });

  test('only a maintainer appoints or removes another maintainer; stepping down is free', () => {
    const project = joinProject(bakery(), person('cem'));
    const byMember = addMaintainer(project, person('cem'), person('cem'));
    assert.equal(!byMember.ok && byMember.error.code, 'project.not_maintainer');
    const appointed = addMaintainer(project, person('ana'), person('cem'));
    assert.ok(appointed.ok);
    const removedByMember = removeMaintainer(
      joinProject(project, person('eve')),
      person('eve'),
      person('ana'),
    );
    assert.equal(!removedByMember.ok && removedByMember.error.code, 'project.not_maintainer');
    const steppedDown = removeMaintainer(appointed.value, person('cem'), person('cem'));
    assert.ok(steppedDown.ok);
    assert.deepEqual(steppedDown.value.maintainers, ['ana', 'ben']);
  });

  test('membership lists do not depend on the order people joined in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1 }),
        (names) => {
          const forward = names.reduce((p, n) => joinProject(p, person(n)), bakery());
          const backward = [...names]
            .reverse()
            .reduce((p, n) => joinProject(p, person(n)), bakery());
          assert.deepEqual(forward, backward);
        },
      ),
    );
  });
});

describe('work confirmation follows the project', () => {
  test('a maintainer or a named peer confirms; anyone else is refused', () => {
    let project = joinProject(joinProject(bakery(), person('cem')), person('dora'));
    const named = setNamedConfirmer(project, person('ana'), person('dora'), true);
    assert.ok(named.ok);
    project = named.value;
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
      policy: confirmationPolicy(project),
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
    const notMaintainer = setNamedConfirmer(project, person('cem'), person('cem'), true);
    assert.equal(!notMaintainer.ok && notMaintainer.error.code, 'project.not_maintainer');
  });
});

describe('pools and forks', () => {
  test('leaving a pool keeps its stock and means of production as commons and re-offers pre-orders', () => {
    const inPool = joinPool(bakery(), pool);
    assert.deepEqual(inPool.poolIds, ['neighbourhood']);
    const left = leavePool(inPool, pool, {
      preOrders: ['po-2', 'po-1'],
      stockEffortMilli: 1_000,
      unamortisedMeansEffortMilli: 4_500,
    });
    assert.ok(left.ok);
    assert.deepEqual(left.value.project.poolIds, []);
    assert.deepEqual(left.value.preOrdersToReoffer, ['po-1', 'po-2']);
    assert.equal(left.value.leftAsCommonsEffortMilli, 5_500);
    const again = leavePool(left.value.project, pool, {
      preOrders: [],
      stockEffortMilli: 0,
      unamortisedMeansEffortMilli: 0,
    });
    assert.equal(!again.ok && again.error.code, 'project.not_in_pool');
  });

  test('a fork copies goal, rules and commons, starts its own governance, and leaves the original as it was', () => {
    const original = joinPool(
      addCommons(joinProject(bakery(), person('cem')), ['sourdough-recipe', 'oven-design']),
      pool,
    );
    const fork = forkProject(original, {
      newId: projectId('night-bakery'),
      founders: [person('cem')],
      title: 'Night bakery',
    });
    assert.ok(fork.ok);
    assert.deepEqual(fork.value, {
      id: 'night-bakery',
      title: 'Night bakery',
      goal: 'Bread for the neighbourhood',
      rules: 'Decisions by consensus of those who bake',
      members: ['cem'],
      maintainers: ['cem'],
      namedConfirmers: [],
      poolIds: [],
      commons: ['oven-design', 'sourdough-recipe'],
      forkedFrom: 'bakery',
    });
    assert.deepEqual(original.members, ['ana', 'ben', 'cem']);
    const sameId = forkProject(original, { newId: projectId('bakery'), founders: [person('cem')] });
    assert.equal(!sameId.ok && sameId.error.code, 'project.same_id');
  });
});
