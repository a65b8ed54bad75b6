// Every text that comes from a scenario file (names, ids, problem details) goes through here
// before it enters the page: ids may contain characters that mean something in HTML.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) would reorder
 * the text around them (a name could show as something it is not), and control characters
 * show as nothing; both are shown by their code instead, e.g. `[U+202E]`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

const codePoint = (c: string) =>
  `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string | number): string {
  return String(text)
    .replace(INVISIBLE, codePoint)
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
