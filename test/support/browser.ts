// Browser tests' support: the test server on a loopback port, one headless Chromium (Debian's,
// driven by playwright-core) per test file with a fresh context per journey (`openSite` sets
// both up), signing in through the form, what the page's security policy blocked, the page's
// width, and an axe-core check that fails on any serious or critical violation.
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { PASSWORD, type TestServer } from '../../src/http/testing.ts';
import { duplicateIds } from './html.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    // Said plainly, before anything is started that would keep the test process alive.
    return Promise.reject(
      new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium, or set CHROMIUM`),
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Serves the test server's app on 127.0.0.1 at a free port; its base URL and how to stop it. */
export async function listen(
  server: TestServer,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
  if (!http.listening) await once(http, 'listening');
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()));
        (http as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

/** Signs `login` in through the sign-in form of the page's site. */
export async function signIn(
  page: Page,
  baseUrl: string,
  login: string,
  lang = 'en',
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?lang=${lang}`);
  await page.locator('#f-login').fill(login);
  await page.locator('#f-password').fill(PASSWORD);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/sign-in'),
    page.locator('form.stack button[type=submit]').click(),
  ]);
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { target: readonly string[] }[];
}

/** The serious and critical accessibility violations axe-core finds on the page, and any id
 *  the page repeats (axe-core 4 no longer reports those). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's script policy does not apply.
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
  )) as AxeViolation[];
  const repeated = duplicateIds(await page.content()).map((id) => `duplicate id "${id}"`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    )
    .concat(repeated);
}

/** How wide the page is laid out (more than the viewport: it scrolls sideways). */
export const pageWidth = async (page: Page): Promise<number> =>
  (await page.evaluate('document.documentElement.scrollWidth')) as number;

/** A fresh browser context with its page, and what the page's security policy refused. */
export interface WatchedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly blocked: string[];
}

/** A test file's site: its server on a loopback port and the file's one browser. */
export interface Site<S extends TestServer = TestServer> {
  readonly server: S;
  readonly url: string;
  readonly browser: Browser;
  /** A fresh context at `viewport` (a phone's by default) that records what was blocked. */
  watchedPage(viewport?: { width: number; height: number }): Promise<WatchedPage>;
  /** A watched page signed in as `login` in `lang`. */
  personAt(
    login: string,
    lang?: string,
    viewport?: { width: number; height: number },
  ): Promise<WatchedPage>;
  /** Stops the server, and the browser when the site launched it. */
  close(): Promise<void>;
}

/**
 * Starts a server with `start`, serves it on a loopback port and launches the browser (or uses
 * `browser`, which then outlives the site): what a browser test file sets up once.
 */
export async function openSite<S extends TestServer>(
  start: () => Promise<S>,
  browser?: Browser,
): Promise<Site<S>> {
  // The browser first: a launch that fails must not leave a server listening, which would keep
  // the test file's process from ever ending.
  const own = browser === undefined ? await launchBrowser() : null;
  const server = await start();
  const http = await listen(server);
  const chromium = browser ?? own!;
  const watchedPage = async (viewport: { width: number; height: number } = PHONE) => {
    const context = await chromium.newContext({ viewport });
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) {
        blocked.push(message.text());
      }
    });
    return { context, page, blocked };
  };
  return {
    server,
    url: http.url,
    browser: chromium,
    watchedPage,
    async personAt(login, lang = 'en', viewport = PHONE) {
      const watched = await watchedPage(viewport);
      await signIn(watched.page, http.url, login, lang);
      return watched;
    },
    async close() {
      await own?.close();
      await http.stop();
      await server.close();
    },
  };
}
