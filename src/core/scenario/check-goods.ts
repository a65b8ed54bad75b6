// Cross-reference checks of the goods mechanisms (recipes, allocation models, bidding rounds,
// wishes) with the path of the offending field, in the style of check.ts.

import { type Failure, failure, type Result } from '../result.ts';
import { duplicateAt as dup, unknownAt as unknown } from './check-paths.ts';
import type { DependentSpec, Scenario } from './types.ts';

export type GoodsCheckCode =
  | 'scenario.duplicate_id'
  | 'scenario.unknown_reference'
  | 'scenario.allocation_mismatch'
  | 'scenario.joint_mismatch'
  | 'scenario.service_mismatch';

type Check = Result<never, Failure<GoodsCheckCode>> | null;

const mismatch = (path: string, detail: string): Check =>
  failure('scenario.allocation_mismatch', `${path}: ${detail}`);
const jointMismatch = (path: string, detail: string): Check =>
  failure('scenario.joint_mismatch', `${path}: ${detail}`);

/** A joint process and its outputs name each other, within one project; no joint output is
 *  an input of a recipe yet (the bottom-up estimate would need the split first). */
function checkJointProducts(s: Scenario): Check {
  const products = new Map(s.products.map((x) => [x.id, x]));
  const joint = new Set<string>();
  for (const [i, product] of s.products.entries()) {
    const split = product.recipe?.joint;
    if (split === null || split === undefined) continue;
    const at = `products[${i}].recipe.joint.outputs`;
    const ids = split.outputs.map((o) => o.productId);
    const twice = dup(at, ids);
    if (twice) return twice;
    if (!ids.includes(product.id)) return jointMismatch(at, `must name "${product.id}" itself`);
    for (const [k, id] of ids.entries()) {
      joint.add(id);
      if (id === product.id) continue;
      const output = products.get(id);
      if (output === undefined) return unknown(`${at}[${k}].productId`, 'product', id);
      if (output.jointOf?.productId !== product.id) {
        return jointMismatch(
          `${at}[${k}].productId`,
          `"${id}" must say jointOf: { productId: ${product.id} }`,
        );
      }
      if (output.projectId !== product.projectId) {
        return jointMismatch(
          `${at}[${k}].productId`,
          `"${id}" is not made by ${product.projectId}`,
        );
      }
    }
  }
  for (const [i, product] of s.products.entries()) {
    const of = product.jointOf;
    if (of !== null) {
      const at = `products[${i}].jointOf.productId`;
      const jointProcess = products.get(of.productId);
      if (jointProcess === undefined) return unknown(at, 'product', of.productId);
      const outputs = jointProcess.recipe?.joint?.outputs ?? [];
      if (!outputs.some((o) => o.productId === product.id)) {
        return jointMismatch(
          at,
          `the recipe of "${of.productId}" has no joint output "${product.id}"`,
        );
      }
    }
    for (const [k, input] of (product.recipe?.inputs ?? []).entries()) {
      if (joint.has(input.productId)) {
        return jointMismatch(
          `products[${i}].recipe.inputs[${k}].productId`,
          `"${input.productId}" is a joint product, which cannot be an input yet`,
        );
      }
    }
  }
  return null;
}

/** The dependent status of a person in period `p` (1-based): the latest change up to it. */
function dependentIn(s: Scenario, personId: string, p: number): DependentSpec | null {
  let status = s.persons.find((x) => x.id === personId)?.dependent ?? null;
  for (const period of s.periods.slice(0, p)) {
    for (const d of period.dependents) if (d.personId === personId) status = d.dependent;
  }
  return status;
}

/** A service is delivered when taken (service-products.ts): it is taken effort-based, is
 *  neither part of a joint process nor the input of a recipe (it cannot wait in stock). */
function checkServices(s: Scenario): Check {
  const services = new Set(s.products.filter((x) => x.kind === 'service').map((x) => x.id));
  if (services.size === 0) return null;
  const serviceMismatch = (path: string, detail: string): Check =>
    failure('scenario.service_mismatch', `${path}: ${detail}`);
  for (const [i, product] of s.products.entries()) {
    const at = `products[${i}]`;
    if (product.kind === 'service') {
      if (product.allocation !== 'effortBased') {
        return serviceMismatch(`${at}.allocation`, 'a service is taken effort-based');
      }
      if (product.jointOf !== null || (product.recipe?.joint ?? null) !== null) {
        return serviceMismatch(
          `${at}.kind`,
          'a service cannot be made in a joint process (it is delivered when taken)',
        );
      }
    }
    for (const [k, input] of (product.recipe?.inputs ?? []).entries()) {
      if (services.has(input.productId)) {
        return serviceMismatch(
          `${at}.recipe.inputs[${k}].productId`,
          `"${input.productId}" is a service, delivered when taken, not kept as an input`,
        );
      }
    }
  }
  return null;
}

