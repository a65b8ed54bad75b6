// Effort flows between projects and people as a Sankey, summed over the whole run. 120 persons
// would be 120 unreadable nodes, so persons are grouped by their lowest association and by
// whether they were a dependent in the period of the transfer. A Sankey must be acyclic, but
// effort goes both ways (projects credit work, persons pay for goods), so every counterparty
// appears twice: on the left as a source of credits to persons, on the right as the receiver
// of what persons were charged. Transfers without a person on either side are not shown.
import { compareIds } from '../../../core/units.ts';
import { renderChartSvg } from '../chart.ts';
import { personOf, type ReportPeriod } from '../report-doc.ts';
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';

export interface Flow {
  /** Node keys: `in:<counterparty>`, `group:<group>` or `out:<counterparty>`. */
  readonly source: string;
  readonly target: string;
  readonly amountEffortMilli: number;
}

const NO_ASSOCIATION = 'none';

/** Person id → group key (`members:<assoc>`, `dependents:<assoc>` or `none`) in one period. */
function groupsOf(period: ReportPeriod): Map<string, string> {
  const groups = new Map<string, string>();
  for (const c of period.associations?.coverage ?? []) {
    if (!groups.has(c.personId)) groups.set(c.personId, `dependents:${c.associationId}`);
  }
  for (const s of period.associations?.shares ?? []) {
    const lowest = s.levels[0];
    if (lowest !== undefined && !groups.has(s.personId)) {
      groups.set(s.personId, `members:${lowest.associationId}`);
    }
  }
  return groups;
}

/** The counterparty key of an account: its id without the pool prefix; persons are one node. */
function counterparty(poolId: string, accountId: string): string {
  if (personOf(poolId, accountId) !== null) return 'person';
  const prefix = `${poolId}.`;
  return accountId.startsWith(prefix) ? accountId.slice(prefix.length) : accountId;
}

export function effortFlows(ctx: Pick<ReportContext, 'doc'>): Flow[] {
  const { poolId } = ctx.doc;
  const sums = new Map<string, number>();
  const add = (source: string, target: string, amount: number) => {
    const key = `${source}\u0000${target}`;
    sums.set(key, (sums.get(key) ?? 0) + amount);
  };
  for (const period of ctx.doc.periods) {
    const groups = groupsOf(period);
    const groupOf = (personId: string) => `group:${groups.get(personId) ?? NO_ASSOCIATION}`;
    for (const tr of period.transfers) {
      const credited = personOf(poolId, tr.creditAccountId);
      const debited = personOf(poolId, tr.debitAccountId);
      if (credited !== null) {
        add(`in:${counterparty(poolId, tr.debitAccountId)}`, groupOf(credited), tr.amount);
      }
      if (debited !== null) {
        add(groupOf(debited), `out:${counterparty(poolId, tr.creditAccountId)}`, tr.amount);
      }
    }
  }
  const flows = [...sums].map(([key, amountEffortMilli]) => {
    const [source, target] = key.split('\u0000') as [string, string];
    return { source, target, amountEffortMilli };
  });
  // Credits first (left half), then charges, each in key order: stable and easy to scan.
  const side = (f: Flow) => (f.source.startsWith('in:') ? 0 : 1);
  return flows
    .filter((f) => f.amountEffortMilli > 0)
    .sort(
      (a, b) =>
        side(a) - side(b) || compareIds(a.source, b.source) || compareIds(a.target, b.target),
    );
}

/** The people-facing name of a node key. */
export function flowNodeLabel(ctx: Pick<ReportContext, 't'>, key: string): string {
  const { t } = ctx;
  const [kind, ...rest] = key.split(':');
  const name = rest.join(':');
  if (kind === 'group') {
    if (name === NO_ASSOCIATION) return t('flows.group.none');
    const [which, ...assoc] = name.split(':');
    return t(which === 'dependents' ? 'flows.group.dependents' : 'flows.group.members', {
      association: assoc.join(':'),
    });
  }
  if (name === 'person') return t('flows.account.person');
  if (name === 'premium') return t('flows.account.premium');
  if (name === 'adjustment') return t('flows.account.adjustment');
  if (name === 'pool') return t('flows.account.pool');
  if (name === 'redistribution') return t('flows.account.poolRedistribution');
  for (const [prefix, textKey] of [
    ['project.', 'flows.account.project'],
    ['association.', 'flows.account.association'],
    ['redistribution.', 'flows.account.redistribution'],
  ] as const) {
    if (name.startsWith(prefix)) return t(textKey, { id: name.slice(prefix.length) });
  }
  return t('flows.account.other', { id: name });
}

export function flowsSection(ctx: ReportContext): Section {
  const { t, f } = ctx;
  const id = `${ctx.idPrefix}flows`;
  const title = t('flows.title');
  const flows = effortFlows(ctx);
  const keys = [...new Set(flows.flatMap((x) => [x.source, x.target]))];
  const labels = new Map(keys.map((k) => [k, flowNodeLabel(ctx, k)]));
  const height = Math.max(420, Math.min(900, keys.length * 26));
  const svg =
    flows.length === 0
      ? null
      : renderChartSvg(
          id,
          title,
          {
            series: [
              {
                type: 'sankey',
                left: 8,
                right: 190,
                top: 16,
                bottom: 16,
                nodeGap: 10,
                nodeAlign: 'justify',
                emphasis: { focus: 'adjacency' },
                // Coloured by the source node: a gradient ends up as "[object Object]" in the hover CSS
                // that ECharts' server-side SVG writes.
                lineStyle: { color: 'source', opacity: 0.35 },
                label: {
                  fontSize: 11,
                  formatter: (p: { name: string; value: number }) =>
                    `${labels.get(p.name) ?? p.name}  ${f.wh(Math.round(p.value * 1000))}`,
                },
                data: keys.map((name) => ({ name })),
                links: flows.map((x) => ({
                  source: x.source,
                  target: x.target,
                  value: x.amountEffortMilli / 1000,
                })),
              },
            ],
          },
          { width: 860, height },
        );
  const table = renderTable({
    caption: `${t('report.numbers')}: ${title}`,
    head: [t('flows.from'), t('flows.to'), t('flows.amount')],
    rows: flows.map((x) => [
      labels.get(x.source) ?? x.source,
      labels.get(x.target) ?? x.target,
      f.wh(x.amountEffortMilli),
    ]),
    numeric: [2],
  });
  const note = flows.length === 0 ? t('flows.empty') : t('flows.note');
  return { id, title, note, svg, tables: [table] };
}
