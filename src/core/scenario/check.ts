// Cross-reference checks of a scenario that a schema of shapes cannot make: unique ids and
// every id naming something declared. The failure's detail starts with the path of the
// offending field, e.g. `periods[2].bids[5].personId: unknown person "zoe"`.

import { type Failure, failure, ok, type Result } from '../result.ts';
import { checkGoodsMechanisms, type GoodsCheckCode } from './check-goods.ts';
import { duplicateAt as dup, unknownAt as unknown } from './check-paths.ts';
import { checkCommons } from './commons-check.ts';
import { checkFederation } from './federation-check.ts';
import { checkMembership } from './membership.ts';
import { checkMoney } from './money.ts';
import { checkPersonDepartures, withPersonDepartures } from './person-departures.ts';
import {
  checkProjectReferences,
  type ProjectCheckCode,
  projectChanges,
  withForks,
} from './projects.ts';
import type { Scenario } from './types.ts';

export type ScenarioCheckCode =
  | 'scenario.duplicate_id'
  | 'scenario.unknown_reference'
  | 'scenario.invalid'
  | 'scenario.not_a_member'
  | 'scenario.bad_federation'
  | 'scenario.no_currency'
  | 'scenario.pre_order_not_open'
  | ProjectCheckCode
  | GoodsCheckCode;

export function checkScenario(
  s: Scenario,
  /** Every pool of the file, when `s` is one of its federated pools (decision 0012). */
  federatedPools: ReadonlyMap<string, Scenario> | null = null,
): Result<Scenario, Failure<ScenarioCheckCode>> {
  // Forks add projects and products from their period on (decision 0014): the lists are
  // checked with them, then nothing may name a project outside its time in the pool.
  // Departures are memberships given late (decision 0035): checked, then read as such.
  const departed = checkPersonDepartures(s);
  if (departed !== null) return departed;
  const changes = projectChanges(s);
  if (!changes.ok) return changes;
  const expanded = withForks(withPersonDepartures(s), changes.value);
  const listed = checkLists(expanded, federatedPools);
  if (!listed.ok) return listed;
  return checkProjectReferences(expanded, changes.value) ?? ok(s);
}

