// Sign-ins waiting for their second factor: the password was right, the account has a confirmed
// TOTP factor, so instead of a session the password step gets a short-lived pending token that
// only a right code turns into a session. Kept in memory (one server process is the
// deployment, as for the sign-in lockout): a restart only means typing the password again.
import type { SecondFactorStore } from '../ports/second-factor-store.ts';
import { newSecret, type RandomBytes, secretSha256 } from './secrets.ts';

/** How long the second step may take after the password step. */
export const PENDING_SIGN_IN_MS = 5 * 60_000;
/** Entries kept before the expired ones are forgotten. */
const PRUNE_ABOVE = 10_000;

export interface PendingSignIn {
  /** Handed to the client; kept here only as SHA-256. */
  readonly pendingToken: string;
  readonly expiresAt: number;
}

interface Waiting {
  readonly accountId: string;
  readonly login: string;
  readonly expiresAt: number;
}

export function createPendingSignIns(deps: {
  readonly store: SecondFactorStore;
  readonly now: () => number;
  readonly random: RandomBytes;
}) {
  const waiting = new Map<string, Waiting>();
  const prune = (at: number) => {
    if (waiting.size <= PRUNE_ABOVE) return;
    for (const [key, entry] of waiting) if (entry.expiresAt <= at) waiting.delete(key);
  };

  return {
    /** A pending sign-in when the account has a confirmed second factor; null when not. */
    async begin(accountId: string, login: string): Promise<PendingSignIn | null> {
      const factor = await deps.store.findTotp(accountId);
      if (factor?.confirmedAt === null || factor === undefined) return null;
      const at = deps.now();
      prune(at);
      const pendingToken = newSecret(deps.random, 'pcp');
      const expiresAt = at + PENDING_SIGN_IN_MS;
      waiting.set(secretSha256(pendingToken), { accountId, login, expiresAt });
      return { pendingToken, expiresAt };
    },
    /** The sign-in a pending token stands for, while it has not expired. */
    find(pendingToken: string): Omit<Waiting, 'expiresAt'> | undefined {
      const key = secretSha256(pendingToken);
      const entry = waiting.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= deps.now()) {
        waiting.delete(key);
        return undefined;
      }
      return { accountId: entry.accountId, login: entry.login };
    },
    /** Ends a pending sign-in (completed): its token is not taken again. */
    end(pendingToken: string): void {
      waiting.delete(secretSha256(pendingToken));
    },
  };
}

export type PendingSignIns = ReturnType<typeof createPendingSignIns>;
