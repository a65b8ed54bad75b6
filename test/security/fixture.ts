// The pools the security suites attack: the test server's pool "p" (src/http/testing.ts) with a
// second project ("bikes", maintained by fay, who has no account) and period 1 running with
// bids and work records of several persons and both projects; and a second pool "q" that uses
// the same person, project and association ids, run by its own coordinator. The account "fay"
// is a member of p and the coordinator of q, so a coordinator of p could take over q through it.
// Rate limits are raised and the clock stands still, so nothing but the request decides.
import type { Kysely } from 'kysely';
import { DEFAULT_AUTH_SETTINGS } from '../../src/app/auth/auth-service.ts';
import type { InputRequest } from '../../src/app/economy/economy-service.ts';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import { disassembleScenario } from '../../src/core/cycle/inputs.ts';
import { nextStep, type PeriodStage } from '../../src/core/cycle/stages.ts';
import { PASSWORD, startTestServer, type TestServer } from '../../src/http/testing.ts';
import { storesOn } from '../../src/storage/open-database.ts';
import type { Database } from '../../src/storage/schema.ts';
import { openInMemorySqliteStore } from '../../src/storage/sqlite.ts';
import { hashDatabase } from './db-hash.ts';

export const OTHER_POOL = 'q';

const OTHER_POOL_YAML = `
name: other pool
pool: { id: ${OTHER_POOL} }
associations: [{ id: north, level: neighbourhood }, { id: south, level: neighbourhood }]
persons: [{ id: ada, residence: north }, { id: bo, residence: north }, { id: quinn, residence: south }]
projects: [{ id: bakery, maintainers: [quinn] }]
products: [{ id: rye, projectId: bakery, unitPriceEffortMilli: 1000 }]
periods: [{}]
`;

/** Accounts beyond the test server's one per role. */
export const EXTRA_LOGINS = ['fay', 'quinn'] as const;
export type ExtraLogin = (typeof EXTRA_LOGINS)[number];

/** Sequence numbers of the inputs the fixture gives, by what they are. */
export interface FixtureSeqs {
  readonly bidOfAda: number;
  readonly bidOfBo: number;
  readonly workOfAda: number;
  readonly workOfBo: number;
  readonly workOfAdaForBikes: number;
  readonly workOfCyConfirmedByBo: number;
  readonly workOfQuinnInQ: number;
}

export interface SecurityFixture {
  readonly server: TestServer;
  readonly db: Kysely<Database>;
  readonly seqs: FixtureSeqs;
  readonly accountIds: Record<ExtraLogin, string> & TestServer['accountIds'];
  /** The session cookie of any account of the fixture by login ('' for the public). */
  cookieOf(login: string): Promise<string>;
  /** Drops a held cookie (its session was signed out); the next cookieOf signs in again. */
  forget(login: string): void;
  /** A SHA-256 over every row of every table. */
  hash(): Promise<string>;
  close(): Promise<void>;
}

let keys = 0;

