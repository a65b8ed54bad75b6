// A product's open supply chain (MODEL.md M6, M17): what it is made of down to work and
// natural resources, from the pool's recipes (labour per unit by task template, overhead,
// inputs followed to their own recipes, means of production, resources with their stewards),
// then what the last closed period shows: the making project's tasks and weights, the actual
// price's breakdown, and the resources the project was given. All aggregates, no persons.
import type { Context, Hono } from 'hono';
import type { ProductSpec, Scenario } from '../../../core/scenario/index.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { type ReportFormat, reportFormat } from '../../report/format.ts';
import { openPoolArea, renderPoolPage } from '../pool-page.tsx';
import { errorPage, textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import { booksHref } from './links.tsx';
import { closedReports } from './open-books.ts';
import { StackTable } from './stack-table.tsx';

type T = ReturnType<typeof textOf>;
const MAX_DEPTH = 8;

function ResourceItem(props: { scenario: Scenario; id: string; perUnit: number; t: T }) {
  const resource = props.scenario.resources.find((r) => r.id === props.id);
  return (
    <li>
      {props.t('chain.resource', { resource: props.id, quantity: props.perUnit })}
      {resource === undefined
        ? null
        : ` — ${props.t('chain.resourceDetail', {
            steward: resource.stewardAssociationId,
            project: resource.extractionProjectId,
          })}`}
    </li>
  );
}

/** One product and, below it, what it is made of; inputs followed to their own recipes. */
function ProductTree(props: {
  scenario: Scenario;
  product: ProductSpec;
  t: T;
  f: ReportFormat;
  poolId: string;
  seen: readonly string[];
}) {
  const { scenario, product, t, f } = props;
  const recipe = product.recipe;
  const seen = [...props.seen, product.id];
  return (
    <>
      <p>
        <strong>{product.id}</strong>{' '}
        {t('chain.madeBy', {
          project: product.projectId,
          price: f.wh(product.unitPriceEffortMilli),
        })}
      </p>
      {recipe === null ? (
        <p class="muted">{t('chain.noRecipe', { project: product.projectId })}</p>
      ) : (
        <ul class="chain">
          <li>{t('chain.batch', { units: recipe.unitsPerPeriod })}</li>
          {recipe.labour.map((l) => (
            <li>
              {t('chain.labour', { template: l.templateId, effort: f.wh(l.effortMilliPerUnit) })}
            </li>
          ))}
          {recipe.overhead.map((o) => (
            <li>
              {t('chain.overhead', {
                template: o.templateId,
                effort: f.wh(o.effortMilliPerPeriod),
              })}
            </li>
          ))}
          {recipe.meansOfProduction.map((m) => (
            <li>
              {t('chain.means', {
                means: m.id,
                build: f.wh(m.buildEffortMilli),
                life: m.lifePeriods,
              })}
            </li>
          ))}
          {recipe.resources.map((r) => (
            <ResourceItem scenario={scenario} id={r.resourceId} perUnit={r.quantityPerUnit} t={t} />
          ))}
          {recipe.inputs.map((input) => {
            const inner = scenario.products.find((p) => p.id === input.productId);
            return (
              <li>
                {t('chain.input', { product: input.productId, quantity: input.quantityPerUnit })}
                {inner === undefined ||
                seen.includes(inner.id) ||
                seen.length >= MAX_DEPTH ? null : (
                  <div class="chain-inner">
                    <ProductTree {...props} product={inner} seen={seen} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

async function supplyChainPage(c: Context<WebEnv>, deps: HttpDeps) {
  const view = await openPoolArea(c, deps, 'books');
  if (view instanceof Response) return view;
  const t = textOf(c);
  const f = reportFormat(c.get('lang'));
  const scenario = await deps.economy.scenario(view.poolId);
  const productId = c.req.param('productId') ?? '';
  const product = scenario.ok ? scenario.value.products.find((p) => p.id === productId) : undefined;
  if (!scenario.ok || product === undefined) return errorPage(c, 404);
  const last = (await closedReports(deps, view)).at(-1);
  const tasks = last?.tasks.filter((task) => task.projectId === product.projectId) ?? [];
  const actual = last?.recipes?.find((r) => r.productId === product.id)?.actual;
  const claims = (last?.resources ?? []).flatMap((r) =>
    r.awards
      .filter((a) => a.claimant.kind === 'project' && a.claimant.projectId === product.projectId)
      .map((a) => ({ resourceId: r.resourceId, units: a.units, premium: a.premiumEffortMilli })),
  );
  const title = t('chain.title', { product: product.id });
  return renderPoolPage(
    c,
    view,
    'books',
    title,
    <>
      <h1>{title}</h1>
      <p>{t('chain.lead')}</p>
      <p>
        <a href={booksHref(view.poolId)}>{t('books.back')}</a>
      </p>
      <section aria-labelledby="chain-tree">
        <h2 id="chain-tree">{t('chain.tree')}</h2>
        <ProductTree
          scenario={scenario.value}
          product={product}
          t={t}
          f={f}
          poolId={view.poolId}
          seen={[]}
        />
      </section>
      {last === undefined ? null : (
        <section aria-labelledby="chain-period">
          <h2 id="chain-period">{t('chain.lastPeriod', { period: last.period })}</h2>
          {actual === undefined ? null : (
            <p>
              {t('chain.actual', {
                price: f.wh(actual.unitPriceEffortMilli),
                labour: f.wh(actual.perUnit.labour),
                means: f.wh(actual.perUnit.meansOfProduction),
                inputs: f.wh(actual.perUnit.inputs),
                resources: f.wh(actual.perUnit.resources),
                overhead: f.wh(actual.perUnit.overhead),
              })}
            </p>
          )}
          <StackTable
            caption={t('chain.tasks', { project: product.projectId })}
            columns={[
              { label: t('chain.task') },
              { label: t('chain.template') },
              { label: t('chain.weight'), num: true },
              { label: t('chain.status') },
            ]}
            rows={tasks.map((task) => [
              task.instanceId,
              task.templateId,
              f.weight(task.weightMilli),
              task.status,
            ])}
          />
          {tasks.length === 0 ? <p class="muted">{t('chain.noTasks')}</p> : null}
          {claims.length === 0 ? null : (
            <ul>
              {claims.map((claim) => (
                <li>
                  {t('chain.claim', {
                    resource: claim.resourceId,
                    units: claim.units,
                    premium: f.wh(claim.premium),
                  })}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>,
  );
}

export function registerSupplyChainPage(web: Hono<WebEnv>, deps: HttpDeps) {
  web.get('/pools/:poolId/books/products/:productId', (c) => supplyChainPage(c, deps));
}
