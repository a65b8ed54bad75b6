// The member's pages of a pool (issue 16, "Member"): my week, the market, my work, my
// statement, goods and my household.
import type { Hono } from 'hono';
import type { HttpDeps } from '../../../http/deps.ts';
import type { WebEnv } from '../web-env.ts';
import { registerMarket } from './market.tsx';
import { registerWeek } from './week.tsx';

export function registerMember(web: Hono<WebEnv>, deps: HttpDeps): void {
  registerWeek(web, deps);
  registerMarket(web, deps);
}
