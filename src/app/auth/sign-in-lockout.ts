// Locking one login for a while after repeated wrong passwords (ASVS 5.0 §6.3): the rate limit
// per client address slows one guesser; this stops many guessers aiming at one account. The
// lock is time-limited and does not grow while it holds, so nobody can lock an account for
// good, and it counts logins that do not exist alike, so a lock tells nothing about whether an
// account exists (decision 0050). Kept in memory: one server process is the deployment.
export interface LockoutRule {
  /** Wrong passwords within `windowMs` that lock the login. */
  readonly failures: number;
  readonly windowMs: number;
  /** How long the lock holds. */
  readonly lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutRule = {
  failures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

/** Entries kept before the ones that no longer matter are forgotten. */
const PRUNE_ABOVE = 10_000;

export function createSignInLockout(rule: LockoutRule, now: () => number) {
  const logins = new Map<string, { firstAt: number; count: number; lockedUntil: number }>();

  const prune = (at: number) => {
    if (logins.size <= PRUNE_ABOVE) return;
    for (const [login, entry] of logins) {
      if (entry.lockedUntil <= at && at - entry.firstAt >= rule.windowMs) logins.delete(login);
    }
  };

  return {
    /** The milliseconds the login stays locked, or null when it may try. */
    lockedFor(login: string): number | null {
      const entry = logins.get(login);
      const at = now();
      return entry !== undefined && entry.lockedUntil > at ? entry.lockedUntil - at : null;
    },
    /** Counts a wrong password (not while locked: a lock does not extend itself). */
    failed(login: string): void {
      const at = now();
      prune(at);
      let entry = logins.get(login);
      if (entry === undefined || at - entry.firstAt >= rule.windowMs) {
        entry = { firstAt: at, count: 0, lockedUntil: entry?.lockedUntil ?? 0 };
        logins.set(login, entry);
      }
      entry.count += 1;
      if (entry.count >= rule.failures) {
        entry.lockedUntil = at + rule.lockMs;
        entry.count = 0;
        entry.firstAt = at;
      }
    },
    /** A right password, or a password set through a link, starts the count afresh. */
    clear(login: string): void {
      logins.delete(login);
    },
  };
}

export type SignInLockout = ReturnType<typeof createSignInLockout>;
