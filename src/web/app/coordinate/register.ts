// The coordinator's pages, registered together, and the public page a one-time link opens.
import type { Hono } from 'hono';
import type { HttpDeps } from '../../../http/deps.ts';
import type { WebEnv } from '../web-env.ts';
import { registerAuditPage } from './audit-page.tsx';
import { registerCyclePage } from './cycle-page.tsx';
import { registerLinkPage } from './link-page.tsx';
import { registerOfficePage } from './office-page.tsx';
import { registerPeoplePage } from './people-page.tsx';
import { registerSettingsPage } from './settings-page.tsx';

export function registerCoordinatePages(web: Hono<WebEnv>, deps: HttpDeps): void {
  registerCyclePage(web, deps);
  registerPeoplePage(web, deps);
  registerSettingsPage(web, deps);
  registerOfficePage(web, deps);
  registerAuditPage(web, deps);
  registerLinkPage(web, deps);
}