export async function startSecurityFixture(): Promise<SecurityFixture> {
  const store = openInMemorySqliteStore();
  const server = await startTestServer(
    {
      signInLimit: { limit: 1_000_000_000, windowMs: 60_000 },
      writeLimit: { limit: 1_000_000_000, windowMs: 60_000 },
      readLimit: { limit: 1_000_000_000, windowMs: 60_000 },
    },
    { db: store.db, ...storesOn(store.db, 'sqlite'), close: () => store.close() },
    // The fuzzer's wrong current passwords (a signed-in password change) would lock a login the
    // harness signs in again after a fuzzed sign-out; the lockout has its own tests.
    {
      authSettings: {
        ...DEFAULT_AUTH_SETTINGS,
        signInLockout: { failures: 1_000_000_000, windowMs: 60_000, lockMs: 60_000 },
      },
    },
  );
  const { economy, auth, authStore } = server.deps;
  const give = async (poolId: string, inputs: readonly InputRequest[]) => {
    keys += 1;
    const given = await economy.submitInputs(poolId, `fixture:${keys}`, inputs);
    if (!given.ok) throw new Error(given.error.detail);
    return given.value.firstSeq;
  };
  const advanceTo = async (poolId: string, stage: PeriodStage) => {
    for (;;) {
      const status = await economy.status(poolId);
      if (!status.ok) throw new Error(status.error.detail);
      if (status.value.cycle.stage === stage) return;
      keys += 1;
      const stepped = await economy.advance(
        poolId,
        `fixture:${keys}`,
        nextStep(status.value.cycle),
      );
      if (!stepped.ok) throw new Error(stepped.error.detail);
    }
  };
  const task = (id: string, projectId: string) => ({
    kind: 'tasks',
    period: 1,
    record: { id, templateId: id, projectId, slots: 2, minutesPerSlot: 60 },
  });
  const bid = (personId: string, instanceId: string) => ({
    kind: 'bids',
    period: 1,
    record: { personId, instanceId, weightMilli: 1000, round: 0 },
  });
  const work = (id: string, personId: string, instanceId: string, confirmedBy: string | null) => ({
    kind: 'work',
    period: 1,
    record: { id, personId, instanceId, minutes: 60, unitsDone: null, confirmedBy },
  });

  // Pool p: a second project, period 1 running.
  await give('p', [
    { kind: 'projects', period: 0, record: { id: 'bikes', maintainers: ['fay'] } },
    {
      kind: 'products',
      period: 0,
      record: { id: 'wheel', projectId: 'bikes', unitPriceEffortMilli: 500 },
    },
  ]);
  await advanceTo('p', 'planning');
  await give('p', [task('loaves', 'bakery'), task('fix', 'bikes')]);
  await advanceTo('p', 'bidding');
  const bidOfAda = await give('p', [bid('ada', 'loaves')]);
  const bidOfBo = await give('p', [bid('bo', 'fix')]);
  await give('p', [bid('cy', 'loaves'), bid('ada', 'fix')]);
  await advanceTo('p', 'running');
  const workOfAda = await give('p', [work('w-ada', 'ada', 'loaves', null)]);
  const workOfBo = await give('p', [work('w-bo', 'bo', 'fix', null)]);
  const workOfAdaForBikes = await give('p', [work('w-ada-fix', 'ada', 'fix', null)]);
  const workOfCyConfirmedByBo = await give('p', [work('w-cy', 'cy', 'loaves', 'bo')]);
  const preOrder = { id: 'po-ada', personId: 'ada', productId: 'rye', units: 1 };
  await give('p', [{ kind: 'preOrders', period: 1, record: preOrder }]);

  // Pool q: the same ids, its own people, period 1 running with quinn's work.
  const parsed = parseScenarioText(OTHER_POOL_YAML, 'q.yaml');
  if (!parsed.ok) throw new Error(parsed.error.detail);
  const { settings, inputs } = disassembleScenario(parsed.value);
  const created = await economy.createPool(
    'fixture:q',
    settings,
    inputs.filter((input) => input.period === 0),
  );
  if (!created.ok) throw new Error(created.error.detail);
  await advanceTo(OTHER_POOL, 'planning');
  await give(OTHER_POOL, [task('loaves', 'bakery')]);
  await advanceTo(OTHER_POOL, 'bidding');
  await give(OTHER_POOL, [bid('quinn', 'loaves'), bid('ada', 'loaves')]);
  await advanceTo(OTHER_POOL, 'running');
  const workOfQuinnInQ = await give(OTHER_POOL, [work('w-quinn', 'quinn', 'loaves', null)]);
  await give(OTHER_POOL, [work('w-ada-q', 'ada', 'loaves', null)]);

  const accountIds = { ...server.accountIds } as SecurityFixture['accountIds'];
  for (const login of EXTRA_LOGINS) {
    const account = await auth.createAccount(login, PASSWORD);
    if (!account.ok) throw new Error(account.error.detail);
    accountIds[login] = account.value.accountId;
  }
  await authStore.grantRole(accountIds.fay, { poolId: 'p', role: 'member', subject: 'fay' });
  await authStore.grantRole(accountIds.fay, {
    poolId: OTHER_POOL,
    role: 'coordinator',
    subject: '',
  });
  await authStore.grantRole(accountIds.quinn, {
    poolId: OTHER_POOL,
    role: 'member',
    subject: 'quinn',
  });
  await authStore.grantRole(accountIds.quinn, {
    poolId: OTHER_POOL,
    role: 'coordinator',
    subject: '',
  });

  const cookies = new Map<string, string>();
  const fixture: SecurityFixture = {
    server,
    db: store.db,
    seqs: {
      bidOfAda,
      bidOfBo,
      workOfAda,
      workOfBo,
      workOfAdaForBikes,
      workOfCyConfirmedByBo,
      workOfQuinnInQ,
    },
    accountIds,
    async cookieOf(login) {
      if (login === 'public') return '';
      const held = cookies.get(login);
      if (held !== undefined) return held;
      const response = await server.app.request('/api/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login, password: PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`sign-in of ${login}: ${response.status}`);
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
      cookies.set(login, cookie);
      return cookie;
    },
    forget: (login) => cookies.delete(login),
    hash: () => hashDatabase(store.db),
    close: () => server.close(),
  };
  return fixture;
}
