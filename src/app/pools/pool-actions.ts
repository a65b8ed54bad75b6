// The pool's writes as the server offers them: each asks its policy, then one economy use case,
// and records in the audit log what members may read about it (period steps, office mode).
// Idempotency keys are the client's, scoped to its account so two accounts never collide.

import { assembleScenario } from '../../core/cycle/inputs.ts';
import type { CycleStep } from '../../core/cycle/stages.ts';
import { failure, ok } from '../../core/result.ts';
import type {
  EconomyService,
  GivenInputRequest,
  InputRequest,
} from '../economy/economy-service.ts';
import { unknownPool } from '../economy/refusals.ts';
import type { Actor, PoolFacts } from '../policies/actor.ts';
import { canCoordinate, canSubmitInput, needsPoolFacts } from '../policies/permissions.ts';
import {
  FACTS_EARLIER_KINDS,
  FACTS_OPEN_KINDS,
  poolFactsOf,
  poolOnlyFacts,
} from '../policies/pool-facts.ts';
import type { AuthStore } from '../ports/auth-store.ts';
import type { EconomyStore } from '../ports/economy-store.ts';
import { auditWriter, refusedBy } from './audit.ts';
import { openPeriodInputs } from './open-inputs.ts';

export interface PoolActionDeps {
  readonly economy: EconomyService;
  readonly economyStore: EconomyStore;
  readonly authStore: AuthStore;
  readonly now: () => number;
}

export const scopedKey = (actor: Actor, key: string) => `http:${actor.accountId}:${key}`;

