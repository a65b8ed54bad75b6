// A server for tests: an in-memory SQLite database, a small pool ("p": six persons, two
// associations (dan stewards north; fay lives in south), a bakery maintained by bo with cy as
// named confirmer, its rye bread, the north's garden land), one account per role,
// a clock the test moves and randomness from a counter, so every run is the same.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import type { AuthSettings } from '../app/auth/auth-service.ts';
import { argon2idHasher, TEST_ARGON2_COST } from '../app/auth/passwords.ts';
import type { LinkMail } from '../app/ports/mailer.ts';
import { parseScenarioText } from '../app/scenario/load.ts';
import { disassembleScenario } from '../core/cycle/inputs.ts';
import { migrateToLatest } from '../storage/migrations/index.ts';
import { type OpenedDatabase, storesOn } from '../storage/open-database.ts';
import { serverStoresOf } from '../storage/server-stores.ts';
import { openInMemorySqliteStore } from '../storage/sqlite.ts';
import { createApp } from './app.ts';
import { buildHttpDeps } from './build.ts';
import { DEFAULT_HTTP_SETTINGS, type HttpDeps, type HttpSettings } from './deps.ts';

export const TEST_POOL = 'p';
export const PASSWORD = 'correct horse battery';

const POOL_YAML = `
name: http-test
pool: { id: ${TEST_POOL} }
associations: [{ id: north, level: neighbourhood }, { id: south, level: neighbourhood }]
persons: [{ id: ada, residence: north }, { id: bo, residence: north }, { id: cy, residence: north }, { id: dan, residence: north }, { id: eve, residence: north }, { id: fay, residence: south }]
projects: [{ id: bakery, maintainers: [bo], namedConfirmers: [cy] }]
products: [{ id: rye, projectId: bakery, unitPriceEffortMilli: 1000 }]
resources: [{ id: garden, kind: land, stewardAssociationId: north, pooledBy: [north], extractionProjectId: bakery, extractionEffortMilliPerUnit: 0, sustainableYieldUnitsPerPeriod: 100 }]
periods: [{}]
`;

/** The roles of the authorization matrix; `public` signs in as nobody. */
export const ROLES = [
  'public',
  'outsider',
  'member',
  'maintainer',
  'confirmer',
  'steward',
  'auditor',
  'coordinator',
] as const;
export type TestRole = (typeof ROLES)[number];

/** Each role's login, its person in the pool (null: none) and its stored roles. */
const ACCOUNTS: Record<
  Exclude<TestRole, 'public'>,
  { person: string | null; stored: ('coordinator' | 'steward' | 'auditor')[] }
> = {
  outsider: { person: null, stored: [] },
  member: { person: 'ada', stored: [] },
  maintainer: { person: 'bo', stored: [] },
  confirmer: { person: 'cy', stored: [] },
  steward: { person: 'dan', stored: ['steward'] },
  auditor: { person: null, stored: ['auditor'] },
  coordinator: { person: 'eve', stored: ['coordinator'] },
};

/** Deterministic "random" bytes: SHA-256 of a counter (after a label, so that two servers on
 *  one database, a restart, draw different bytes). */
export function counterRandom(label = '') {
  let counter = 0;
  return (length: number) => {
    const out = new Uint8Array(length);
    for (let at = 0; at < length; at += 32) {
      counter += 1;
      out.set(
        createHash('sha256')
          .update(`${label}${counter}`)
          .digest()
          .subarray(0, Math.min(32, length - at)),
        at,
      );
    }
    return out;
  };
}

export interface TestServer {
  readonly app: ReturnType<typeof createApp>;
  readonly deps: HttpDeps;
  readonly clock: { now: number };
  readonly accountIds: Record<Exclude<TestRole, 'public'>, string>;
  /** The session cookie of a role ('' for the public). */
  cookieOf(role: TestRole): Promise<string>;
  request(path: string, init?: RequestInit & { role?: TestRole }): Promise<Response>;
  /** A new app on the same database (a restart). */
  restart(): TestServer;
  close(): Promise<void>;
}

