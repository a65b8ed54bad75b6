// The concurrency run (issue 17, item 2): one server over loopback HTTP, and 64 clients at
// once, again and again, on the same things: every step of a period asked 64 times at once
// (under 64 keys, and under one key), the same bid placed 64 times, withdrawn 64 times and
// placed and withdrawn at once, every work record confirmed at once, the same member taking
// rye 32 times and four others taking more than the bakery made. Afterwards: each step was taken once (one answer says so, one
// audit entry), no bid or taking is stored twice, nobody is past the debit allowance, no more
// rye was handed out than made, and every request got an answer (nothing left waiting on a
// lock). Shared by the suite (SQLite and PostgreSQL).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Kysely } from 'kysely';
import { startTestServer, type TestDatabase, type TestRole } from '../../src/http/testing.ts';
import { transactionRetries } from '../../src/storage/repositories/ledger-store.ts';
import type { Database } from '../../src/storage/schema.ts';

export const CLIENTS = 64;
const ALLOWANCE_EFFORT_MILLI = 40_000;
const RYE_MADE = 10;

export interface ConcurrencyFigures {
  readonly requests: number;
  /** Answers by status code. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Transactions the storage ran again after a serialisation failure or deadlock. */
  readonly retries: number;
  readonly seconds: number;
}

interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON body read field by field
  readonly body: any;
}

