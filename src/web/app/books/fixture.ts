// A richer pool for the open-books, association and simulate pages: the neighbourhood example
// (associations with dependents, services, garden land, dwellings, possession, a scarce cargo
// bike) imported through the whole cycle for its first periods, with its books open to the
// public, and the test server's accounts given roles in it.
import { readFileSync } from 'node:fs';
import { importScenario } from '../../../app/economy/import-scenario.ts';
import { parseScenarioText } from '../../../app/scenario/load.ts';
import { startTestServer, type TestServer } from '../../../http/testing.ts';

export const TOWN_POOL = 'riverside-pool';
/** The member account's person in the town pool; the steward stewards the town, `riverside`. */
export const TOWN_MEMBER = 'a001';
export const TOWN_ASSOCIATION = 'riverside';

const EXAMPLE = new URL('../../../../examples/neighbourhood.yaml', import.meta.url);

/** The test server with the town pool: `closed` periods closed, the next one open (planning). */
export async function startTownServer(closed = 2): Promise<TestServer> {
  const server = await startTestServer();
  const parsed = parseScenarioText(readFileSync(EXAMPLE, 'utf8'), 'neighbourhood.yaml');
  if (!parsed.ok) throw new Error(parsed.error.detail);
  const imported = await importScenario(server.deps.economy, parsed.value, { periods: closed });
  if (!imported.ok) throw new Error(imported.error.detail);
  const opened = await server.deps.economy.advance(TOWN_POOL, 'fixture:open', {
    period: closed + 1,
    stage: 'planning',
  });
  if (!opened.ok) throw new Error(opened.error.detail);
  await server.deps.authStore.setPublicBooks(TOWN_POOL, true);
  const grants: [
    keyof TestServer['accountIds'],
    'member' | 'steward' | 'auditor' | 'coordinator',
    string,
  ][] = [
    ['member', 'member', TOWN_MEMBER],
    ['steward', 'steward', TOWN_ASSOCIATION],
    ['steward', 'member', 'a002'],
    ['auditor', 'auditor', ''],
    ['coordinator', 'coordinator', ''],
    ['coordinator', 'member', 'a003'],
  ];
  for (const [role, stored, subject] of grants) {
    await server.deps.authStore.grantRole(server.accountIds[role], {
      poolId: TOWN_POOL,
      role: stored,
      subject,
    });
  }
  return server;
}
