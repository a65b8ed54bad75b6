// Simulate: a scenario file run in the page, and a pool's "what if".
import type { Hono } from 'hono';
import type { HttpDeps } from '../../../http/deps.ts';
import type { WebEnv } from '../web-env.ts';
import { registerSimulatePage } from './simulate-page.tsx';
import { registerWhatIfPage } from './what-if-page.tsx';

export function registerSimulate(web: Hono<WebEnv>, deps: HttpDeps) {
  registerSimulatePage(web, deps);
  registerWhatIfPage(web, deps);
}
