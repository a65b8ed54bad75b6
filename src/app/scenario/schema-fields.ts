// The scenario file format's building blocks (schema.ts): ids, bounded counts and lists. The
// limits keep a file from asking for more than a run can hold.

import { z } from 'zod';

export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
export const id = z
  .string()
  .regex(ID_PATTERN, { error: 'must be an id: 1–128 of A-Z a-z 0-9 _ . : -' });
export const count = (max: number) => z.int().min(0).max(max);
export const positive = (max: number) => z.int().min(1).max(max);
export const WEIGHT_MAX = 1_000_000;
export const EFFORT_MAX = 1_000_000_000_000;
/** The most entries a list of the file takes (a period's bids …). */
export const LIST_MAX = 100_000;
export const list = <T extends z.ZodType>(item: T) => z.array(item).max(LIST_MAX).default([]);
