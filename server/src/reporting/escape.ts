/**
 * Escaping shared by the renderers. Every string in a report may come from workspace code (agent names,
 * tool keys, file names, messages quoting identifiers), so each format treats report text as hostile:
 * it must render as text and never as markup, links or terminal control sequences.
 */

/**
 * Characters that can disguise or hide text: C0/C1 controls (ANSI escape sequences start with ESC),
 * DEL, and the Unicode bidirectional overrides/isolates used in "Trojan Source" attacks. Line breaks
 * and tabs are handled separately by {@link singleLine}.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Line terminators, including the ones JavaScript and some terminals treat as such. */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g;

/** Replaces each invisible control character with a visible `\u{…}` notation, so nothing is hidden. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16).padStart(4, '0')}}`);
}

/** One line of visible text: line breaks and tabs become spaces, other controls become visible. */
export function singleLine(text: string): string {
  return showInvisible(text.replace(LINE_BREAKS, ' ').replace(/\t/g, ' '));
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML element content or a quoted attribute value. */
export function htmlText(text: string): string {
  return showInvisible(text).replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

/**
 * Inline Markdown text, safe inside a GitHub-flavoured table cell: one line; `&`, `<` and `>` as
 * entities so no HTML is injected; and a backslash before every character that could open Markdown
 * syntax (emphasis, code spans, links and images, tables, strikethrough, headings), so a name cannot
 * become a link, break out of its cell or start a code span.
 */
export function markdownText(text: string): string {
  return singleLine(text)
    .replace(/[\\`*[\]|~!#]/g, (ch) => `\\${ch}`)
    // An underscore between letters or digits cannot open emphasis (`STRIPE_SECRET_KEY` stays readable).
    .replace(/_/g, (ch, at: number, all: string) => (/[A-Za-z0-9]/.test(all[at - 1] ?? '') && /[A-Za-z0-9]/.test(all[at + 1] ?? '') ? ch : `\\${ch}`))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A URL as a Markdown link destination: characters that would end or confuse it are percent-encoded. */
export function markdownUrl(url: string): string {
  return encodeURI(url).replace(/[()<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Text for a quoted Mermaid node label: one line, and every character other than letters, digits and
 * plain punctuation written as Mermaid's `#<code>;` entity, so that quotes, brackets, `<` and Markdown
 * cannot end the label, open a tag or change the diagram.
 */
export function mermaidText(text: string): string {
  return [...singleLine(text)].map((ch) => (/[A-Za-z0-9 _.,:/@+=-]/.test(ch) ? ch : `#${ch.codePointAt(0)};`)).join('');
}

/** A token usable in an HTML `id` or a CSS class: anything but letters, digits, `-` and `_` becomes `-`. */
export function htmlIdToken(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '-');
}
