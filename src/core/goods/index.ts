// Goods: effort prices and open supply chains, allocation models, takings, preference
// weighting for scarce goods and discounts for surplus, and production planning
// (MODEL.md M5–M7, M9, M14, M17; reference §4.6–4.8, §4.10, §4.15, §7.3).

export * from './allocation.ts';
export * from './effort-price.ts';
export * from './planning.ts';
export * from './preference.ts';
export * from './premium-payment.ts';
export * from './supply-chain.ts';
export * from './surplus-discounts.ts';
export * from './takings.ts';
export * from './unit-auction.ts';
