// The pool as ValueFlows 1.0 JSON-LD (research/peer-systems.md §5): persons as vf:Person; the
// pool, its projects and associations as vf:Organization; products, types of work and natural
// resources as vf:ResourceSpecification; each product's recipe as a vf:Recipe with one
// vf:RecipeProcess and its flows (labour in WH, inputs, resources, the unit made); each task
// instance as a vf:Process of its project; each credited work record as a vf:EconomicEvent
// (action work, effort in minutes) into its task's process; each taking as a vf:EconomicEvent
// from the project to the person (transferCustody for a good, since nothing here is property,
// deliverService for a service). Effort credited and debited is in each event's note; the
// ledger itself is in the CSV and hledger exports.
import type { ProductSpec } from '../../core/scenario/index.ts';
import { type EffortMilli, formatEffortMilli } from '../../core/units.ts';
import { taskStartInstant } from '../scenario/date-time.ts';
import type { PoolExportData } from './pool-data.ts';
import { OM2, VALUEFLOWS_CONTEXT, type VfAction } from './valueflows-context.ts';

type Node = { readonly '@id': string; readonly '@type': string } & Record<string, unknown>;

const wh = (amountEffortMilli: number) => formatEffortMilli(amountEffortMilli as EffortMilli);
/** mWH as a JSON number of WH (exact as text: at most three decimals). */
const whNumber = (amountEffortMilli: number) => Number(wh(amountEffortMilli));

/** Node ids: `urn:peerconomy:<pool>:<kind>:<id>` unless the caller gives a base IRI (the
 *  server, its own URLs). */
export interface ValueFlowsOptions {
  readonly baseIri?: string;
}

export function valueFlowsDocument(
  data: PoolExportData,
  options: ValueFlowsOptions = {},
): Record<string, unknown> {
  const base = options.baseIri ?? `urn:peerconomy:${encodeURIComponent(data.poolId)}:`;
  const iri = (kind: string, id: string) => `${base}${kind}:${encodeURIComponent(id)}`;
  const s = data.scenario;
  const graph: Node[] = [];
  const measure = (value: number, unit: string) => ({
    '@type': 'Measure',
    hasNumericalValue: value,
    hasUnit: iri('unit', unit),
  });

  graph.push(
    {
      '@id': iri('unit', 'minute'),
      '@type': 'Unit',
      label: 'minute',
      symbol: 'min',
      omUnitIdentifier: `${OM2}minute-Time`,
    },
    {
      '@id': iri('unit', 'one'),
      '@type': 'Unit',
      label: 'one',
      symbol: '1',
      omUnitIdentifier: `${OM2}one`,
    },
    { '@id': iri('unit', 'WH'), '@type': 'Unit', label: 'weighted hour', symbol: 'WH' },
  );

  /** An agent or a specification: named by its id, with a note on what it is. */
  const named = (kind: string, nodeId: string, type: string, note: string): Node => ({
    '@id': iri(kind, nodeId),
    '@type': type,
    name: nodeId,
    note,
  });
  graph.push({ ...named('pool', data.poolId, 'Organization', 'distribution pool'), name: s.name });
  for (const a of s.associations) {
    graph.push(named('association', a.id, 'Organization', `local association (${a.level})`));
  }
  for (const p of s.projects) graph.push(named('project', p.id, 'Organization', 'project'));
  for (const p of s.persons) {
    graph.push({ '@id': iri('person', p.id), '@type': 'Person', name: p.id });
  }

  const templates = new Set(s.periods.flatMap((p) => p.tasks.map((t) => t.templateId)));
  for (const template of [...templates].sort()) {
    graph.push(named('work', template, 'ResourceSpecification', 'a type of work'));
  }
  for (const r of s.resources) {
    graph.push(named('resource', r.id, 'ResourceSpecification', `natural resource (${r.kind})`));
  }
  for (const product of s.products) {
    graph.push(named('product', product.id, 'ResourceSpecification', product.kind));
    graph.push(...recipeNodes(product, iri, measure));
  }

  for (const [index, spec] of s.periods.entries()) {
    const period = index + 1;
    for (const t of spec.tasks) {
      const start = t.start === undefined ? undefined : taskStartInstant(t.start, s.timeZone);
      graph.push({
        '@id': iri('task', t.id),
        '@type': 'Process',
        name: t.id,
        inScopeOf: iri('project', t.projectId),
        note: `period ${period}: ${t.slots} slots of ${t.minutesPerSlot} minutes of ${t.templateId}`,
        ...(start === undefined
          ? {}
          : {
              hasBeginning: new Date(start).toISOString(),
              hasEnd: new Date(start + t.minutesPerSlot * 60_000).toISOString(),
            }),
      });
    }
  }

  const projectOf = new Map(s.products.map((p) => [p.id, p]));
  for (const { period, report } of data.periods) {
    if (report === null) continue;
    const spec = s.periods[period - 1];
    const templateOf = new Map((spec?.tasks ?? []).map((t) => [t.id, t.templateId]));
    for (const w of report.work) {
      if (!w.confirmed) continue;
      graph.push({
        '@id': iri('work-record', w.recordId),
        '@type': 'EconomicEvent',
        action: 'work' satisfies VfAction,
        provider: iri('person', w.personId),
        receiver: iri('project', w.projectId),
        inputOf: iri('task', w.instanceId),
        resourceConformsTo: iri('work', templateOf.get(w.instanceId) ?? w.instanceId),
        effortQuantity: measure(w.creditedMinutes, 'minute'),
        note: `period ${period}: credited ${wh(w.amountEffortMilli)} WH at weight ${wh(w.weightMilli ?? 0)}`,
      });
    }
    for (const [sale, goods] of [
      ['taking', report.goods],
      ['discounted', report.discounted],
    ] as const) {
      for (const g of goods) {
        const product = projectOf.get(g.productId);
        for (const a of g.allocations) {
          if (a.units === 0) continue;
          const action: VfAction =
            product?.kind === 'service' ? 'deliverService' : 'transferCustody';
          graph.push({
            '@id': iri(sale, `${period}.${g.productId}.${a.personId}`),
            '@type': 'EconomicEvent',
            action,
            ...(product === undefined ? {} : { provider: iri('project', product.projectId) }),
            receiver: iri('person', a.personId),
            resourceConformsTo: iri('product', g.productId),
            resourceQuantity: measure(a.units, 'one'),
            note: `period ${period}: ${wh(a.priceEffortMilli)} WH at the posted price, premium ${wh(a.premiumEffortMilli)} WH`,
          });
        }
      }
    }
  }

  return { '@context': VALUEFLOWS_CONTEXT, '@graph': graph };
}

