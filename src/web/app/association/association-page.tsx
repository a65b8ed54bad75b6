// The association steward's page (MODEL.md M10–M15): the residents of the associations they
// look after with capacity factors and dependents and this period's shares, the services,
// the natural resources with their claims (flat rate under the cap, auction at the cap), land
// leases, and dwellings and durable goods in possession with their idle flags.
import type { Context, Hono } from 'hono';
import type { Actor } from '../../../app/policies/actor.ts';
import type { Scenario } from '../../../core/scenario/index.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { reportFormat } from '../../report/format.ts';
import type { ReportClaimant, ReportPeriod } from '../../report/report-doc.ts';
import { closedReports } from '../books/open-books.ts';
import { StackTable } from '../books/stack-table.tsx';
import { Notice } from '../forms.tsx';
import { openPoolArea, type PoolView, renderPoolPage } from '../pool-page.tsx';
import { textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import { AddDependentForm, type DependentFormState } from './dependent-form.tsx';
import { periodAssociations, stewardedAssociations } from './shares-preview.ts';

type T = ReturnType<typeof textOf>;
type F = ReturnType<typeof reportFormat>;

export const associationHref = (poolId: string, rest = '') =>
  `/pools/${encodeURIComponent(poolId)}/association${rest}`;

const stewardOf = (actor: Actor, poolId: string) =>
  actor.grants.filter((g) => g.poolId === poolId && g.role === 'steward').map((g) => g.subject);

export const claimantText = (t: T, claimant: ReportClaimant) =>
  claimant.kind === 'person'
    ? t('assoc.claimant.person', { id: String(claimant.personId) })
    : claimant.kind === 'project'
      ? t('assoc.claimant.project', { id: String(claimant.projectId) })
      : claimant.kind;

/** What the steward's page reads: the scenario through the open period, the period, the
 *  associations they look after, and the last closed period's report. */
export async function stewardContext(c: Context<WebEnv>, deps: HttpDeps, view: PoolView) {
  const scenario = await deps.economy.scenario(view.poolId);
  if (!scenario.ok) return null;
  const period = Math.max(1, view.status.cycle.period);
  const mine = stewardedAssociations(scenario.value, stewardOf(c.get('actor'), view.poolId));
  const last = (await closedReports(deps, view)).at(-1);
  return { scenario: scenario.value, period, mine, last };
}

function Residents(props: { scenario: Scenario; period: number; mine: string[]; t: T; f: F }) {
  const { t, f } = props;
  const now = periodAssociations(props.scenario, props.period);
  const share = (personId: string) =>
    now.shares?.shares.find((s) => s.personId === personId)?.totalEffortMilli ?? 0;
  const residents = now.residents.filter((r) => props.mine.includes(r.associationId));
  const summary = props.mine.map((id) => {
    const here = residents.filter((r) => r.associationId === id);
    const contributors = here.filter((r) => r.dependent === null);
    const fullTime = contributors.find((r) => r.capacityMilli === 1000);
    return {
      id,
      contributors: contributors.length,
      capacityMilli: contributors.reduce((sum, r) => sum + r.capacityMilli, 0),
      dependents: here.length - contributors.length,
      fullShare: fullTime === undefined ? null : share(fullTime.personId),
    };
  });
  return (
    <section aria-labelledby="assoc-residents">
      <h2 id="assoc-residents">{t('assoc.residents')}</h2>
      <p>{t('assoc.residents.lead', { period: props.period })}</p>
      <StackTable
        caption={t('assoc.summary.caption', { period: props.period })}
        columns={[
          { label: t('assoc.association') },
          { label: t('assoc.summary.contributors'), num: true },
          { label: t('assoc.summary.capacity'), num: true },
          { label: t('assoc.summary.dependents'), num: true },
          { label: t('assoc.summary.fullShare'), num: true },
        ]}
        rows={summary.map((a) => [
          a.id,
          a.contributors,
          f.weightPlain(a.capacityMilli),
          a.dependents,
          a.fullShare === null ? '—' : t('assoc.hours', { hours: f.hours(a.fullShare) }),
        ])}
      />
      <details>
        <summary>{t('assoc.residents.each', { count: residents.length })}</summary>
        <StackTable
          caption={t('assoc.residents.caption', { count: residents.length, period: props.period })}
          columns={[
            { label: t('assoc.person') },
            { label: t('assoc.association') },
            { label: t('assoc.capacity'), num: true },
            { label: t('assoc.dependent') },
            { label: t('assoc.share'), num: true },
          ]}
          rows={residents.map((r) => [
            r.personId,
            r.associationId,
            f.weightPlain(r.capacityMilli),
            r.dependent === null ? t('assoc.contributes') : t(`assoc.category.${r.dependent}`),
            r.dependent === null ? t('assoc.hours', { hours: f.hours(share(r.personId)) }) : '—',
          ])}
        />
      </details>
    </section>
  );
}

function Services(props: {
  scenario: Scenario;
  period: number;
  mine: string[];
  last: ReportPeriod | undefined;
  t: T;
  f: F;
}) {
  const { t, f } = props;
  const services = (props.scenario.periods[props.period - 1]?.services ?? []).filter((s) =>
    props.mine.includes(s.associationId),
  );
  const budgets = (props.last?.associations?.budgets ?? []).filter((b) =>
    props.mine.includes(b.associationId),
  );
  return (
    <section aria-labelledby="assoc-services">
      <h2 id="assoc-services">{t('assoc.services')}</h2>
      {services.length === 0 ? (
        <p class="muted">{t('assoc.services.none', { period: props.period })}</p>
      ) : (
        <ul>
          {services.map((s) => (
            <li>
              {t('assoc.service', {
                service: s.id,
                project: s.projectId,
                hours: f.hours(s.effortMilli),
              })}
              {s.basicNeeds ? ` (${t('assoc.basicNeeds')})` : ''}
            </li>
          ))}
        </ul>
      )}
      {budgets.map((b) => (
        <p>
          {t('assoc.budget', {
            period: props.last!.period,
            association: b.associationId,
            services: f.hours(b.servicesEffortMilli),
            redistribution: f.hours(b.redistributionEffortMilli),
          })}
        </p>
      ))}
    </section>
  );
}

function Resources(props: {
  scenario: Scenario;
  mine: string[];
  last: ReportPeriod | undefined;
  t: T;
  f: F;
}) {
  const { t, f } = props;
  const resources = props.scenario.resources.filter((r) =>
    props.mine.includes(r.stewardAssociationId),
  );
  const ids = resources.map((r) => r.id);
  const results = (props.last?.resources ?? []).filter((r) => ids.includes(r.resourceId));
  const leases = (props.last?.leases ?? []).filter((l) => ids.includes(l.resourceId));
  return (
    <section aria-labelledby="assoc-resources">
      <h2 id="assoc-resources">{t('assoc.resources')}</h2>
      {resources.length === 0 ? <p class="muted">{t('assoc.resources.none')}</p> : null}
      <ul>
        {resources.map((r) => (
          <li>
            {t('assoc.resource', {
              resource: r.id,
              cap:
                r.sustainableYieldUnitsPerPeriod === null
                  ? t('assoc.resource.depleting')
                  : String(r.sustainableYieldUnitsPerPeriod),
              project: r.extractionProjectId,
              effort: f.wh(r.extractionEffortMilliPerUnit),
            })}
          </li>
        ))}
      </ul>
      {results.map((r) => (
        <>
          <h3>{t('assoc.claims', { resource: r.resourceId, period: props.last!.period })}</h3>
          <p>
            {r.mode === 'auction'
              ? t('assoc.claims.auction', {
                  demand: r.demandUnits,
                  cap: r.capUnits,
                  premium: f.wh(r.clearingPremiumEffortMilliPerUnit),
                })
              : t('assoc.claims.flat', { demand: r.demandUnits, cap: r.capUnits })}
          </p>
          <StackTable
            caption={t('assoc.awards', { resource: r.resourceId })}
            columns={[
              { label: t('assoc.claimant') },
              { label: t('assoc.units'), num: true },
              { label: t('assoc.premium'), num: true },
            ]}
            rows={r.awards.map((a) => [
              claimantText(t, a.claimant),
              a.units,
              f.wh(a.premiumEffortMilli),
            ])}
          />
          {r.rejected.length === 0 ? null : (
            <p>{t('assoc.rejected', { count: r.rejected.length })}</p>
          )}
        </>
      ))}
      <h3>{t('assoc.leases')}</h3>
      {leases.length === 0 ? (
        <p class="muted">{t('assoc.leases.none')}</p>
      ) : (
        <ul>
          {leases.map((l) => (
            <li>
              {t('assoc.lease', {
                lease: l.leaseId,
                resource: l.resourceId,
                holder: claimantText(t, l.holder),
                units: l.units,
                from: l.fromPeriod,
                until: l.untilPeriod,
                status: l.status,
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Possession(props: {
  scenario: Scenario;
  mine: string[];
  last: ReportPeriod | undefined;
  t: T;
}) {
  const { t } = props;
  const dwellings = (props.last?.dwellings?.units ?? []).filter((d) =>
    props.mine.includes(d.stewardAssociationId),
  );
  const goodIds = props.scenario.durableGoods
    .filter((g) => g.stewardAssociationId !== null && props.mine.includes(g.stewardAssociationId))
    .map((g) => g.id);
  const goods = (props.last?.possession?.goods ?? []).filter((g) => goodIds.includes(g.id));
  // Housing units with dues (reference §4.13): who lives there and how much of it is used.
  const housing = props.last?.housing ?? [];
  const idle = (flagged: number | null) =>
    flagged === null ? t('assoc.inUse') : t('assoc.idleFlag', { period: flagged });
  return (
    <section aria-labelledby="assoc-possession">
      <h2 id="assoc-possession">{t('assoc.possession')}</h2>
      {dwellings.length + goods.length + housing.length === 0 ? (
        <p class="muted">{t('assoc.possession.none')}</p>
      ) : (
        <StackTable
          caption={t('assoc.possession.caption', { period: props.last?.period ?? 0 })}
          columns={[
            { label: t('assoc.thing') },
            { label: t('assoc.state') },
            { label: t('assoc.holder') },
            { label: t('assoc.lastUsed') },
            { label: t('assoc.idle') },
          ]}
          rows={[
            ...dwellings.map((d) => ({
              class: d.idleFlaggedAtPeriod === null ? undefined : 'flagged',
              cells: [
                t('assoc.dwelling', { id: d.unitId }),
                t(`assoc.state.${d.state}`),
                d.household.join(', ') || '—',
                d.lastUsedPeriod ?? '—',
                idle(d.idleFlaggedAtPeriod),
              ],
            })),
            ...housing.map((h) => [
              t('assoc.dwelling', { id: h.unitId }),
              t('assoc.occupied', { percent: Math.round(h.occupiedPpm / 10_000) }),
              h.dues.map((d) => d.personId).join(', ') || '—',
              props.last?.period ?? '—',
              h.occupiedPpm === 0 ? t('assoc.empty') : t('assoc.inUse'),
            ]),
            ...goods.map((g) => ({
              class: g.idleFlaggedAtPeriod === null ? undefined : 'flagged',
              cells: [
                t('assoc.good', { id: g.id }),
                g.state,
                g.by ?? '—',
                g.lastUsedPeriod ?? '—',
                idle(g.idleFlaggedAtPeriod),
              ],
            })),
          ]}
        />
      )}
    </section>
  );
}

export async function associationPage(
  c: Context<WebEnv>,
  deps: HttpDeps,
  form: DependentFormState = { personId: '', category: 'child', error: null },
  status: 200 | 400 | 403 | 409 = 200,
) {
  const view = await openPoolArea(c, deps, 'association');
  if (view instanceof Response) return view;
  const t = textOf(c);
  const f = reportFormat(c.get('lang'));
  const context = await stewardContext(c, deps, view);
  if (context === null) return renderPoolPage(c, view, 'association', t('assoc.title'), null);
  const { scenario, period, mine, last } = context;
  const added = c.req.query('added');
  return renderPoolPage(
    c,
    view,
    'association',
    t('assoc.title'),
    <>
      <h1>{t('assoc.title')}</h1>
      <p>{t('assoc.lead', { associations: mine.join(', ') })}</p>
      {added === undefined ? null : (
        <Notice kind="ok">{t('assoc.added', { person: added })}</Notice>
      )}
      <Residents scenario={scenario} period={period} mine={mine} t={t} f={f} />
      <AddDependentForm poolId={view.poolId} form={form} t={t} />
      <Services scenario={scenario} period={period} mine={mine} last={last} t={t} f={f} />
      <Resources scenario={scenario} mine={mine} last={last} t={t} f={f} />
      <Possession scenario={scenario} mine={mine} last={last} t={t} />
    </>,
    status,
  );
}

export function registerAssociationPage(web: Hono<WebEnv>, deps: HttpDeps) {
  web.get('/pools/:poolId/association', (c) => associationPage(c, deps));
}
