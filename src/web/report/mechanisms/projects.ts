// Projects leaving the pool and forks carrying them on (decision 0014): per period, where each
// project stands (a departed one's account, inventory and stock frozen), and the pre-orders
// and subscriptions a departure released.
import type { ReportContext, Section } from '../section.ts';
import { listOrNone, mechanismSection, periodTable } from './section.ts';

export function projectsSection(ctx: ReportContext): Section | null {
  const { t, f } = ctx;
  return mechanismSection(ctx, 'projects', 'projects', (p) => {
    const x = p.projects;
    if (x === undefined) return [];
    const none = t('report.none');
    const forks = new Map(x.forks.map((fork) => [fork.id, fork]));
    const rows = [
      ...x.inPool.map((id) => {
        const fork = forks.get(id);
        const status =
          fork === undefined
            ? t('projects.inPool')
            : t('projects.fork', {
                of: fork.forkOf,
                period: fork.fromPeriod,
                products: fork.products.map((c) => `${c.productId} ← ${c.copiedFrom}`).join(', '),
              });
        return [id, status, listOrNone(ctx, fork?.maintainers ?? []), none, none, none];
      }),
      ...x.departed.map((d) => [
        d.projectId,
        t('projects.departed', { period: d.leftInPeriod }),
        none,
        f.wh(d.balanceEffortMilli),
        f.wh(d.inventoryEffortMilli),
        listOrNone(
          ctx,
          d.stock.map((s) => `${s.productId}: ${f.integer(s.units)}`),
        ),
      ]),
    ];
    const tables = [
      periodTable(ctx, p.period, {
        what: t('projects.title'),
        head: [
          t('projects.project'),
          t('projects.status'),
          t('projects.maintainers'),
          t('projects.balance'),
          t('projects.inventory'),
          t('projects.stock'),
        ],
        rows,
        numeric: [3, 4],
      }),
    ];
    if (x.releasedPreOrders.length > 0) {
      tables.push(
        periodTable(ctx, p.period, {
          what: t('projects.released'),
          head: [t('projects.preOrder'), t('person'), t('product'), t('units')],
          rows: x.releasedPreOrders.map((o) => [
            o.preOrderId,
            o.personId,
            o.productId,
            f.integer(o.units),
          ]),
          numeric: [3],
        }),
      );
    }
    if (x.endedSubscriptions.length > 0) {
      tables.push(
        periodTable(ctx, p.period, {
          what: t('projects.ended'),
          head: [t('projects.subscription'), t('person'), t('product'), t('projects.lastPeriod')],
          rows: x.endedSubscriptions.map((s) => [
            s.subscriptionId,
            s.personId,
            s.productId,
            String(s.lastPeriod),
          ]),
          numeric: [3],
        }),
      );
    }
    return tables;
  });
}
