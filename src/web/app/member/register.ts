// The member's pages of a pool (issue 16, "Member"): my week, the market, my work, my
// statement, goods and my household, and the calendar feed of my week.
import type { Hono } from 'hono';
import type { HttpDeps } from '../../../http/deps.ts';
import type { WebEnv } from '../web-env.ts';
import { registerCalendar } from './calendar.tsx';
import { registerGoods } from './goods.tsx';
import { registerHousehold } from './household.tsx';
import { registerMarket } from './market.tsx';
import { registerStatement } from './statement.tsx';
import { registerWeek } from './week.tsx';
import { registerWork } from './work.tsx';

export function registerMember(web: Hono<WebEnv>, deps: HttpDeps): void {
  registerWeek(web, deps);
  registerCalendar(web, deps);
  registerMarket(web, deps);
  registerWork(web, deps);
  registerStatement(web, deps);
  registerGoods(web, deps);
  registerHousehold(web, deps);
}