/** A product's recipe as a vf:Recipe: one process making one unit, with its flows per unit. */
function recipeNodes(
  product: ProductSpec,
  iri: (kind: string, id: string) => string,
  measure: (value: number, unit: string) => Record<string, unknown>,
): Node[] {
  const recipe = product.recipe;
  if (recipe === null) return [];
  const process = iri('recipe-process', product.id);
  const flow = (suffix: string, fields: Record<string, unknown>): Node => ({
    '@id': iri('recipe-flow', `${product.id}.${suffix}`),
    '@type': 'RecipeFlow',
    ...fields,
  });
  return [
    {
      '@id': iri('process-spec', product.id),
      '@type': 'ProcessSpecification',
      name: `making ${product.id}`,
    },
    {
      '@id': iri('recipe', product.id),
      '@type': 'Recipe',
      name: product.id,
      primaryOutput: iri('product', product.id),
      recipeIncludes: process,
      note: `estimate for ${recipe.unitsPerPeriod} units a period`,
    },
    {
      '@id': process,
      '@type': 'RecipeProcess',
      name: `making ${product.id}`,
      processConformsTo: iri('process-spec', product.id),
    },
    flow('output', {
      action: 'produce' satisfies VfAction,
      resourceConformsTo: iri('product', product.id),
      resourceQuantity: measure(1, 'one'),
      recipeOutputOf: process,
    }),
    ...recipe.labour.map((l) =>
      flow(`labour.${l.templateId}`, {
        action: 'work' satisfies VfAction,
        resourceConformsTo: iri('work', l.templateId),
        effortQuantity: measure(whNumber(l.effortMilliPerUnit), 'WH'),
        recipeInputOf: process,
      }),
    ),
    ...recipe.inputs.map((i) =>
      flow(`input.${i.productId}`, {
        action: 'consume' satisfies VfAction,
        resourceConformsTo: iri('product', i.productId),
        resourceQuantity: measure(i.quantityPerUnit, 'one'),
        recipeInputOf: process,
      }),
    ),
    ...recipe.resources.map((r) =>
      flow(`resource.${r.resourceId}`, {
        action: 'consume' satisfies VfAction,
        resourceConformsTo: iri('resource', r.resourceId),
        resourceQuantity: measure(r.quantityPerUnit, 'one'),
        recipeInputOf: process,
      }),
    ),
  ];
}
