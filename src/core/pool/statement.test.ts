// Proves the open-books statement: the Ana/Ben/Cem month grouped by code and account kind,
// every mWH accounted for (kinds net to zero), and no person named in it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { asId, type PersonId, type PoolId, type ProductId, type ProjectId } from '../ids.ts';
import { PPM_ONE } from '../units.ts';
import { conventionalChart } from './chart.ts';
import { type PeriodEvent, settlePeriod } from './settlement.ts';
import { poolStatement } from './statement.ts';

const person = (id: string) => asId<'Person'>(id) as PersonId;
const project = (id: string) => asId<'Project'>(id) as ProjectId;
const product = (id: string) => asId<'Product'>(id) as ProductId;

describe('pool statement', () => {
  test('where every mWH of the month came from and went', () => {
    const [ana, ben, cem] = [person('ana'), person('ben'), person('cem')];
    const [bakery, bikes] = [project('bakery'), project('bikes')];
    const chart = conventionalChart(asId<'Pool'>('vp') as PoolId, [ana, ben, cem], [bakery, bikes]);
    const w = (id: string, p: PersonId, pr: ProjectId, a: number): PeriodEvent => ({
      kind: 'work',
      id,
      personId: p,
      projectId: pr,
      amountEffortMilli: a,
    });
    const t = (
      id: string,
      p: PersonId,
      pr: ProjectId,
      g: string,
      units: number,
      price: number,
    ): PeriodEvent => ({
      kind: 'take',
      id,
      personId: p,
      projectId: pr,
      productId: product(g),
      units,
      postedUnitPriceEffortMilli: price,
    });
    const settled = settlePeriod({
      chart,
      period: 1,
      batchId: 's1',
      priceFactorPpm: PPM_ONE,
      mode: 'proportional',
      openingBalances: new Map(),
      members: [],
      events: [
        w('w1', ana, bakery, 16_000),
        w('w2', ben, bikes, 12_000),
        w('w3', cem, bakery, 4_000),
        w('w4', cem, bikes, 26_000),
        t('t1', ana, bakery, 'bread', 12, 500),
        t('t2', ana, bikes, 'bicycle', 1, 19_000),
        t('t3', ben, bakery, 'bread', 10, 500),
        t('t4', cem, bakery, 'bread', 16, 500),
        t('t5', cem, bikes, 'bicycle', 1, 19_000),
        { kind: 'writeOff', id: 'x1', projectId: bakery, amountEffortMilli: 1_000 },
      ],
      inventory: [],
    });
    assert.ok(settled.ok, !settled.ok ? settled.error.detail : '');
    const statement = poolStatement(chart, 1, settled.value.transfers);
    assert.deepEqual(
      statement.rows.map((r) => [
        r.code,
        r.from,
        r.to,
        r.reference ?? '',
        r.transfers,
        r.amountEffortMilli,
      ]),
      [
        ['adjustment.writeOff', 'adjustment', 'project', '', 1, 1_000],
        ['take.goods', 'person', 'project', 'bicycle', 2, 38_000],
        ['take.goods', 'person', 'project', 'bread', 3, 19_000],
        ['work.credit', 'project', 'person', '', 4, 58_000],
      ],
    );
    assert.deepEqual(
      statement.byKind.map((k) => [k.kind, k.changeEffortMilli]),
      [
        ['adjustment', -1_000],
        ['person', 1_000],
        ['project', 0],
      ],
    );
    assert.equal(statement.netEffortMilli, 0);
    assert.equal(statement.totalEffortMilli, 116_000);
    assert.ok(!JSON.stringify(statement).includes('ana'));
    // Other periods and other units are left out.
    const other = poolStatement(chart, 2, settled.value.transfers);
    assert.deepEqual(other.rows, []);
  });
});
