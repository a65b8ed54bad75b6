// A test server whose pool carries script-shaped text in every field a person can write freely
// (a task's place, an association's level, a login), period 1 open for bidding, and a digest
// of every table of its database, so a test can prove a refused request changed nothing.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { OUTSIDE_REQUEST } from '../../src/app/auth/account-writes.ts';
import type { InputRequest } from '../../src/app/economy/economy-service.ts';
import { startTestServer, TEST_POOL, type TestServer } from '../../src/http/testing.ts';
import { storesOn } from '../../src/storage/open-database.ts';
import { openInMemorySqliteStore } from '../../src/storage/sqlite.ts';

/** Script-shaped texts: an element with a handler, an attribute break-out, a script URL. */
export const PAYLOADS = {
  img: '<img src=x onerror=alert(1)>',
  svg: '"><svg onload=alert(2)>',
  script: "'><script>alert(3)</script>",
  url: 'javascript:alert(4)',
} as const;

/** Where each free text of the pool sits. */
export const HOSTILE = {
  task: 'hostile-task',
  /** A task's place: shown on the market, the work page, the week and the project page. */
  place: `${PAYLOADS.img} ${PAYLOADS.svg}`,
  association: 'hostile-assoc',
  /** Lives in the hostile association; the auditor account is this member and its steward. */
  resident: 'gil',
  /** An association's level (at most 64 characters): the household page. */
  level: PAYLOADS.svg,
  /** A login given by an invitation: the coordinator's people page. */
  login: `${PAYLOADS.script}${PAYLOADS.url}`,
} as const;

export interface HostileServer {
  readonly server: TestServer;
  /** SHA-256 over every row of every table. */
  digest(): Promise<string>;
}

export async function startHostileServer(): Promise<HostileServer> {
  const store = openInMemorySqliteStore();
  const server = await startTestServer(
    {},
    {
      db: store.db,
      ...storesOn(store.db, 'sqlite'),
      close: () => store.close(),
    },
  );
  const { economy } = server.deps;
  let keys = 0;
  const give = async (inputs: InputRequest[]) => {
    keys += 1;
    const given = await economy.submitInputs(TEST_POOL, `hostile:${keys}`, inputs);
    if (!given.ok) throw new Error(given.error.detail);
  };
  const step = async (stage: 'planning' | 'bidding') => {
    const stepped = await economy.advance(TEST_POOL, `hostile:${stage}`, { period: 1, stage });
    if (!stepped.ok) throw new Error(stepped.error.detail);
  };
  await give([
    {
      kind: 'associations',
      period: 0,
      record: { id: HOSTILE.association, level: HOSTILE.level },
    },
    {
      kind: 'persons',
      period: 0,
      record: { id: HOSTILE.resident, residence: HOSTILE.association },
    },
  ]);
  for (const [role, subject] of [
    ['member', HOSTILE.resident],
    ['steward', HOSTILE.association],
  ] as const) {
    await server.deps.authStore.grantRole(server.accountIds.auditor, {
      poolId: TEST_POOL,
      role,
      subject,
    });
  }
  await step('planning');
  await give([
    {
      kind: 'tasks',
      period: 1,
      record: {
        id: HOSTILE.task,
        templateId: 'bake',
        projectId: 'bakery',
        slots: 2,
        minutesPerSlot: 60,
        start: '2026-01-05T06:00:00Z',
        place: HOSTILE.place,
      },
    },
  ]);
  await step('bidding');
  // Invited as a coordinator would: through the policy, into the audit log.
  const coordinatorId = server.accountIds.coordinator;
  const coordinator = {
    accountId: coordinatorId,
    grants: await server.deps.authStore.rolesOf(coordinatorId),
    mayWrite: true,
  };
  const invited = await server.deps.people.invite(
    coordinator,
    TEST_POOL,
    HOSTILE.login,
    'fay',
    undefined,
    undefined,
    OUTSIDE_REQUEST,
  );
  if (!invited.ok) throw new Error(invited.error.detail);
  return { server, digest: () => digestOf(store.db as unknown as Kysely<unknown>) };
}

async function digestOf(db: Kysely<unknown>): Promise<string> {
  const hash = createHash('sha256');
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' order by name`.execute(db);
  for (const { name } of tables.rows) {
    const rows = await sql`select * from ${sql.table(name)}`.execute(db);
    hash.update(
      `${name}\n${JSON.stringify(rows.rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}\n`,
    );
  }
  return hash.digest('hex');
}
