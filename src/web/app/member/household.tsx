// My household: where the reader lives (their association and the ones above it), the dwelling
// they share and with whom, who of them is a dependent and what allowance covers them, the
// reader's capacity factor, and what the last closed period charged for housing and the
// associations. Read from the pool's scenario and the reader's own part of the closed period.
import type { Hono } from 'hono';
import type { Explanation } from '../../../core/scenario/index.ts';
import type {
  DependentSpec,
  OccupancySpec,
  PeriodSpec,
  Scenario,
} from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { renderPoolPage } from '../pool-page.tsx';
import { textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import { hours } from './format.ts';
import { openMemberArea } from './member-view.ts';
import { StageLine } from './parts.tsx';

const HOUSING_CODE = 'take.housing';

/** The periods up to `through`, newest first. */
const newestFirst = (scenario: Scenario, through: number): readonly PeriodSpec[] =>
  scenario.periods.slice(0, Math.max(0, through)).reverse();

/** A person's standing as the newest change up to `through` leaves it, else as listed. */
function personNow(scenario: Scenario, personId: string, through: number) {
  const listed = scenario.persons.find((p) => p.id === personId);
  const periods = newestFirst(scenario, through);
  const residency = periods
    .flatMap((p) => [...p.residencies].reverse())
    .find((r) => r.personId === personId);
  const dependent = periods
    .flatMap((p) => [...p.dependents].reverse())
    .find((d) => d.personId === personId);
  const capacity = periods
    .flatMap((p) => [...p.capacityFactors].reverse())
    .find((x) => x.personId === personId);
  return {
    residence: residency === undefined ? (listed?.residence ?? null) : residency.associationId,
    dependent: (dependent === undefined
      ? (listed?.dependent ?? null)
      : dependent.dependent) as DependentSpec | null,
    capacityMilli: capacity?.capacityMilli ?? listed?.capacityMilli ?? 1000,
  };
}

/** The newest occupancy up to `through` with the person among its residents. */
const dwellingOf = (scenario: Scenario, personId: string, through: number) =>
  newestFirst(scenario, through)
    .flatMap((p) => [...p.occupancy].reverse())
    .find((o) => o.residents.some((r) => r.personId === personId)) as OccupancySpec | undefined;

export function registerHousehold(web: Hono<WebEnv>, deps: HttpDeps): void {
  web.get('/pools/:poolId/household', async (c) => {
    const view = await openMemberArea(c, deps, 'household');
    if (view instanceof Response) return view;
    const t = textOf(c);
    const lang = c.get('lang');
    const { scenario, personId } = view;
    const me = personNow(scenario, personId, view.period);
    const chain: { id: string; level: string }[] = [];
    for (let id = me.residence; id !== null && chain.length < 20; ) {
      const association = scenario.associations.find((a) => a.id === id);
      if (association === undefined) break;
      chain.push({ id: association.id, level: association.level });
      id = association.parentId;
    }
    const dwelling = dwellingOf(scenario, personId, view.period);
    const housemates = (dwelling?.residents ?? [])
      .map((r) => r.personId)
      .filter((id) => id !== personId);
    const dependents = [personId, ...housemates]
      .map((id) => ({ id, dependent: personNow(scenario, id, view.period).dependent }))
      .filter((x) => x.dependent !== null);
    const allowanceOf = (dependent: DependentSpec) =>
      dependent.allowanceEffortMilli ??
      scenario.associations
        .filter((a) => chain.some((x) => x.id === a.id))
        .flatMap((a) => a.allowances)
        .find((a) => a.category === dependent.category)?.allowanceEffortMilli ??
      null;
    const { lastClosed } = view;
    const explained =
      lastClosed > 0 ? await deps.economy.explain(view.poolId, lastClosed, personId) : null;
    const closed: Explanation | null = explained?.ok ? explained.value : null;
    const housingDues = (closed?.transfers ?? [])
      .filter((x) => x.code === HOUSING_CODE)
      .reduce(
        (sum, x) => sum + (x.direction === 'debit' ? x.amountEffortMilli : -x.amountEffortMilli),
        0,
      );
    return renderPoolPage(
      c,
      view,
      'household',
      t('area.household'),
      <>
        <h1>{t('area.household')}</h1>
        <StageLine lang={lang} view={view} />
        <section aria-labelledby="residence">
          <h2 id="residence">{t('member.household.residence')}</h2>
          {chain.length === 0 ? (
            <p>{t('member.household.noResidence')}</p>
          ) : (
            <ul>
              {chain.map((a) => (
                <li>{t('member.household.association', { id: a.id, level: a.level })}</li>
              ))}
            </ul>
          )}
          <p>{t('member.household.capacity', { percent: Math.round(me.capacityMilli / 10) })}</p>
        </section>
        <section aria-labelledby="dwelling">
          <h2 id="dwelling">{t('member.household.dwelling')}</h2>
          {dwelling === undefined ? (
            <p>{t('member.household.noDwelling')}</p>
          ) : (
            <dl class="facts">
              <dt>{t('member.household.unit')}</dt>
              <dd>{dwelling.unitId}</dd>
              <dt>{t('member.household.with')}</dt>
              <dd>
                {housemates.length === 0 ? t('member.household.alone') : housemates.join(', ')}
              </dd>
              <dt>{t('member.household.occupied')}</dt>
              <dd>{`${Math.round(dwelling.occupiedPpm / 10_000)} %`}</dd>
            </dl>
          )}
        </section>
        <section aria-labelledby="dependents">
          <h2 id="dependents">{t('member.household.dependents')}</h2>
          {dependents.length === 0 ? (
            <p>{t('member.household.noDependents')}</p>
          ) : (
            <ul>
              {dependents.map(({ id, dependent }) => {
                const allowance = allowanceOf(dependent!);
                return (
                  <li>
                    {t('member.household.dependent', {
                      person: id,
                      category: t(`member.household.category.${dependent!.category}`),
                    })}
                    {allowance === null
                      ? null
                      : ` ${t('member.household.allowance', { hours: hours(lang, allowance) })}`}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        {closed === null ? null : (
          <section aria-labelledby="dues">
            <h2 id="dues">{t('member.household.dues', { period: lastClosed })}</h2>
            <dl class="facts">
              <dt>{t('member.household.housingDues')}</dt>
              <dd>{t('member.hours', { hours: hours(lang, housingDues) })}</dd>
              {closed.associationShares.map((share) => (
                <>
                  <dt>{t('member.household.share', { id: share.associationId })}</dt>
                  <dd>
                    {t('member.hours', {
                      hours: hours(lang, share.basicEffortMilli + share.otherEffortMilli),
                    })}
                  </dd>
                </>
              ))}
            </dl>
          </section>
        )}
      </>,
    );
  });
}