/** The database a test server runs on: an in-memory SQLite one unless the test gives another. */
export type TestDatabase = Pick<
  OpenedDatabase,
  'db' | 'dialect' | 'economyStore' | 'ledgerStore' | 'close'
>;

function inMemorySqlite(): TestDatabase {
  const store = openInMemorySqliteStore();
  return { db: store.db, ...storesOn(store.db, 'sqlite'), close: () => store.close() };
}

export async function startTestServer(
  overrides: Partial<HttpSettings> = {},
  database: TestDatabase = inMemorySqlite(),
  extras: { readonly mail?: LinkMail; readonly authSettings?: AuthSettings } = {},
): Promise<TestServer> {
  const store = database;
  await migrateToLatest(store.db as Kysely<unknown>);
  const clock = { now: Date.UTC(2026, 0, 1) };
  const http = { ...DEFAULT_HTTP_SETTINGS, ...overrides };
  const server = assemble(store, clock, http, null, extras);
  const { settings, inputs: all } = disassembleScenario(
    (() => {
      const parsed = parseScenarioText(POOL_YAML, 'test.yaml');
      if (!parsed.ok) throw new Error(parsed.error.detail);
      return parsed.value;
    })(),
  );
  const inputs = all.filter((input) => input.period === 0);
  const created = await server.deps.economy.createPool('seed', settings, inputs);
  if (!created.ok) throw new Error(created.error.detail);
  for (const [role, spec] of Object.entries(ACCOUNTS)) {
    const account = await server.deps.auth.createAccount(role, PASSWORD);
    if (!account.ok) throw new Error(account.error.detail);
    const accountId = account.value.accountId;
    server.accountIds[role as keyof typeof ACCOUNTS] = accountId;
    if (spec.person !== null) {
      await server.deps.authStore.grantRole(accountId, {
        poolId: TEST_POOL,
        role: 'member',
        subject: spec.person,
      });
    }
    for (const stored of spec.stored) {
      const subject = stored === 'steward' ? 'north' : '';
      await server.deps.authStore.grantRole(accountId, {
        poolId: TEST_POOL,
        role: stored,
        subject,
      });
    }
  }
  return server;
}

function assemble(
  store: TestDatabase,
  clock: { now: number },
  settings: HttpSettings,
  known: { accountIds: TestServer['accountIds']; restarts: { count: number } } | null,
  extras: { readonly mail?: LinkMail; readonly authSettings?: AuthSettings },
): TestServer {
  const restarts = known?.restarts ?? { count: 0 };
  const generation = known === null ? 0 : ++restarts.count;
  const stores = serverStoresOf(store);
  const deps = buildHttpDeps(stores, {
    now: () => clock.now,
    random: counterRandom(`restart ${generation}:`),
    passwords: argon2idHasher(TEST_ARGON2_COST),
    logger: pino({ level: 'silent' }),
    settings,
    ...extras,
  });
  const app = createApp(deps);
  const cookies = new Map<TestRole, string>();
  const accountIds = known?.accountIds ?? ({} as TestServer['accountIds']);
  const server: TestServer = {
    app,
    deps,
    clock,
    accountIds,
    async cookieOf(role) {
      if (role === 'public') return '';
      const held = cookies.get(role);
      if (held !== undefined) return held;
      const response = await app.request('/api/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: role, password: PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`sign-in of ${role}: ${response.status}`);
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
      cookies.set(role, cookie);
      return cookie;
    },
    async request(path, init = {}) {
      const { role = 'public', ...rest } = init;
      const headers = new Headers(rest.headers);
      const cookie = await server.cookieOf(role);
      if (cookie !== '') headers.set('cookie', cookie);
      if (rest.body !== undefined && !headers.has('content-type'))
        headers.set('content-type', 'application/json');
      return app.request(path, { ...rest, headers });
    },
    restart: () => assemble(store, clock, settings, { accountIds, restarts }, extras),
    close: () => store.close(),
  };
  return server;
}
