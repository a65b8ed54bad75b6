// A fixed-window request counter per key (the client address for sign-in, the account for
// writes), kept in memory: one server process is the deployment this serves. The clock is
// injected so tests need not wait.
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export function createRateLimiter(rule: RateLimit, now: () => number) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one request; the seconds to wait when the key is over its limit, else null. */
    take(key: string): number | null {
      const at = now();
      let window = windows.get(key);
      if (window === undefined || at - window.start >= rule.windowMs) {
        // Forget windows that ended, so the map does not grow with every client ever seen.
        if (windows.size > 10_000) {
          for (const [k, w] of windows) if (at - w.start >= rule.windowMs) windows.delete(k);
        }
        window = { start: at, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= rule.limit) return null;
      return Math.max(1, Math.ceil((window.start + rule.windowMs - at) / 1000));
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
