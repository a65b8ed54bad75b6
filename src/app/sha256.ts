// SHA-256 for the use cases and the command line: idempotency keys and the fingerprint of a
// request. Outside the core, so through node:crypto; the core hashes its journal with its own
// (src/core/hash), because it may not import node modules.
import { hash } from 'node:crypto';
import { canonicalJson } from '../core/scenario/report.ts';

/** SHA-256 of the UTF-8 encoding of `text`, as 64 lowercase hex digits. The one-shot hash
 *  makes no Hash object: every request with a token or a session hashes it. */
export const textSha256 = (text: string): string => hash('sha256', text, 'hex');

/** SHA-256 of a value's canonical JSON: equal values hash alike whatever their key order. */
export const canonicalJsonSha256 = (value: unknown): string => textSha256(canonicalJson(value));
