// Proves that SIGKILLing a client posting to PostgreSQL loses no acknowledged transfer, doubles
// none on replay and keeps linked batches whole; the server survives and drops the dead
// client's sessions. Skipped with a message where PostgreSQL is not installed; fails under CI=true.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { withPostgres } from '../support/postgres-suite.ts';
import { batchScenario, burstScenario } from './crash-scenarios.ts';
import { cycleCrashScenario } from './cycle-crash.ts';

const APPLICATION = 'peerconomy-crash-worker';
/** Polls for the dead client's sessions to end; the server notices the closed socket at once. */
const SESSION_POLLS_MAX = 200;

withPostgres('crash: PostgreSQL', (postgres) => {
  /** A fresh database; the workers connect under an application name the test can look for. */
  const freshDatabase = async (name: string) => {
    const { adminUrl, databaseUrl } = await postgres.freshDatabase(name);
    return { adminUrl, databaseUrl: `${databaseUrl}?application_name=${APPLICATION}` };
  };

  /** The server is still up, and every session of the killed client ended (its transaction rolled back). */
  const deadClientGone = async (adminUrl: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      for (let poll = 0; poll < SESSION_POLLS_MAX; poll += 1) {
        const { rows } = await admin.query(
          'select count(*)::int as n from pg_stat_activity where application_name = $1',
          [APPLICATION],
        );
        if (rows[0].n === 0) return;
        await sleep(25);
      }
      assert.fail('the killed client still has sessions on the server');
    } finally {
      await admin.end();
    }
  };

  describe('crash: PostgreSQL (throwaway cluster, client killed, server survives)', () => {
    test('a burst of single transfers, killed 3 times, then replayed', async (t) => {
      const { adminUrl, databaseUrl } = await freshDatabase('crash_burst');
      await burstScenario({ databaseUrl }, 200, {
        seed: 31,
        kills: 3,
        afterKill: () => deadClientGone(adminUrl),
        note: (message) => t.diagnostic(message),
      });
    });

    test('single transfers from 8 clients at once (group commit), killed 3 times, then replayed', async (t) => {
      const { adminUrl, databaseUrl } = await freshDatabase('crash_concurrent');
      await burstScenario({ databaseUrl }, 300, {
        clients: 8,
        seed: 37,
        kills: 3,
        afterKill: () => deadClientGone(adminUrl),
        note: (message) => t.diagnostic(message),
      });
    });

    test('large linked batches, killed 3 times around a batch, then replayed', async (t) => {
      const { adminUrl, databaseUrl } = await freshDatabase('crash_batches');
      await batchScenario({ databaseUrl }, 4, 1_000, 300, {
        seed: 43,
        kills: 3,
        afterKill: () => deadClientGone(adminUrl),
        note: (message) => t.diagnostic(message),
      });
    });

    test('killed in checkpointed closes: the old or the new checkpoint, never a torn one', async (t) => {
      const { adminUrl, databaseUrl } = await freshDatabase('crash_closes');
      await cycleCrashScenario({ databaseUrl }, 'mechanism-forgiveness.yaml', {
        seed: 74,
        kills: 4,
        inCloses: true,
        afterKill: () => deadClientGone(adminUrl),
        note: (message) => t.diagnostic(message),
      });
    });

    test('importing a scenario through the period cycle, killed 4 times, then finished', async (t) => {
      const { adminUrl, databaseUrl } = await freshDatabase('crash_cycle');
      await cycleCrashScenario({ databaseUrl }, 'reference-4.11-association.yaml', {
        seed: 73,
        kills: 4,
        afterKill: () => deadClientGone(adminUrl),
        note: (message) => t.diagnostic(message),
      });
    });
  });
});
