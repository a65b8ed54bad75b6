// What a project's page shows, read from the stored pool: the project's task templates with the
// instances of every period, the work records of the open period waiting for confirmation, and
// each product with its computed effort price (from the recipe's estimates) and, from the last
// closed period, its stock, planned output and planning signals (MODEL.md M6, M9).

import type { NumberedInput } from '../../../app/pools/open-inputs.ts';
import type { PeriodStage } from '../../../core/cycle/stages.ts';
import { priceRecipes, type RecipePrice } from '../../../core/scenario/recipes.ts';
import type { ProductSpec, ProjectSpec, TaskSpec, WorkSpec } from '../../../core/scenario/types.ts';
import type { HttpDeps } from '../../../http/deps.ts';

export interface TemplateView {
  readonly templateId: string;
  /** Every instance of the template, oldest period first. */
  readonly instances: readonly { readonly period: number; readonly task: TaskSpec }[];
}

export interface ProductView {
  readonly product: ProductSpec;
  /** The computed price and its breakdown; null for a product with a plain price. */
  readonly price: RecipePrice | null;
  readonly unitPriceEffortMilli: number;
  /** From the last closed period; null before the first close. */
  readonly stockUnits: number | null;
  readonly plannedUnits: number | null;
  readonly signals: readonly string[];
}

export interface ProjectView {
  readonly project: ProjectSpec;
  readonly period: number;
  readonly stage: PeriodStage | null;
  readonly lastClosed: number;
  readonly templates: readonly TemplateView[];
  readonly openTasks: readonly TaskSpec[];
  /** The open period's unconfirmed work records on this project's tasks, with their seq. */
  readonly waiting: readonly (NumberedInput & { readonly record: WorkSpec })[];
  readonly products: readonly ProductView[];
  readonly productionThisPeriod: readonly { readonly productId: string; readonly units: number }[];
}

interface ClosedReport {
  readonly stock?: readonly { productId: string; units: number }[];
  readonly plans?: readonly { productId: string; plannedUnits: number }[];
  readonly signals?: readonly { productId: string; signals: readonly string[] }[];
}

/** The projects of the pool, or one project's view; null when the pool has no such project. */
export async function projectsOf(deps: HttpDeps, poolId: string): Promise<ProjectSpec[]> {
  const scenario = await deps.economy.scenario(poolId);
  return scenario.ok ? [...scenario.value.projects].sort((a, b) => a.id.localeCompare(b.id)) : [];
}

export async function readProject(
  deps: HttpDeps,
  poolId: string,
  projectId: string,
): Promise<ProjectView | null> {
  const scenario = await deps.economy.scenario(poolId);
  const status = await deps.economy.status(poolId);
  if (!scenario.ok || !status.ok) return null;
  const project = scenario.value.projects.find((p) => p.id === projectId);
  if (project === undefined) return null;
  const { period, stage } = status.value.cycle;
  const open = stage !== null && stage !== 'closed';
  const lastClosed = open ? period - 1 : period;

  const templates = new Map<string, { period: number; task: TaskSpec }[]>();
  scenario.value.periods.forEach((spec, index) => {
    for (const task of spec.tasks) {
      if (task.projectId !== projectId) continue;
      const list = templates.get(task.templateId) ?? [];
      list.push({ period: index + 1, task });
      templates.set(task.templateId, list);
    }
  });
  const openSpec = open ? scenario.value.periods[period - 1] : undefined;
  const openTasks = openSpec?.tasks.filter((t) => t.projectId === projectId) ?? [];
  const openIds = new Set(openTasks.map((t) => t.id));
  const waiting = (await deps.pools.openInputs(poolId, 'work'))
    .map((input) => ({ ...input, record: input.record as WorkSpec }))
    .filter((input) => input.record.confirmedBy === null && openIds.has(input.record.instanceId));

  const priced = priceRecipes(scenario.value);
  const prices = new Map(
    priced.ok ? priced.value.posted.map((p) => [p.productId as string, p] as const) : [],
  );
  const report = (
    lastClosed > 0 ? await deps.economy.periodReport(poolId, lastClosed) : { ok: false }
  ) as { ok: boolean; value?: ClosedReport | null };
  const closed: ClosedReport = (report.ok ? report.value : null) ?? {};
  const products = scenario.value.products
    .filter((p) => p.projectId === projectId)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((product): ProductView => {
      const price = prices.get(product.id) ?? null;
      return {
        product,
        price,
        unitPriceEffortMilli: price?.unitPriceEffortMilli ?? product.unitPriceEffortMilli,
        stockUnits:
          lastClosed > 0
            ? (closed.stock?.find((s) => s.productId === product.id)?.units ?? 0)
            : null,
        plannedUnits: closed.plans?.find((s) => s.productId === product.id)?.plannedUnits ?? null,
        signals: closed.signals?.find((s) => s.productId === product.id)?.signals ?? [],
      };
    });
  const productIds = new Set(products.map((p) => p.product.id));
  return {
    project,
    period,
    stage,
    lastClosed,
    templates: [...templates.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([templateId, instances]) => ({ templateId, instances })),
    openTasks,
    waiting,
    products,
    productionThisPeriod: (openSpec?.production ?? []).filter((x) => productIds.has(x.productId)),
  };
}
