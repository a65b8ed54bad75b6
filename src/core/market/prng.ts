// Seeded randomness for the core: a 32-bit string hash and the mulberry32 generator. The seed
// is an input and is recorded with every clearing, so a lottery can be replayed bit for bit.

/** FNV-1a over UTF-16 code units: a stable 32-bit hash of an id. */
export function hashString32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The output function of mulberry32: a well-spread 32-bit value from a 32-bit state. */
function finalize32(state: number): number {
  let t = state | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** One mulberry32 step as a mixing function of a 32-bit value. */
export function mix32(value: number): number {
  return finalize32((value + 0x6d2b79f5) | 0);
}

/** mulberry32: returns a generator of uint32 values, deterministic by seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    return finalize32(state);
  };
}

/** The lottery ticket of one party in one draw: depends only on the seed and the id. */
export function lotteryTicket(seed: number, id: string): number {
  return mix32((hashString32(id) ^ mix32(seed >>> 0)) >>> 0);
}
