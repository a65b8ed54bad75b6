// Opaque secrets (session tokens, access tokens, link tokens) and their stored form. A secret
// is 32 random bytes in base64url with a prefix that says what it is; the database keeps only
// its SHA-256, so a copy of the database opens nothing. Randomness is injected, so tests are
// deterministic.
import { textSha256 } from '../sha256.ts';

export type RandomBytes = (length: number) => Uint8Array;

export const SECRET_BYTES = 32;

export function newSecret(random: RandomBytes, prefix: string): string {
  return `${prefix}_${Buffer.from(random(SECRET_BYTES)).toString('base64url')}`;
}

/** A short random identifier (not a secret): accounts, token ids. */
export function newId(random: RandomBytes, prefix: string): string {
  return `${prefix}_${Buffer.from(random(12)).toString('hex')}`;
}

export const secretSha256 = (secret: string): string => textSha256(secret);