export async function concurrencyRun(database: TestDatabase): Promise<ConcurrencyFigures> {
  const started = performance.now();
  const retriesBefore = transactionRetries();
  const server = await startTestServer(
    {
      writeLimit: { limit: 1_000_000, windowMs: 60_000 },
      readLimit: { limit: 1_000_000, windowMs: 60_000 },
    },
    database,
  );
  const http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
  const statuses: Record<string, number> = {};
  let requests = 0;
  let keys = 0;
  const nextKey = () => {
    keys += 1;
    return `k${keys}`;
  };
  try {
    await once(http, 'listening');
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/v1/pools/p`;
    const cookies = new Map<TestRole, string>();
    for (const role of ['member', 'maintainer', 'confirmer', 'steward', 'coordinator'] as const) {
      cookies.set(role, await server.cookieOf(role));
    }
    const call = async (
      role: TestRole,
      method: string,
      path: string,
      body?: unknown,
      key?: string,
    ) => {
      requests += 1;
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          cookie: cookies.get(role) ?? '',
          ...(method === 'GET' ? {} : { 'idempotency-key': key ?? nextKey() }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      const answer: Answer = {
        status: response.status,
        body: text === '' ? null : JSON.parse(text),
      };
      assert.ok(answer.status < 500, `${method} ${path}: ${answer.status} ${text}`);
      return answer;
    };
    const burst = (make: (i: number) => Promise<Answer>) =>
      Promise.all(Array.from({ length: CLIENTS }, (_, i) => make(i)));
    const statusesOf = (answers: Answer[]) =>
      answers
        .map((a) => a.status)
        .sort()
        .join(',');
    const count = (answers: Answer[], status: number) =>
      answers.filter((a) => a.status === status).length;

    /** 64 clients ask for the same step at once: all answer 200, one of them took it. */
    const step = async (stage: string, sameKey = false) => {
      const key = `step-${stage}-${nextKey()}`;
      const answers = await burst(() =>
        call('coordinator', 'POST', '/steps', { period: 1, stage }, sameKey ? key : undefined),
      );
      assert.equal(count(answers, 200), CLIENTS, `${stage}: ${statusesOf(answers)}`);
      const taken = answers.filter((a) => a.body.alreadyDone === false);
      if (sameKey) {
        // One key: every client gets the first answer (a replay says it was taken already).
        assert.ok(taken.length <= 1);
      } else {
        assert.equal(taken.length, 1, `${stage}: taken ${taken.length} times`);
      }
      return answers;
    };

    await step('planning', true);
    const tasks = [
      { id: 't1', slots: 3, minutesPerSlot: 60 },
      { id: 't2', slots: 2, minutesPerSlot: 120 },
    ];
    assert.equal(
      (
        await call('maintainer', 'POST', '/inputs', {
          inputs: tasks.map((t) => ({
            kind: 'tasks',
            period: 1,
            record: { ...t, templateId: t.id, projectId: 'bakery' },
          })),
        })
      ).status,
      201,
    );
    await step('bidding');

    // The same bid 64 times at once: one is placed, the others are refused as duplicates.
    const bid = { personId: 'ada', instanceId: 't1', weightMilli: 1200 };
    const placed = await burst(() => call('member', 'POST', '/bids', bid));
    assert.equal(count(placed, 201), 1, statusesOf(placed));
    assert.equal(count(placed, 422), CLIENTS - 1, statusesOf(placed));
    const seq = placed.find((a) => a.status === 201)!.body.firstSeq as number;
    // The same bid withdrawn 64 times at once: each answers it withdrawn; it takes one number.
    const before = await call('member', 'GET', '');
    const withdrawn = await burst(() => call('member', 'DELETE', `/inputs/${seq}`));
    assert.equal(count(withdrawn, 200), CLIENTS, statusesOf(withdrawn));
    const afterWithdrawals = await call('member', 'GET', '');
    // A withdrawal takes a sequence number (decision 0041): 64 of them at once took one.
    assert.equal(afterWithdrawals.body.inputs, before.body.inputs + 1, 'the bid is withdrawn once');
    // Placing and withdrawing at once: at most one bid of ada on t1 stands afterwards.
    const placedAgain = await burst((i) =>
      i % 2 === 0
        ? call('member', 'POST', '/bids', bid)
        : call('member', 'DELETE', `/inputs/${seq}`),
    );
    assert.ok(count(placedAgain, 201) <= 1, statusesOf(placedAgain));
    for (const [person, weightMilli] of [
      ['bo', 1000],
      ['cy', 1100],
      ['dan', 1300],
      ['eve', 900],
    ] as const) {
      const role = { bo: 'maintainer', cy: 'confirmer', dan: 'steward', eve: 'coordinator' }[
        person
      ];
      for (const task of tasks) {
        const answer = await call(role as TestRole, 'POST', '/bids', {
          personId: person,
          instanceId: task.id,
          weightMilli,
        });
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
      }
    }
    await step('cleared');
    await step('running', true);

    const clearing = (await call('coordinator', 'GET', '/periods/1/clearing')).body.value as {
      tasks: { instanceId: string; weightMilli: number; winners: { personId: string }[] }[];
    };
    const roleOf: Record<string, TestRole> = {
      ada: 'member',
      bo: 'maintainer',
      cy: 'confirmer',
      dan: 'steward',
      eve: 'coordinator',
    };
    let credited = 0;
    const records: { seq: number; personId: string }[] = [];
    for (const task of clearing.tasks) {
      const minutes = tasks.find((t) => t.id === task.instanceId)!.minutesPerSlot;
      for (const { personId } of task.winners) {
        const work = await call(roleOf[personId]!, 'POST', '/work', {
          id: `w-${personId}-${task.instanceId}`,
          personId,
          instanceId: task.instanceId,
          minutes,
        });
        assert.equal(work.status, 201, JSON.stringify(work.body));
        records.push({ seq: work.body.firstSeq, personId });
        credited += (minutes * task.weightMilli) / 60;
      }
    }
    // Every record confirmed at once, each by several clients under one key (a client
    // retrying in a hurry): each key answers the same, and each record is confirmed once.
    const confirmed = await burst((i) => {
      const { seq, personId } = records[i % records.length]!;
      const [role, confirmedBy] = personId === 'cy' ? ['maintainer', 'bo'] : ['confirmer', 'cy'];
      return call(
        role as TestRole,
        'POST',
        `/inputs/${seq}/confirmation`,
        { confirmedBy },
        `confirm-${seq}`,
      );
    });
    assert.equal(count(confirmed, 201), CLIENTS, statusesOf(confirmed));
    for (const [i, answer] of confirmed.entries()) {
      assert.deepEqual(answer.body, confirmed[i % records.length]!.body, 'one answer per key');
    }
    const work = await (database.db as Kysely<Database>)
      .selectFrom('economy_inputs')
      .select('record_json')
      .where('kind', '=', 'work')
      .where('withdrawn', '=', 0)
      .execute();
    assert.equal(work.length, records.length, 'each record confirmed once');
    assert.ok(work.every((row) => JSON.parse(row.record_json).confirmedBy !== null));

    // Takings: ada asks for far more than her allowance, 32 times at once; the other four ask
    // for more than the bakery made, 8 times each at once.
    const takers = ['bo', 'cy', 'dan', 'eve'];
    const taken = await burst((i) =>
      i < CLIENTS / 2
        ? call('member', 'POST', '/requests', { personId: 'ada', productId: 'rye', units: 60 })
        : call(roleOf[takers[i % 4]!]!, 'POST', '/requests', {
            personId: takers[i % 4],
            productId: 'rye',
            units: 4,
          }),
    );
    assert.equal(count(taken, 201), 5, `one taking per person: ${statusesOf(taken)}`);
    const production = await call('maintainer', 'POST', '/inputs', {
      inputs: [
        { kind: 'production', period: 1, record: { productId: 'rye', units: RYE_MADE } },
        {
          kind: 'workInProgress',
          period: 1,
          record: { projectId: 'bakery', changeEffortMilli: credited - RYE_MADE * 1000 },
        },
      ],
    });
    assert.equal(production.status, 201, JSON.stringify(production.body));
    await step('settling');
    const closed = await step('closed');
    const head = closed.find((a) => a.body.alreadyDone === false)!.body.journalHead;
    assert.ok(closed.every((a) => a.body.journalHead === undefined || a.body.journalHead === head));

    // The books: posted once, within every bound.
    const db = database.db as Kysely<Database>;
    const steps = await db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('action', '=', 'period.step')
      .execute();
    assert.equal(steps.length, 6, 'one audit entry per step');
    assert.equal(new Set(steps.map((s) => s.detail_json)).size, 6);
    const stored = await db
      .selectFrom('economy_inputs')
      .select(['kind', 'record_json'])
      .where('withdrawn', '=', 0)
      .where('period', '=', 1)
      .execute();
    const bidsOfAda = stored.filter(
      (row) => row.kind === 'bids' && JSON.parse(row.record_json).personId === 'ada',
    );
    assert.ok(bidsOfAda.length <= 1, 'ada has at most one standing bid on t1');
    assert.equal(
      stored.filter((row) => row.kind === 'requests').length,
      5,
      'one taking per person',
    );
    const accounts = await db
      .selectFrom('ledger_accounts')
      .selectAll()
      .where('pool_id', '=', 'p')
      .execute();
    for (const account of accounts.filter((a) => a.id.startsWith('p.person.'))) {
      const balance = Number(account.credits_posted) - Number(account.debits_posted);
      assert.ok(
        balance >= -ALLOWANCE_EFFORT_MILLI,
        `${account.id} is past the allowance: ${balance}`,
      );
    }
    const report = (await call('coordinator', 'GET', '/periods/1/report')).body.value as {
      goods: { productId: string; allocations: { units: number }[] }[];
    };
    const handedOut = report.goods
      .filter((g) => g.productId === 'rye')
      .flatMap((g) => g.allocations)
      .reduce((sum, a) => sum + a.units, 0);
    assert.ok(handedOut <= RYE_MADE, `${handedOut} loaves handed out of ${RYE_MADE}`);
    const verified = await call('coordinator', 'GET', '/verify');
    assert.equal(verified.body.problem, undefined, JSON.stringify(verified.body.problem));
    assert.equal(verified.body.headHash, head);
  } finally {
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      (http as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    await server.close();
  }
  return {
    requests,
    statuses,
    retries: transactionRetries() - retriesBefore,
    seconds: (performance.now() - started) / 1000,
  };
}
