// The demo community `serve --demo` (and so `npm start`) serves: the neighbourhood example
// imported through the period cycle on first start (resumable and idempotent: a second start
// changes nothing), its books public, and four demo sign-ins — a member, a project maintainer,
// the coordinator and the steward of the north neighbourhood. The passwords are printed: a
// demo, not a deployment. The server listens before the demo is in place (decision 0036).
// After the file's periods the demo opens one more, for bidding, so a member who signs in has
// a live market to take part in rather than a finished history.
import type { EconomyService } from '../app/economy/economy-service.ts';
import { importScenario } from '../app/economy/import-scenario.ts';
import type { RoleGrant } from '../app/ports/auth-store.ts';
import { disassembleScenario, type PoolInput } from '../core/cycle/inputs.ts';
import type { BidSpec, PersonDepartureSpec, Scenario, TaskSpec } from '../core/scenario/index.ts';
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
    closed.ok && closed.value.periods.filter((p) => p.stage === 'closed').length >= periods;
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
  const [member, coordinator] = scenario.persons.map((p) => p.id);
  if (member !== undefined)
    await openNextPeriodForBidding(deps.economy, scenario, member, progress);
  await deps.authStore.setPublicBooks(poolId, true);
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

/**
 * Opens the period after the file's last one and takes it to bidding: the last period's tasks
 * posted again and the other members' bids on them placed again, so the demo member meets a
 * market with competing bids and bids themselves. Keyed like the import, so a start cut off
 * halfway finishes it and a later start changes nothing, even after the coordinator moved on.
 */
async function openNextPeriodForBidding(
  economy: EconomyService,
  scenario: Scenario,
  member: string,
  progress: (line: string) => void,
): Promise<void> {
  const poolId = scenario.pool.id;
  const last = scenario.periods.length;
  const next = last + 1;
  const status = await economy.status(poolId);
  if (!status.ok) throw new Error(`${status.error.code}: ${status.error.detail}`);
  const opened = status.value.periods.find((p) => p.period === next);
  if (opened !== undefined && opened.stage !== 'planning') return;
  const inputs = disassembleScenario(scenario).inputs;
  const ofPeriod = (period: number, kind: 'tasks' | 'bids') =>
    inputs.filter((input) => input.period === period && input.kind === kind);
  const lastTasks = ofPeriod(last, 'tasks').map((input) => input.record as TaskSpec);
  const previousTasks = ofPeriod(last - 1, 'tasks').map((input) => input.record as TaskSpec);
  const nextId = (id: string) =>
    id.endsWith(`-${last}`) ? `${id.slice(0, -`${last}`.length)}${next}` : `${id}-p${next}`;
  const tasks = lastTasks.map((task) => ({
    kind: 'tasks' as const,
    period: next,
    record:
      task.start === undefined
        ? { ...task, id: nextId(task.id) }
        : { ...task, id: nextId(task.id), start: nextStart(task.start, task, previousTasks) },
  }));
  const departed = new Set(
    inputs
      .filter((input) => input.kind === 'personDepartures')
      .map((input) => (input.record as PersonDepartureSpec).personId),
  );
  // Only the first-round bids of the other members who are still there: a later round needs
  // its own escalation input.
  const bids = ofPeriod(last, 'bids')
    .map((input) => input.record as BidSpec)
    .filter((bid) => bid.personId !== member && bid.round === 0 && !departed.has(bid.personId))
    .map((bid) => ({
      kind: 'bids' as const,
      period: next,
      record: { ...bid, instanceId: nextId(bid.instanceId) },
    }));
  const key = (...parts: (string | number)[]) => `demo:${[poolId, next, ...parts].join(':')}`;
  const step = async (stage: 'planning' | 'bidding') => {
    const stepped = await economy.advance(poolId, key(stage), { period: next, stage });
    if (!stepped.ok) throw new Error(`${stepped.error.code}: ${stepped.error.detail}`);
  };
  const give = async (kind: 'tasks' | 'bids', given: PoolInput[]) => {
    if (given.length === 0) return;
    const submitted = await economy.submitInputs(poolId, key(kind), given);
    if (!submitted.ok) throw new Error(`${submitted.error.code}: ${submitted.error.detail}`);
  };
  progress(`  period ${next} opened for bidding`);
  await step('planning');
  await give('tasks', tasks);
  await step('bidding');
  await give('bids', bids);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a task of the opened period starts: as long after its last period's start as that one
 *  was after the previous period's task of the same template; four weeks where there is none. */
function nextStart(start: string, task: TaskSpec, previousTasks: readonly TaskSpec[]): string {
  const at = (start: string) => Date.parse(`${start}Z`);
  const before = previousTasks.find((t) => t.templateId === task.templateId)?.start;
  const gap = before === undefined ? 28 * DAY_MS : at(start) - at(before);
  return new Date(at(start) + (gap > 0 ? gap : 28 * DAY_MS)).toISOString().slice(0, 16);
}
