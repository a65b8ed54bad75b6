// What in a page's HTML would run script under a weaker policy: a <script> with a body, an
// on* handler attribute, a javascript: URL. The server escapes every text it writes, so a
// tag in its output is markup it meant; a small tag scanner is enough to read it.
const TAG =
  /<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster']);

const decode = (value: string): string =>
  value
    .replace(/^["']|["']$/g, '')
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&amp;/g, '&');

/** Each place in the HTML that carries script other than a <script src> of this site. */
export function inlineScriptIn(html: string): string[] {
  const found: string[] = [];
  for (const [, attributes = '', body = ''] of html.matchAll(SCRIPT)) {
    if (body.trim() !== '') found.push(`inline <script> body: ${body.trim().slice(0, 60)}`);
    if (!/\bsrc\s*=\s*["']?\//.test(attributes)) found.push(`<script${attributes}> not from /`);
  }
  for (const [tag, name, attributes = ''] of html.matchAll(TAG)) {
    for (const [, attribute = '', raw] of attributes.matchAll(ATTRIBUTE)) {
      const key = attribute.toLowerCase();
      if (key.startsWith('on')) found.push(`<${name} ${attribute}=…> handler: ${tag.slice(0, 80)}`);
      if (raw !== undefined && URL_ATTRIBUTES.has(key)) {
        // A browser drops tabs and newlines inside a scheme; so does this check.
        const url = decode(raw)
          .replace(/[\t\n\r]/g, '')
          .trim()
          .toLowerCase();
        if (/^(javascript|vbscript|data:text\/html)/.test(url) || url.startsWith('javascript:')) {
          found.push(`<${name} ${attribute}="${url.slice(0, 40)}">`);
        }
      }
    }
  }
  return found;
}
