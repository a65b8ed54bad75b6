// The demo community `serve --demo` (and so `npm start`) serves: the neighbourhood example
// imported through the period cycle on first start (resumable and idempotent: a second start
// changes nothing), its books public, and four demo sign-ins — a member, a project maintainer,
// the coordinator and the steward of the north neighbourhood. The passwords are printed: a
// demo, not a deployment. The server listens before the demo is in place (decision 0036).
import { importScenario } from '../app/economy/import-scenario.ts';
import type { RoleGrant } from '../app/ports/auth-store.ts';
import type { Scenario } from '../core/scenario/index.ts';
import type { HttpDeps } from '../http/deps.ts';

export const DEMO_PASSWORD = 'peerconomy-demo';

export interface DemoSignIn {
  readonly login: string;
  readonly who: string;
}

/** Thrown between two steps of the import when the server is asked to stop; the next start
 *  continues the import where it stopped. */
export class DemoStopped extends Error {}

export async function seedDemoCommunity(
  deps: HttpDeps,
  scenario: Scenario,
  progress: (line: string) => void,
  stopping: () => boolean = () => false,
): Promise<DemoSignIn[]> {
  const poolId = scenario.pool.id;
  const closed = await deps.economy.status(poolId);
  const periods = scenario.periods.length;
  const done =
    closed.ok && closed.value.periods.filter((p) => p.stage === 'closed').length === periods;
  if (!done) {
    progress(
      `importing ${scenario.name} through the period cycle (${periods} periods, first start only) …`,
    );
    const imported = await importScenario(deps.economy, scenario, {
      onStep: ({ period, stage }) => {
        if (stopping()) throw new DemoStopped('stopped during the demo import');
        if (stage === 'closed') progress(`  period ${period} of ${periods} closed`);
      },
    });
    if (!imported.ok) throw new Error(`${imported.error.code}: ${imported.error.detail}`);
  }
  await deps.authStore.setPublicBooks(poolId, true);
  const [member, coordinator] = scenario.persons.map((p) => p.id);
  const project = scenario.projects.find((p) => p.maintainers.length > 0);
  const association =
    scenario.associations.find((a) => a.parentId !== null) ?? scenario.associations[0];
  const steward = scenario.persons.find(
    (p) =>
      association !== undefined &&
      p.residence === association.id &&
      p.id !== member &&
      p.id !== coordinator,
  )?.id;
  if (member === undefined || coordinator === undefined)
    throw new Error('a demo community needs two persons');
  const accounts: { login: string; who: string; grants: Omit<RoleGrant, 'poolId'>[] }[] = [
    { login: 'member', who: `member ${member}`, grants: [{ role: 'member', subject: member }] },
    {
      login: 'coordinator',
      who: `pool coordinator (member ${coordinator})`,
      grants: [
        { role: 'member', subject: coordinator },
        { role: 'coordinator', subject: '' },
      ],
    },
  ];
  if (project !== undefined) {
    const maintainer = project.maintainers[0]!;
    accounts.splice(1, 0, {
      login: 'maintainer',
      who: `maintainer ${maintainer} of ${project.id}`,
      grants: [{ role: 'member', subject: maintainer }],
    });
  }
  if (association !== undefined && steward !== undefined) {
    accounts.push({
      login: 'steward',
      who: `steward of ${association.id} (member ${steward})`,
      grants: [
        { role: 'member', subject: steward },
        { role: 'steward', subject: association.id },
      ],
    });
  }
  for (const account of accounts) {
    const existing = await deps.authStore.findAccountByLogin(account.login);
    const created =
      existing === undefined ? await deps.auth.createAccount(account.login, DEMO_PASSWORD) : null;
    if (created !== null && !created.ok) throw new Error(created.error.detail);
    const accountId =
      existing?.accountId ?? (created as { value: { accountId: string } }).value.accountId;
    for (const grant of account.grants)
      await deps.authStore.grantRole(accountId, { poolId, ...grant });
  }
  return accounts.map(({ login, who }) => ({ login, who }));
}
