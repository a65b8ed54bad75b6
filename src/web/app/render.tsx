// Rendering a page from a route: the layout around the content, with the reader's language,
// who is asking and where they are filled in from the request.
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Page } from './layout.tsx';
import { type Params, webText } from './texts/index.ts';
import type { WebEnv } from './web-env.ts';

export function render(
  c: Context<WebEnv>,
  title: string,
  content: Child,
  status: ContentfulStatusCode = 200,
): Response | Promise<Response> {
  const url = new URL(c.req.url);
  // The doctype keeps browsers out of quirks mode (form margins, box sizes).
  return c.html(
    <>
      {raw('<!DOCTYPE html>')}
      <Page
        lang={c.get('lang')}
        title={title}
        actor={c.get('actor')}
        here={`${url.pathname}${url.search}`}
      >
        {content}
      </Page>
    </>,
    status,
  );
}

/** The text for `key` in the request's language. */
export const textOf =
  (c: Context<WebEnv>) =>
  (key: string, params: Params = {}): string =>
    webText(c.get('lang'), key, params);

/** A page that says what went wrong, in the reader's language, with the right status. */
export function errorPage(
  c: Context<WebEnv>,
  status: 403 | 404 | 500,
  params: Params = {},
): Response | Promise<Response> {
  const t = textOf(c);
  const key = { 403: 'error.forbidden', 404: 'error.notFound', 500: 'error.internal' }[status];
  return render(
    c,
    t(`${key}.title`),
    <>
      <h1>{t(`${key}.title`)}</h1>
      <p>{t(`${key}.text`, params)}</p>
    </>,
    status,
  );
}
