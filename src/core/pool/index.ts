// Distribution pools: the chart of accounts, period settlement with the pool identity, the
// price factor, federation between pools and the open-books statement (MODEL.md M8, M16, M17;
// reference §4.8–4.9).

export * from './chart.ts';
export * from './events.ts';
export * from './federation.ts';
export * from './price-factor.ts';
export * from './settlement.ts';
export * from './statement.ts';
