// The coordinator's pages, registered together.
import type { Hono } from 'hono';
import type { HttpDeps } from '../../../http/deps.ts';
import type { WebEnv } from '../web-env.ts';
import { registerCyclePage } from './cycle-page.tsx';

export function registerCoordinatePages(web: Hono<WebEnv>, deps: HttpDeps): void {
  registerCyclePage(web, deps);
}
