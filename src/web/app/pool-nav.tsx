// A pool's areas and who sees each: the member's own pages for a person of the pool, projects
// for their maintainers and confirmers, coordination for coordinators, the association for
// its stewards, the open books for whoever may read them. Every area's page lives under
// /pools/:poolId; this list is the one place that names them.
import type { Actor, PoolFacts } from '../../app/policies/actor.ts';
import { belongsTo, holds, personsOf } from '../../app/policies/actor.ts';
import { canReadBooks } from '../../app/policies/permissions.ts';
import type { Lang } from '../../i18n/index.ts';
import { webText } from './texts/index.ts';

export type PoolAreaId =
  | 'week'
  | 'market'
  | 'work'
  | 'statement'
  | 'goods'
  | 'household'
  | 'projects'
  | 'coordinate'
  | 'association'
  | 'books'
  | 'whatIf';

interface PoolArea {
  readonly id: PoolAreaId;
  /** The path after /pools/:poolId. */
  readonly path: string;
  readonly visible: (actor: Actor, facts: PoolFacts) => boolean;
}

const isPerson = (actor: Actor, facts: PoolFacts) => personsOf(actor, facts.poolId).length > 0;
const confirmsAny = (actor: Actor, facts: PoolFacts) => {
  const persons = personsOf(actor, facts.poolId);
  return [...facts.confirmers.values()].some((list) => list.some((p) => persons.includes(p)));
};

export const POOL_AREAS: readonly PoolArea[] = [
  { id: 'week', path: '', visible: isPerson },
  { id: 'market', path: '/market', visible: isPerson },
  { id: 'work', path: '/work', visible: isPerson },
  { id: 'statement', path: '/statement', visible: isPerson },
  { id: 'goods', path: '/goods', visible: isPerson },
  { id: 'household', path: '/household', visible: isPerson },
  {
    id: 'projects',
    path: '/projects',
    visible: (a, f) => confirmsAny(a, f) || holds(a, f.poolId, 'coordinator'),
  },
  { id: 'coordinate', path: '/coordinate', visible: (a, f) => holds(a, f.poolId, 'coordinator') },
  { id: 'association', path: '/association', visible: (a, f) => holds(a, f.poolId, 'steward') },
  { id: 'books', path: '/books', visible: (a, f) => canReadBooks(a, f).allowed },
  { id: 'whatIf', path: '/what-if', visible: (a, f) => belongsTo(a, f.poolId) },
];

export const areaHref = (poolId: string, id: PoolAreaId): string =>
  `/pools/${encodeURIComponent(poolId)}${POOL_AREAS.find((a) => a.id === id)!.path}`;

export function PoolNav(props: {
  lang: Lang;
  actor: Actor;
  facts: PoolFacts;
  current: PoolAreaId;
}) {
  const areas = POOL_AREAS.filter((area) => area.visible(props.actor, props.facts));
  return (
    <nav aria-label={webText(props.lang, 'area.nav')}>
      <ul class="subnav">
        {areas.map((area) => (
          <li>
            <a
              href={areaHref(props.facts.poolId, area.id)}
              aria-current={area.id === props.current ? 'page' : undefined}
            >
              {webText(props.lang, `area.${area.id}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