/** An abandoned means of production is one a recipe of that project names, given up once. */
function checkMeansAbandoned(s: Scenario): Check {
  const projects = new Set(s.projects.map((x) => x.id));
  const means = new Set(
    s.products.flatMap((x) =>
      (x.recipe?.meansOfProduction ?? []).map((m) => `${x.projectId}|${m.id}`),
    ),
  );
  const abandonedIn = new Map<string, number>();
  for (const [p, period] of s.periods.entries()) {
    for (const [i, x] of period.meansAbandoned.entries()) {
      const at = `periods[${p}].meansAbandoned[${i}]`;
      if (!projects.has(x.projectId)) return unknown(`${at}.projectId`, 'project', x.projectId);
      const key = `${x.projectId}|${x.meansOfProductionId}`;
      if (!means.has(key)) {
        return unknown(
          `${at}.meansOfProductionId`,
          `means of production of a recipe of "${x.projectId}"`,
          x.meansOfProductionId,
        );
      }
      const earlier = abandonedIn.get(key);
      if (earlier !== undefined) {
        return failure(
          'scenario.duplicate_id',
          `${at}.meansOfProductionId: "${x.meansOfProductionId}" was abandoned in period ${earlier} already`,
        );
      }
      abandonedIn.set(key, p + 1);
    }
  }
  return null;
}

