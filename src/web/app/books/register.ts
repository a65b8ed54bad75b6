// The open-books area: the overview, the journal with its verification, supply chains.
import type { Hono } from 'hono';
import type { HttpDeps } from '../../../http/deps.ts';
import type { WebEnv } from '../web-env.ts';
import { registerBooksPage } from './books-page.tsx';
import { registerJournalPages } from './journal-page.tsx';
import { registerSupplyChainPage } from './supply-chain-page.tsx';

export function registerBooks(web: Hono<WebEnv>, deps: HttpDeps) {
  registerJournalPages(web, deps);
  registerSupplyChainPage(web, deps);
  registerBooksPage(web, deps);
}
