// Helpers for the member pages' in-process tests: posting a form as a role, in a language.
import type { TestRole, TestServer } from '../../../http/testing.ts';

export const postForm = (
  server: TestServer,
  path: string,
  role: TestRole,
  fields: Record<string, string>,
  lang: 'en' | 'de' = 'en',
) =>
  server.request(path, {
    method: 'POST',
    role,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
    body: new URLSearchParams(fields).toString(),
  });

export const getPage = (server: TestServer, path: string, role: TestRole, lang = 'en') =>
  server.request(path, { role, headers: { 'accept-language': lang } });

/** The text of the element with this id (its first 300 characters), for asserting a refusal. */
export function textById(html: string, id: string): string {
  const at = html.indexOf(`id="${id}"`);
  if (at < 0) return '';
  const start = html.indexOf('>', at) + 1;
  return html.slice(start, html.indexOf('</', start)).slice(0, 300);
}
