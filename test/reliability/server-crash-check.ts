// After a server crash run: what the clients were told against what the database holds.
// Every acknowledged input is stored once at the sequence number its answer named, with the
// fields the client sent; every acknowledged withdrawal and confirmation is there; nothing
// else is stored (a duplicate or a refused write would be an input no answer names); no
// refused request left a stored answer; every acknowledged step is taken once, in the audit
// log once; and the books equal a run without crashes of the acknowledged inputs alone: the
// pure runner's journal head of every closed period and every closing balance.
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { scenarioFromData } from '../../src/app/scenario/load.ts';
import {
  assembleScenario,
  type PoolInput,
  type PoolSettings,
} from '../../src/core/cycle/inputs.ts';
import { runScenario } from '../../src/core/scenario/index.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import type { Database } from '../../src/storage/schema.ts';
import type { ServerTarget } from './server-process.ts';
import type { AccountRole, Seeded } from './server-seed.ts';

/** One write a client made, with its final answer (after any retries). */
export interface LoggedWrite {
  readonly role: AccountRole;
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  /** The open period when the client made it. */
  readonly period: number;
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer read field by field
  readonly answer: any;
}

interface ExpectedInput {
  kind: string;
  period: number;
  record: Record<string, unknown>;
  withdrawn: boolean;
}

const NAMED_KINDS: Record<string, string> = {
  '/requests': 'requests',
  '/bids': 'bids',
  '/work': 'work',
};

/** The inputs the acknowledged writes stored, by sequence number, and the steps taken. */
export function expectedFromAnswers(writes: readonly LoggedWrite[]) {
  const inputs = new Map<number, ExpectedInput>();
  const steps: { period: number; stage: string; journalHead?: string }[] = [];
  const acknowledged = writes.filter((w) => w.status < 300);
  // Submissions first (their records), then withdrawals and confirmations, which name them.
  for (const write of acknowledged) {
    const body = write.body as Record<string, unknown>;
    const given: Omit<ExpectedInput, 'withdrawn'>[] =
      write.path === '/inputs' && write.method === 'POST'
        ? (body.inputs as Omit<ExpectedInput, 'withdrawn'>[])
        : NAMED_KINDS[write.path] !== undefined
          ? [
              {
                kind: NAMED_KINDS[write.path]!,
                period: write.period,
                record: write.path === '/work' ? { ...body, confirmedBy: null } : body,
              },
            ]
          : [];
    for (const [index, input] of given.entries()) {
      const seq = (write.answer.firstSeq as number) + index;
      assert.ok(!inputs.has(seq), `two answers name input ${seq}`);
      inputs.set(seq, { ...input, withdrawn: false });
    }
    if (write.path === '/steps')
      steps.push({ ...(body as { period: number; stage: string }), ...write.answer });
  }
  for (const write of acknowledged) {
    const named = /^\/inputs\/(\d+)(\/confirmation)?$/.exec(write.path);
    if (named === null) continue;
    const original = inputs.get(Number(named[1]));
    assert.ok(original !== undefined, `${write.method} ${write.path}: no acknowledged input`);
    original.withdrawn = true;
    if (named[2] !== undefined) {
      const { confirmedBy } = write.body as { confirmedBy: string };
      inputs.set(write.answer.firstSeq as number, {
        ...original,
        record: { ...original.record, confirmedBy },
        withdrawn: false,
      });
    }
  }
  return { inputs, steps };
}

export interface CheckFigures {
  /** Acknowledged writes, refused ones, and inputs compared one by one. */
  readonly acknowledged: number;
  readonly refused: number;
  readonly inputsChecked: number;
  /** Stored inputs no answer names (a write stored twice, or a refused one stored). */
  readonly duplicates: number;
  readonly closedPeriods: number;
}

