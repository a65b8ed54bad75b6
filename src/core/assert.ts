// Assertions are for programmer errors only: a state the code must never reach.
// Expected rule violations (a bid above the cap, a bound exceeded) are typed results
// (see result.ts), never assertions. The core has its own assert so that it stays free
// of `node:` imports and can run in a browser unchanged.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new AssertionError(`${what} must be a safe integer, got ${String(value)}`);
  }
}

export function unreachable(value: never, what: string): never {
  throw new AssertionError(`unreachable ${what}: ${JSON.stringify(value)}`);
}
