// The association steward's area: the overview and adding a dependent with its preview.
import type { Hono } from 'hono';
import type { HttpDeps } from '../../../http/deps.ts';
import type { WebEnv } from '../web-env.ts';
import { registerAssociationPage } from './association-page.tsx';
import { registerDependentForm } from './dependent-form.tsx';

export function registerAssociation(web: Hono<WebEnv>, deps: HttpDeps) {
  registerDependentForm(web, deps);
  registerAssociationPage(web, deps);
}