function checkLists(
  s: Scenario,
  federatedPools: ReadonlyMap<string, Scenario> | null,
): Result<Scenario, Failure<ScenarioCheckCode>> {
  // Persons and projects share the namespace of account owners only through the chart's
  // prefixes, so they may not collide with each other's ids there; each list must be unique.
  const top =
    dup(
      'persons',
      s.persons.map((x) => x.id),
    ) ??
    dup(
      'projects',
      s.projects.map((x) => x.id),
    ) ??
    dup(
      'products',
      s.products.map((x) => x.id),
    ) ??
    dup(
      'associations',
      s.associations.map((x) => x.id),
    );
  const units =
    dup(
      'housingUnits',
      s.housingUnits.map((x) => x.id),
    ) ??
    dup(
      'resources',
      s.resources.map((x) => x.id),
    ) ??
    dup(
      'durableGoods',
      s.durableGoods.map((x) => x.id),
    );
  const first = top ?? units;
  if (first) return first;
  const associations = new Set(s.associations.map((x) => x.id));
  for (const [i, a] of s.associations.entries()) {
    if (a.parentId !== null && !associations.has(a.parentId)) {
      return unknown(`associations[${i}].parentId`, 'association', a.parentId);
    }
  }
  for (const [i, person] of s.persons.entries()) {
    if (person.residence !== null && !associations.has(person.residence)) {
      return unknown(`persons[${i}].residence`, 'association', person.residence);
    }
  }
  const persons = new Set(s.persons.map((x) => x.id));
  const projects = new Set(s.projects.map((x) => x.id));
  const products = new Set(s.products.map((x) => x.id));
  for (const [i, project] of s.projects.entries()) {
    for (const [k, m] of project.maintainers.entries()) {
      if (!persons.has(m)) return unknown(`projects[${i}].maintainers[${k}]`, 'person', m);
    }
    for (const [k, m] of project.namedConfirmers.entries()) {
      if (!persons.has(m)) return unknown(`projects[${i}].namedConfirmers[${k}]`, 'person', m);
    }
  }
  for (const [i, product] of s.products.entries()) {
    if (!projects.has(product.projectId)) {
      return unknown(`products[${i}].projectId`, 'project', product.projectId);
    }
  }
  for (const [i, project] of s.projects.entries()) {
    if (project.seat !== null && !associations.has(project.seat)) {
      return unknown(`projects[${i}].seat`, 'association', project.seat);
    }
  }
  for (const [i, r] of s.resources.entries()) {
    if (!associations.has(r.stewardAssociationId)) {
      return unknown(`resources[${i}].stewardAssociationId`, 'association', r.stewardAssociationId);
    }
    for (const [k, a] of r.pooledBy.entries()) {
      if (!associations.has(a)) return unknown(`resources[${i}].pooledBy[${k}]`, 'association', a);
    }
    if (!projects.has(r.extractionProjectId)) {
      return unknown(`resources[${i}].extractionProjectId`, 'project', r.extractionProjectId);
    }
  }
  const dupSubscriptions = dup(
    'subscriptions',
    s.subscriptions.map((x) => x.id),
  );
  if (dupSubscriptions) return dupSubscriptions;
  for (const [i, x] of s.subscriptions.entries()) {
    if (!persons.has(x.personId))
      return unknown(`subscriptions[${i}].personId`, 'person', x.personId);
    if (!products.has(x.productId)) {
      return unknown(`subscriptions[${i}].productId`, 'product', x.productId);
    }
  }
  // Pre-orders stay open across periods, so their ids are unique over the whole file, and a
  // cancellation names one placed in this period or before, to be taken when produced (one
  // taken by a later request is only a planning input: there is no commitment to cancel).
  const placed = new Map<string, string>();
  const committed = new Set<string>();
  const cancelled = new Set<string>();
  const resources = new Set(s.resources.map((x) => x.id));
  for (const [i, g] of s.durableGoods.entries()) {
    if (!associations.has(g.stewardAssociationId)) {
      return unknown(
        `durableGoods[${i}].stewardAssociationId`,
        'association',
        g.stewardAssociationId,
      );
    }
  }
  const goods = new Set(s.durableGoods.map((x) => x.id));
  for (const [i, unit] of s.housingUnits.entries()) {
    if (!projects.has(unit.projectId)) {
      return unknown(`housingUnits[${i}].projectId`, 'project', unit.projectId);
    }
  }
  const housingUnits = new Set(s.housingUnits.map((x) => x.id));
  for (const [p, period] of s.periods.entries()) {
    const at = `periods[${p}]`;
    const dupLists =
      dup(
        `${at}.tasks`,
        period.tasks.map((x) => x.id),
      ) ??
      dup(
        `${at}.work`,
        period.work.map((x) => x.id),
      ) ??
      dup(
        `${at}.bids`,
        period.bids.map((b) => `${b.round}|${b.instanceId}|${b.personId}`),
      ) ??
      dup(
        `${at}.requests`,
        period.requests.map((r) => `${r.productId}|${r.personId}`),
      ) ??
      dup(
        `${at}.residencies`,
        period.residencies.map((r) => r.personId),
      ) ??
      dup(
        `${at}.capacityFactors`,
        period.capacityFactors.map((r) => r.personId),
      );
    if (dupLists) return dupLists;
    const tasks = new Set(period.tasks.map((x) => x.id));
    for (const [i, t] of period.tasks.entries()) {
      if (!projects.has(t.projectId))
        return unknown(`${at}.tasks[${i}].projectId`, 'project', t.projectId);
    }
    for (const [i, b] of period.bids.entries()) {
      if (!persons.has(b.personId))
        return unknown(`${at}.bids[${i}].personId`, 'person', b.personId);
      if (!tasks.has(b.instanceId))
        return unknown(`${at}.bids[${i}].instanceId`, 'task', b.instanceId);
    }
    const dupNoShows = dup(
      `${at}.noShows`,
      period.noShows.map((x) => `${x.instanceId}|${x.personId}`),
    );
    if (dupNoShows) return dupNoShows;
    for (const [i, x] of period.noShows.entries()) {
      if (!persons.has(x.personId))
        return unknown(`${at}.noShows[${i}].personId`, 'person', x.personId);
      if (!tasks.has(x.instanceId))
        return unknown(`${at}.noShows[${i}].instanceId`, 'task', x.instanceId);
    }
    for (const [i, w] of period.work.entries()) {
      if (!persons.has(w.personId))
        return unknown(`${at}.work[${i}].personId`, 'person', w.personId);
      if (!tasks.has(w.instanceId))
        return unknown(`${at}.work[${i}].instanceId`, 'task', w.instanceId);
      if (w.confirmedBy !== null && !persons.has(w.confirmedBy)) {
        return unknown(`${at}.work[${i}].confirmedBy`, 'person', w.confirmedBy);
      }
    }
    for (const [i, x] of period.production.entries()) {
      if (!products.has(x.productId))
        return unknown(`${at}.production[${i}].productId`, 'product', x.productId);
    }
    for (const [i, r] of period.requests.entries()) {
      if (!persons.has(r.personId))
        return unknown(`${at}.requests[${i}].personId`, 'person', r.personId);
      if (!products.has(r.productId))
        return unknown(`${at}.requests[${i}].productId`, 'product', r.productId);
      if (r.release === 'onCompletion' && r.premiumTermPeriods === null) {
        return failure(
          'scenario.invalid',
          `${at}.requests[${i}].release: onCompletion needs premiumTermPeriods (the good waits for the committed work)`,
        );
      }
    }
    const dupSales = dup(
      `${at}.discountSales`,
      period.discountSales.map((x) => x.productId),
    );
    if (dupSales) return dupSales;
    for (const [i, x] of period.discountSales.entries()) {
      if (!products.has(x.productId)) {
        return unknown(`${at}.discountSales[${i}].productId`, 'product', x.productId);
      }
      const dupBuyers = dup(
        `${at}.discountSales[${i}].requests`,
        x.requests.map((r) => r.personId),
      );
      if (dupBuyers) return dupBuyers;
      for (const [k, r] of x.requests.entries()) {
        if (!persons.has(r.personId)) {
          return unknown(`${at}.discountSales[${i}].requests[${k}].personId`, 'person', r.personId);
        }
      }
    }
    for (const [i, x] of period.writeOffs.entries()) {
      if (!products.has(x.productId))
        return unknown(`${at}.writeOffs[${i}].productId`, 'product', x.productId);
    }
    for (const [i, x] of period.workInProgress.entries()) {
      if (!projects.has(x.projectId))
        return unknown(`${at}.workInProgress[${i}].projectId`, 'project', x.projectId);
    }
    for (const [i, x] of period.services.entries()) {
      if (!associations.has(x.associationId)) {
        return unknown(`${at}.services[${i}].associationId`, 'association', x.associationId);
      }
      if (!projects.has(x.projectId)) {
        return unknown(`${at}.services[${i}].projectId`, 'project', x.projectId);
      }
    }
    for (const [c, change] of period.settingsChanges.entries()) {
      for (const [k, a] of (change.associations ?? []).entries()) {
        if (!associations.has(a.id)) {
          return unknown(`${at}.settingsChanges[${c}].associations[${k}].id`, 'association', a.id);
        }
      }
    }
    for (const [i, x] of period.residencies.entries()) {
      if (!persons.has(x.personId)) {
        return unknown(`${at}.residencies[${i}].personId`, 'person', x.personId);
      }
      if (x.associationId !== null && !associations.has(x.associationId)) {
        return unknown(`${at}.residencies[${i}].associationId`, 'association', x.associationId);
      }
    }
    const dupOccupancy = dup(
      `${at}.occupancy`,
      period.occupancy.map((o) => o.unitId),
    );
    if (dupOccupancy) return dupOccupancy;
    for (const [i, o] of period.occupancy.entries()) {
      if (!housingUnits.has(o.unitId)) {
        return unknown(`${at}.occupancy[${i}].unitId`, 'housing unit', o.unitId);
      }
      const dupResident = dup(
        `${at}.occupancy[${i}].residents`,
        o.residents.map((r) => r.personId),
      );
      if (dupResident) return dupResident;
      for (const [k, r] of o.residents.entries()) {
        if (!persons.has(r.personId)) {
          return unknown(`${at}.occupancy[${i}].residents[${k}].personId`, 'person', r.personId);
        }
      }
    }
    const dupClaims = dup(
      `${at}.resourceClaims`,
      period.resourceClaims.map((c) => `${c.resourceId}|${c.personId ?? ''}|${c.projectId ?? ''}`),
    );
    if (dupClaims) return dupClaims;
    for (const [i, c] of period.resourceClaims.entries()) {
      if (!resources.has(c.resourceId)) {
        return unknown(`${at}.resourceClaims[${i}].resourceId`, 'resource', c.resourceId);
      }
      if (c.personId !== null && !persons.has(c.personId)) {
        return unknown(`${at}.resourceClaims[${i}].personId`, 'person', c.personId);
      }
      if (c.projectId !== null && !projects.has(c.projectId)) {
        return unknown(`${at}.resourceClaims[${i}].projectId`, 'project', c.projectId);
      }
    }
    const dupActions = dup(
      `${at}.possession`,
      period.possession.map((x) => `${x.goodId}|${x.personId}|${x.action}`),
    );
    if (dupActions) return dupActions;
    for (const [i, x] of period.possession.entries()) {
      if (!goods.has(x.goodId))
        return unknown(`${at}.possession[${i}].goodId`, 'durable good', x.goodId);
      if (!persons.has(x.personId)) {
        return unknown(`${at}.possession[${i}].personId`, 'person', x.personId);
      }
    }
    const dupPreOrders = dup(
      `${at}.preOrders`,
      period.preOrders.map((x) => x.id),
    );
    if (dupPreOrders) return dupPreOrders;
    for (const [i, x] of period.preOrders.entries()) {
      if (!persons.has(x.personId))
        return unknown(`${at}.preOrders[${i}].personId`, 'person', x.personId);
      if (!products.has(x.productId)) {
        return unknown(`${at}.preOrders[${i}].productId`, 'product', x.productId);
      }
      const earlier = placed.get(x.id);
      if (earlier !== undefined) {
        return failure(
          'scenario.duplicate_id',
          `${at}.preOrders[${i}]: "${x.id}" was placed already in ${earlier}`,
        );
      }
      placed.set(x.id, at);
      if (x.fulfil === 'production') committed.add(x.id);
    }
    for (const [i, x] of period.preOrderCancellations.entries()) {
      const path = `${at}.preOrderCancellations[${i}].preOrderId`;
      if (!placed.has(x.preOrderId)) return unknown(path, 'pre-order', x.preOrderId);
      if (!committed.has(x.preOrderId)) {
        return failure(
          'scenario.pre_order_not_open',
          `${path}: "${x.preOrderId}" is taken by a request, not when produced: there is no commitment to cancel`,
        );
      }
      if (cancelled.has(x.preOrderId)) {
        return failure('scenario.duplicate_id', `${path}: "${x.preOrderId}" is cancelled twice`);
      }
      cancelled.add(x.preOrderId);
    }
    const dupServices = dup(
      `${at}.personalServices`,
      period.personalServices.map((x) => x.id),
    );
    if (dupServices) return dupServices;
    for (const [i, x] of period.personalServices.entries()) {
      for (const [field, value] of [
        ['giverId', x.giverId],
        ['beneficiaryId', x.beneficiaryId],
        ['confirmedBy', x.confirmedBy],
      ] as const) {
        if (value !== null && !persons.has(value)) {
          return unknown(`${at}.personalServices[${i}].${field}`, 'person', value);
        }
      }
    }
    const dupBundles = dup(
      `${at}.flatRateBundles`,
      period.flatRateBundles.map((x) => x.id),
    );
    if (dupBundles) return dupBundles;
    for (const [i, b] of period.flatRateBundles.entries()) {
      if (!projects.has(b.projectId)) {
        return unknown(`${at}.flatRateBundles[${i}].projectId`, 'project', b.projectId);
      }
      const dupParticipants = dup(`${at}.flatRateBundles[${i}].participants`, b.participants);
      if (dupParticipants) return dupParticipants;
      for (const [k, x] of b.participants.entries()) {
        if (!persons.has(x)) {
          return unknown(`${at}.flatRateBundles[${i}].participants[${k}]`, 'person', x);
        }
      }
    }
    const dupDependents = dup(
      `${at}.dependents`,
      period.dependents.map((x) => x.personId),
    );
    if (dupDependents) return dupDependents;
    for (const [i, x] of period.dependents.entries()) {
      if (!persons.has(x.personId)) {
        return unknown(`${at}.dependents[${i}].personId`, 'person', x.personId);
      }
    }
    for (const [i, x] of period.capacityFactors.entries()) {
      if (!persons.has(x.personId)) {
        return unknown(`${at}.capacityFactors[${i}].personId`, 'person', x.personId);
      }
    }
  }
  return (
    checkGoodsMechanisms(s) ??
    checkCommons(s) ??
    checkMembership(s) ??
    checkFederation(s, federatedPools, checkScenario) ??
    checkMoney(s) ??
    ok(s)
  );
}
