// The demo community `npm start` serves: the neighbourhood example imported through the period
// cycle on first start (resumable and idempotent: a second start changes nothing), its books
// public, and four demo sign-ins — a member, a project maintainer, the coordinator and the
// steward of the north neighbourhood. The passwords are printed: a demo, not a deployment.
import { importScenario } from '../app/economy/import-scenario.ts';
import type { RoleGrant } from '../app/ports/auth-store.ts';
import type { Scenario } from '../core/scenario/index.ts';
import type { HttpDeps } from '../http/deps.ts';

export const DEMO_PASSWORD = 'peerconomy-demo';

export interface DemoSignIn {
  readonly login: string;
  readonly who: string;
}

export async function seedDemoCommunity(
  deps: HttpDeps,
  scenario: Scenario,
  progress: (line: string) => void,
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
        if (stage === 'closed') progress(`  period ${period} of ${periods} closed`);
      },
    });
    if (!imported.ok) throw new Error(`${imported.error.code}: ${imported.error.detail}`);
  }
  await deps.authStore.setPublicBooks(poolId, true);
  const member = scenario.persons[0]!.id;
  const maintainer = scenario.projects[0]!.maintainers[0]!;
  const coordinator = scenario.persons[1]!.id;
  const association =
    scenario.associations.find((a) => a.parentId !== null) ?? scenario.associations[0]!;
  const steward = scenario.persons.find(
    (p) => p.residence === association.id && ![member, coordinator].includes(p.id),
  )!.id;
  const accounts: { login: string; who: string; grants: Omit<RoleGrant, 'poolId'>[] }[] = [
    { login: 'member', who: `member ${member}`, grants: [{ role: 'member', subject: member }] },
    {
      login: 'maintainer',
      who: `maintainer ${maintainer} of ${scenario.projects[0]!.id}`,
      grants: [{ role: 'member', subject: maintainer }],
    },
    {
      login: 'coordinator',
      who: `pool coordinator (member ${coordinator})`,
      grants: [
        { role: 'member', subject: coordinator },
        { role: 'coordinator', subject: '' },
      ],
    },
    {
      login: 'steward',
      who: `steward of ${association.id} (member ${steward})`,
      grants: [
        { role: 'member', subject: steward },
        { role: 'steward', subject: association.id },
      ],
    },
  ];
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