export function createPoolActions(deps: PoolActionDeps) {
  const { economy, economyStore, authStore, now } = deps;

  const audit = auditWriter(authStore, now, { once: true });

  async function factsOf(poolId: string) {
    const read = await economyStore.transaction(async (tx) => {
      const pool = await tx.findPool(poolId);
      if (pool === undefined) return undefined;
      const open = pool.cycle.period;
      const inputs = await tx.loadOpenInputs(poolId, open, FACTS_EARLIER_KINDS, FACTS_OPEN_KINDS);
      return { scenario: assembleScenario(pool.settings, inputs, open), open };
    });
    if (read === undefined) return unknownPool(poolId);
    return ok(poolFactsOf(read.scenario, await authStore.publicBooks(poolId), read.open));
  }

  /** Asks the policy for every input with these facts; the office-mode persons, or the
   *  first refusal. */
  function decide(actor: Actor, facts: PoolFacts, inputs: readonly GivenInputRequest[]) {
    const office: string[] = [];
    for (const input of inputs) {
      const decision = canSubmitInput(actor, facts, input.kind, input.record);
      if (!decision.allowed) return refusedBy(decision);
      if (decision.officeFor !== null) office.push(decision.officeFor);
    }
    return ok(office);
  }

  /**
   * Asks the policy for every input; the office-mode persons, or the first refusal. A member's
   * own inputs (a bid …) are decided by the pool's id alone (`needsPoolFacts`), so they are
   * asked without reading anything: when allowed, the economy's use case then answers an
   * unknown pool itself, before anything else (each locks the pool first), as this did; only
   * a refusal reads whether the pool exists, since an unknown pool answers before a refusal.
   * On PostgreSQL that read was a round trip of its own for every bid.
   */
  async function authorizeInputs(
    actor: Actor,
    poolId: string,
    inputs: readonly GivenInputRequest[],
  ) {
    if (!inputs.some((input) => needsPoolFacts(input.kind, input.record))) {
      // `publicBooks` is not read by `canSubmitInput` (only the pool's id is, for these).
      const decided = decide(actor, poolOnlyFacts(poolId, false), inputs);
      if (decided.ok) return decided;
      const access = await authStore.poolAccess(poolId);
      return access.exists ? decided : unknownPool(poolId);
    }
    const facts = await factsOf(poolId);
    if (!facts.ok) return facts;
    return decide(actor, facts.value, inputs);
  }

  const findInput = (poolId: string, seq: number) =>
    economyStore.transaction((tx) => tx.findInput(poolId, seq));

  return {
    /** What the policies know of a pool: public books, maintainers, confirmers, projects. */
    facts: factsOf,

    /** The open period's inputs of a kind with their sequence numbers (open-inputs.ts). */
    openInputs: (poolId: string, kind: string) => openPeriodInputs(economyStore, poolId, kind),

    /** Gives inputs (of a period, or of the one open at the write: `period: 'open'`). */
    async submit(actor: Actor, poolId: string, key: string, inputs: readonly GivenInputRequest[]) {
      const authorized = await authorizeInputs(actor, poolId, inputs);
      if (!authorized.ok) return authorized;
      const submitted = await economy.submitInputs(poolId, scopedKey(actor, key), inputs);
      if (submitted.ok) {
        for (const person of new Set(authorized.value)) {
          await audit(
            poolId,
            actor,
            'inputs.office',
            { key, kinds: inputs.map((i) => i.kind), firstSeq: submitted.value.firstSeq },
            person,
          );
        }
      }
      return submitted;
    },

    async withdraw(actor: Actor, poolId: string, key: string, seq: number) {
      const input = await findInput(poolId, seq);
      if (input === undefined) {
        const status = await economy.status(poolId);
        if (!status.ok) return status;
        return failure('economy.unknown_input', `pool "${poolId}" has no input ${seq}`);
      }
      const authorized = await authorizeInputs(actor, poolId, [input]);
      if (!authorized.ok) return authorized;
      const withdrawn = await economy.withdrawInput(poolId, scopedKey(actor, key), seq);
      if (withdrawn.ok && authorized.value.length > 0) {
        await audit(poolId, actor, 'inputs.withdrawn.office', { key, seq }, authorized.value[0]!);
      }
      return withdrawn;
    },

    /**
     * Replaces the actor's inputs `seqs` by `inputs` in one write, all or none (a changed bid,
     * a subscription changed from a period on): the policy is asked for every input withdrawn
     * and every one given, then one economy use case does both.
     */
    async replace(
      actor: Actor,
      poolId: string,
      key: string,
      seqs: readonly number[],
      inputs: readonly InputRequest[],
    ) {
      const old: InputRequest[] = [];
      for (const seq of seqs) {
        // A withdrawn one is asked about too: a retry of this replacement answers as before.
        const input = await findInput(poolId, seq);
        if (input === undefined) {
          const status = await economy.status(poolId);
          if (!status.ok) return status;
          return failure('economy.unknown_input', `pool "${poolId}" has no input ${seq}`);
        }
        old.push(input);
      }
      const authorized = await authorizeInputs(actor, poolId, [...old, ...inputs]);
      if (!authorized.ok) return authorized;
      const replaced = await economy.replaceInputs(poolId, scopedKey(actor, key), seqs, inputs);
      if (replaced.ok) {
        for (const person of new Set(authorized.value)) {
          const kinds = inputs.map((i) => i.kind);
          await audit(poolId, actor, 'inputs.replaced.office', { key, seqs, kinds }, person);
        }
      }
      return replaced;
    },

    /**
     * Confirms work records as the actor's person: the unconfirmed records are withdrawn and the
     * same records, confirmed, given in their place, all in one transaction, so a confirmation
     * the economy refuses leaves the records as they were.
     */
    async confirmWork(
      actor: Actor,
      poolId: string,
      key: string,
      seqs: readonly number[],
      confirmedBy: string,
    ) {
      const confirmed: { seq: number; input: InputRequest }[] = [];
      for (const seq of new Set(seqs)) {
        const input = await findInput(poolId, seq);
        if (input === undefined || input.kind !== 'work') {
          const status = await economy.status(poolId);
          if (!status.ok) return status;
          return failure('economy.unknown_input', `pool "${poolId}" has no work record ${seq}`);
        }
        const record = { ...(input.record as object), confirmedBy };
        confirmed.push({ seq, input: { kind: 'work', period: input.period, record } });
      }
      const inputs = confirmed.map((c) => c.input);
      const authorized = await authorizeInputs(actor, poolId, inputs);
      if (!authorized.ok) return authorized;
      return economy.replaceInputs(
        poolId,
        scopedKey(actor, `${key}:confirm`),
        confirmed.map((c) => c.seq),
        inputs,
      );
    },

    async advance(actor: Actor, poolId: string, key: string, step: CycleStep) {
      const decision = canCoordinate(actor, poolId);
      if (!decision.allowed) return refusedBy(decision);
      const scoped = scopedKey(actor, key);
      // A step this key took in a server that stopped before writing its audit entry answers
      // `alreadyDone` from then on; the client's retry writes the entry (once).
      const takenBefore =
        (await economyStore.transaction((tx) => tx.findAnswer(poolId, scoped))) !== undefined;
      const stepped = await economy.advance(poolId, scoped, step);
      if (stepped.ok && (!stepped.value.alreadyDone || takenBefore)) {
        await audit(poolId, actor, 'period.step', step);
      }
      return stepped;
    },
  };
}

export type PoolActions = ReturnType<typeof createPoolActions>;
