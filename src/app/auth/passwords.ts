// Password hashing with argon2id (@node-rs/argon2). The cost is configurable so tests run
// fast; the defaults follow OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane).
import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` of the library, a const enum that cannot be imported here. */
const ARGON2ID = 2;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
}

export interface Argon2Cost {
  readonly memoryCostKib: number;
  readonly timeCost: number;
}

export const DEFAULT_ARGON2_COST: Argon2Cost = { memoryCostKib: 19 * 1024, timeCost: 2 };
/** For tests only: the lowest cost argon2 takes. */
export const TEST_ARGON2_COST: Argon2Cost = { memoryCostKib: 8, timeCost: 1 };

export function argon2idHasher(cost: Argon2Cost = DEFAULT_ARGON2_COST): PasswordHasher {
  const options = {
    algorithm: ARGON2ID,
    memoryCost: cost.memoryCostKib,
    timeCost: cost.timeCost,
    parallelism: 1,
  };
  return {
    hash: (password) => hash(password, options),
    async verify(passwordHash, password) {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
  };
}
