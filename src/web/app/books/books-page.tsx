// The open books of a pool (MODEL.md M17), public where the pool opened them: the pool's
// statement per closed period, the charts of the HTML report (each with its numbers as a
// table), and links to the journal, its verification and each product's supply chain. Nothing
// here names what one person took: the statement groups by account kind, and the balances
// chart lists persons one by one only for auditors.
import type { Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { holds } from '../../../app/policies/actor.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import { balancesSection } from '../../report/charts/balances.ts';
import { flowsSection } from '../../report/charts/flows.ts';
import { priceFactorSection } from '../../report/charts/price-factor.ts';
import { redistributionSection } from '../../report/charts/redistribution.ts';
import { taskWeightsSection } from '../../report/charts/task-weights.ts';
import { reportFormat } from '../../report/format.ts';
import type { ReportPeriod } from '../../report/report-doc.ts';
import { reportContext, type Section } from '../../report/section.ts';
import { Notice } from '../forms.tsx';
import { openPoolArea, type PoolView, renderPoolPage } from '../pool-page.tsx';
import { textOf } from '../render.tsx';
import type { WebEnv } from '../web-env.ts';
import { booksHref, VerifyButton } from './links.tsx';
import { closedReports, periodStatement, reportDocOf } from './open-books.ts';
import { StackTable } from './stack-table.tsx';

/** The report's chart sections over the closed periods; the balances' per-person table only
 *  for auditors. */
function chartSections(c: Context<WebEnv>, view: PoolView, reports: readonly ReportPeriod[]) {
  const ctx = reportContext(reportDocOf(view.poolId, reports), c.get('lang'), 'books-');
  const auditor = holds(c.get('actor'), view.poolId, 'auditor');
  const balances = balancesSection(ctx);
  return [
    taskWeightsSection(ctx),
    priceFactorSection(ctx),
    auditor ? balances : { ...balances, tables: balances.tables.slice(0, 1) },
    flowsSection(ctx),
    redistributionSection(ctx),
  ];
}

export function ChartSection({ section }: { section: Section }) {
  return (
    <section class="report-part" id={section.id} aria-labelledby={`${section.id}-title`}>
      <h3 id={`${section.id}-title`}>{section.title}</h3>
      <p>{section.note}</p>
      {(section.explain ?? []).map((line) => (
        <p>{line}</p>
      ))}
      {section.svg === null ? null : <div class="chart">{raw(section.svg)}</div>}
      {section.tables.map((table) => (
        <details>
          <summary>{/<caption>([^<]*)<\/caption>/.exec(table)?.[1] ?? ''}</summary>
          {raw(table)}
        </details>
      ))}
    </section>
  );
}

async function booksPage(c: Context<WebEnv>, deps: HttpDeps) {
  const view = await openPoolArea(c, deps, 'books');
  if (view instanceof Response) return view;
  const t = textOf(c);
  const f = reportFormat(c.get('lang'));
  const reports = await closedReports(deps, view);
  const asked = Number(c.req.query('period'));
  const shown = reports.find((r) => r.period === asked) ?? reports.at(-1);
  const scenario = await deps.economy.scenario(view.poolId);
  const statement =
    shown === undefined || !scenario.ok ? null : periodStatement(scenario.value, shown);
  const products = scenario.ok ? scenario.value.products.map((p) => p.id) : [];
  return renderPoolPage(
    c,
    view,
    'books',
    t('books.title'),
    <>
      <h1>{t('books.title')}</h1>
      <p>{t('books.lead')}</p>
      <ul class="actions books-links">
        <li>
          <a href={booksHref(view.poolId, '/journal')}>{t('books.journal')}</a>
        </li>
        <li>
          <VerifyButton poolId={view.poolId} label={t('books.verify')} />
        </li>
      </ul>
      {shown === undefined || statement === null ? (
        <Notice kind="info">{t('books.noClosedPeriod')}</Notice>
      ) : (
        <>
          <h2>{t('books.statement', { period: shown.period })}</h2>
          <nav aria-label={t('books.periods')}>
            <ul class="subnav">
              {reports.map((r) => (
                <li>
                  <a
                    href={booksHref(view.poolId, `?period=${r.period}`)}
                    aria-current={r.period === shown.period ? 'page' : undefined}
                  >
                    {t('books.period', { period: r.period })}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <p>
            {t('books.factor', {
              factor: f.factor(shown.priceFactorPpm),
              next: f.factor(shown.nextPriceFactorPpm),
            })}
          </p>
          <StackTable
            caption={t('books.byKind.caption', { period: shown.period })}
            columns={[
              { label: t('books.kind') },
              { label: t('books.debits'), num: true },
              { label: t('books.credits'), num: true },
              { label: t('books.change'), num: true },
            ]}
            rows={statement.byKind.map((k) => [
              t(`books.kind.${k.kind}`),
              f.wh(k.debitsEffortMilli),
              f.wh(k.creditsEffortMilli),
              f.wh(k.changeEffortMilli),
            ])}
          />
          <StackTable
            caption={t('books.rows.caption', { period: shown.period })}
            columns={[
              { label: t('books.code') },
              { label: t('books.from') },
              { label: t('books.to') },
              { label: t('books.transfers'), num: true },
              { label: t('books.amount'), num: true },
            ]}
            rows={statement.rows.map((row) => [
              <code>{row.code}</code>,
              t(`books.kind.${row.from}`),
              t(`books.kind.${row.to}`),
              f.integer(row.transfers),
              f.wh(row.amountEffortMilli),
            ])}
          />
          <p class="muted">{t('books.total', { total: f.wh(statement.totalEffortMilli) })}</p>
          <h2>{t('books.charts')}</h2>
          {chartSections(c, view, reports).map((section) => (
            <ChartSection section={section} />
          ))}
        </>
      )}
      {products.length === 0 ? null : (
        <>
          <h2>{t('books.supplyChains')}</h2>
          <ul>
            {products.map((id) => (
              <li>
                <a href={booksHref(view.poolId, `/products/${encodeURIComponent(id)}`)}>{id}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>,
  );
}

export function registerBooksPage(web: Hono<WebEnv>, deps: HttpDeps) {
  web.get('/pools/:poolId/books', (c) => booksPage(c, deps));
}