export function checkGoodsMechanisms(s: Scenario): Check {
  const jointProblem = checkJointProducts(s) ?? checkMeansAbandoned(s) ?? checkServices(s);
  if (jointProblem) return jointProblem;
  const persons = new Set(s.persons.map((x) => x.id));
  const personById = new Map(s.persons.map((x) => [x.id, x]));
  const projects = new Set(s.projects.map((x) => x.id));
  const products = new Map(s.products.map((x) => [x.id, x]));
  const resources = new Set(s.resources.map((x) => x.id));
  // A task template's work is booked to one recipe of its project, or it would count twice.
  const bookedTo = new Map<string, string>();
  for (const [i, product] of s.products.entries()) {
    const at = `products[${i}]`;
    if (product.allocation === 'flatAllocation') {
      const other = s.products.find((x) => x.projectId === product.projectId && x !== product);
      if (other !== undefined) {
        return mismatch(
          `${at}.allocation`,
          `flat allocation divides all of ${product.projectId}'s work by the units made, so it must be the project's only product ("${other.id}" is another)`,
        );
      }
    }
    const recipe = product.recipe;
    if (recipe === null) continue;
    const templates = [
      ...recipe.labour.map((l) => l.templateId),
      ...recipe.overhead.map((o) => o.templateId),
    ];
    const twice = dup(`${at}.recipe.labour+overhead`, templates);
    if (twice) return twice;
    for (const [k, templateId] of templates.entries()) {
      const key = `${product.projectId}\u0000${templateId}`;
      const earlier = bookedTo.get(key);
      if (earlier !== undefined) {
        const field =
          k < recipe.labour.length ? `labour[${k}]` : `overhead[${k - recipe.labour.length}]`;
        return failure(
          'scenario.duplicate_id',
          `${at}.recipe.${field}.templateId: "${templateId}" is booked to ${earlier} already`,
        );
      }
      bookedTo.set(key, product.id);
    }
    for (const [k, input] of recipe.inputs.entries()) {
      if (!products.has(input.productId)) {
        return unknown(`${at}.recipe.inputs[${k}].productId`, 'product', input.productId);
      }
    }
    const dupInputs = dup(
      `${at}.recipe.inputs`,
      recipe.inputs.map((x) => x.productId),
    );
    if (dupInputs) return dupInputs;
    for (const [k, r] of recipe.resources.entries()) {
      if (!resources.has(r.resourceId)) {
        return unknown(`${at}.recipe.resources[${k}].resourceId`, 'resource', r.resourceId);
      }
    }
    const dupMeans = dup(
      `${at}.recipe.meansOfProduction`,
      recipe.meansOfProduction.map((x) => x.id),
    );
    if (dupMeans) return dupMeans;
  }
  // The start of the running term of each bidding id: a round may start only after it ends.
  const termEnds = new Map<string, { at: string; until: number }>();
  for (const [p, period] of s.periods.entries()) {
    const at = `periods[${p}]`;
    for (const [i, b] of period.flatRateBundles.entries()) {
      const path = `${at}.flatRateBundles[${i}].dependentUsers`;
      const dupUsers = dup(path, b.dependentUsers);
      if (dupUsers) return dupUsers;
      for (const [k, x] of b.dependentUsers.entries()) {
        const person = personById.get(x);
        if (person === undefined) return unknown(`${path}[${k}]`, 'person', x);
        if (b.participants.includes(x)) {
          return mismatch(`${path}[${k}]`, `"${x}" is a participant (who pays a share)`);
        }
        if (person.contributing && dependentIn(s, x, p + 1) === null) {
          return mismatch(
            `${path}[${k}]`,
            `"${x}" can contribute: a dependent user must be a dependent in this period or not contributing`,
          );
        }
      }
    }
    for (const [i, b] of period.flatRateBundles.entries()) {
      const fair = b.fairUse;
      if (fair === null) continue;
      const path = `${at}.flatRateBundles[${i}].fairUse`;
      const product = products.get(fair.productId);
      if (product === undefined) return unknown(`${path}.productId`, 'product', fair.productId);
      if (product.allocation !== 'effortBased') {
        return mismatch(`${path}.productId`, `"${product.id}" is not priced by effort`);
      }
      const dupTakers = dup(
        `${path}.takings`,
        fair.takings.map((x) => x.personId),
      );
      if (dupTakers) return dupTakers;
      for (const [k, t] of fair.takings.entries()) {
        if (!b.participants.includes(t.personId)) {
          return unknown(`${path}.takings[${k}].personId`, 'participant', t.personId);
        }
      }
    }
    const dupUses = dup(
      `${at}.durationUses`,
      period.durationUses.map((x) => `${x.productId}|${x.personId}`),
    );
    if (dupUses) return dupUses;
    for (const [i, u] of period.durationUses.entries()) {
      const path = `${at}.durationUses[${i}]`;
      const product = products.get(u.productId);
      if (product === undefined) return unknown(`${path}.productId`, 'product', u.productId);
      if (product.allocation !== 'byDuration') {
        return mismatch(`${path}.productId`, `"${product.id}" is not allocated by duration`);
      }
      if (!persons.has(u.personId)) return unknown(`${path}.personId`, 'person', u.personId);
      if (u.minutes > product.minutesPerPeriod) {
        return mismatch(`${path}.minutes`, `must be ≤ ${product.minutesPerPeriod}`);
      }
    }
    const dupRounds = dup(
      `${at}.biddingRounds`,
      period.biddingRounds.map((x) => x.id),
    );
    if (dupRounds) return dupRounds;
    for (const [i, b] of period.biddingRounds.entries()) {
      const path = `${at}.biddingRounds[${i}]`;
      if (!projects.has(b.projectId)) return unknown(`${path}.projectId`, 'project', b.projectId);
      const running = termEnds.get(b.id);
      if (running !== undefined && p + 1 <= running.until) {
        return mismatch(
          `${path}.id`,
          `the term of "${b.id}" started at ${running.at} runs until period ${running.until}`,
        );
      }
      termEnds.set(b.id, { at: path, until: p + b.termPeriods });
      if (b.rounds.length > b.roundLimit) {
        return mismatch(`${path}.rounds`, `at most roundLimit (${b.roundLimit}) rounds`);
      }
      for (const [r, round] of b.rounds.entries()) {
        const dupPledges = dup(
          `${path}.rounds[${r}].pledges`,
          round.pledges.map((x) => x.personId),
        );
        if (dupPledges) return dupPledges;
        for (const [k, x] of round.pledges.entries()) {
          if (!persons.has(x.personId)) {
            return unknown(`${path}.rounds[${r}].pledges[${k}].personId`, 'person', x.personId);
          }
        }
      }
    }
    for (const [i, w] of period.wishes.entries()) {
      if (!persons.has(w.personId)) {
        return unknown(`${at}.wishes[${i}].personId`, 'person', w.personId);
      }
      if (!products.has(w.productId)) {
        return unknown(`${at}.wishes[${i}].productId`, 'product', w.productId);
      }
    }
  }
  return null;
}