export async function checkServerBooks(
  target: ServerTarget,
  seeded: Seeded,
  writes: readonly LoggedWrite[],
): Promise<CheckFigures> {
  const { inputs: expected, steps } = expectedFromAnswers(writes);
  const database = openDatabase({
    dataDir: target.dataDir,
    ...(target.databaseUrl === undefined ? {} : { databaseUrl: target.databaseUrl }),
  });
  try {
    const db = database.db as Kysely<Database>;
    const rows = await db
      .selectFrom('economy_inputs')
      .selectAll()
      .where('pool_id', '=', 'p')
      .orderBy('seq')
      .execute();
    const seededInputs: PoolInput[] = [];
    const extra: number[] = [];
    for (const row of rows) {
      const record = JSON.parse(row.record_json) as Record<string, unknown>;
      if (row.seq < seeded.firstSeq) {
        seededInputs.push({ kind: row.kind as PoolInput['kind'], period: row.period, record });
        continue;
      }
      const wanted = expected.get(row.seq);
      if (wanted === undefined) {
        extra.push(row.seq);
        continue;
      }
      assert.deepEqual(
        [row.kind, row.period, row.withdrawn === 1],
        [wanted.kind, wanted.period, wanted.withdrawn],
        `input ${row.seq}`,
      );
      for (const [field, value] of Object.entries(wanted.record)) {
        assert.deepEqual(record[field], value, `input ${row.seq}: ${field}`);
      }
    }
    const storedSeqs = new Set(rows.map((row) => row.seq));
    const lost = [...expected.keys()].filter((seq) => !storedSeqs.has(seq));
    assert.deepEqual(lost, [], 'acknowledged inputs missing');
    assert.deepEqual(
      extra,
      [],
      'stored inputs that no answer names (duplicates or refused writes)',
    );

    // A refused request left no stored answer under its key.
    const refused = writes.filter((w) => w.status >= 400);
    const answerKeys = new Set(
      (
        await db
          .selectFrom('economy_requests')
          .select('idempotency_key')
          .where('pool_id', '=', 'p')
          .execute()
      ).map((row) => row.idempotency_key),
    );
    for (const write of refused) {
      assert.ok(
        !answerKeys.has(`http:${seeded.accountIds[write.role]}:${write.key}`),
        `refused ${write.key} stored`,
      );
    }

    // Every acknowledged step taken once: the cycle where the last one left it, one audit entry each.
    const pool = await db
      .selectFrom('economy_pools')
      .selectAll()
      .where('pool_id', '=', 'p')
      .executeTakeFirstOrThrow();
    const last = steps.at(-1)!;
    assert.deepEqual([pool.cycle_period, pool.cycle_stage], [last.period, last.stage]);
    const audited = await db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('pool_id', '=', 'p')
      .where('action', '=', 'period.step')
      .execute();
    const auditCounts = new Map<string, number>();
    for (const row of audited)
      auditCounts.set(row.detail_json, (auditCounts.get(row.detail_json) ?? 0) + 1);
    for (const step of steps) {
      const detail = JSON.stringify({ period: step.period, stage: step.stage });
      assert.equal(auditCounts.get(detail), 1, `audit entries of step ${detail}`);
    }
    assert.equal(audited.length, steps.length, 'audit entries of steps nobody acknowledged');

    // The books equal a run of the acknowledged inputs without crashes.
    const closed = steps.filter((step) => step.stage === 'closed');
    const settings = JSON.parse(pool.settings_json) as PoolSettings;
    const given = [...expected.entries()]
      .filter(([, input]) => !input.withdrawn && input.period <= closed.length)
      .sort(([a], [b]) => a - b)
      .map(
        ([, input]) =>
          ({ kind: input.kind, period: input.period, record: input.record }) as PoolInput,
      );
    const scenario = scenarioFromData(
      assembleScenario(settings, [...seededInputs, ...given], closed.length),
      'invalid',
    );
    assert.ok(scenario.ok, scenario.ok ? '' : scenario.error.detail);
    const run = runScenario(scenario.value);
    assert.equal(run.stop, null, JSON.stringify(run.stop));
    const periods = await db
      .selectFrom('economy_periods')
      .selectAll()
      .where('pool_id', '=', 'p')
      .orderBy('period')
      .execute();
    assert.deepEqual(
      periods.filter((row) => row.stage === 'closed').map((row) => row.journal_head),
      run.periods.map((period) => period.journalHead),
      'journal heads of the closed periods',
    );
    assert.deepEqual(
      closed.map((step) => step.journalHead),
      run.periods.map((period) => period.journalHead),
      'journal heads the closing steps answered',
    );
    const accounts = await db
      .selectFrom('ledger_accounts')
      .selectAll()
      .where('pool_id', '=', 'p')
      .execute();
    const balances = Object.fromEntries(
      accounts.map((a) => [a.id, Number(a.credits_posted) - Number(a.debits_posted)]),
    );
    const closing = Object.fromEntries(run.periods.at(-1)?.closingBalances ?? []);
    for (const [account, balance] of Object.entries(closing)) {
      assert.equal(balances[account] ?? 0, balance, `balance of ${account}`);
    }
    return {
      acknowledged: writes.length - refused.length,
      refused: refused.length,
      inputsChecked: expected.size,
      duplicates: extra.length,
      closedPeriods: closed.length,
    };
  } finally {
    await database.close();
  }
}
