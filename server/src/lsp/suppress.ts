/**
 * The "Suppress AGxxx on this line" quick fix: a `// agent-governance-disable-next-line AGxxx -- …`
 * comment above the finding's line, indented like it. The reason is a placeholder the user replaces: a
 * suppression needs a reason to take effect (without one AG902 reports it and it suppresses nothing),
 * and the reason is what reports show next to the suppressed finding.
 */

import type { TextEdit } from 'vscode-languageserver';

export const DIRECTIVE = 'agent-governance-disable-next-line';
export const REASON_PLACEHOLDER = 'TODO: reason';

/** Rules a line comment cannot suppress: the policy file is JSON, and AG902 is about the comment itself. */
const UNSUPPRESSIBLE = new Set(['AG901', 'AG902']);

const EXISTING = new RegExp(`^(\\s*//\\s*${DIRECTIVE}\\s+)((?:AG\\d{3}\\s*,?\\s*)+?)(\\s*(?:--.*)?)$`);

/**
 * The edit that suppresses `ruleId` on `line` (0-based) of `text`, or undefined when a line comment
 * cannot go there (inside a block comment, such as a JSDoc declaration, or in a non-code file).
 */
export function suppressionEdit(text: string, line: number, ruleId: string, isCode: boolean): TextEdit | undefined {
  if (!isCode || UNSUPPRESSIBLE.has(ruleId)) return undefined;
  const lines = text.split('\n');
  const current = lines[line];
  if (current === undefined) return undefined;
  if (insideBlockComment(text, lineStart(lines, line))) return undefined;
  const previous = line > 0 ? lines[line - 1].replace(/\r$/, '') : undefined;
  // A directive already above the line covers it only if it is the line right above: extend its list.
  const existing = previous !== undefined ? EXISTING.exec(previous) : null;
  if (existing) {
    const ids = existing[2].split(/[\s,]+/).filter(Boolean);
    if (ids.includes(ruleId)) return undefined;
    const listEnd = existing[1].length + existing[2].trimEnd().length;
    // A directive without a reason suppresses nothing; give it the placeholder so both ids take effect.
    const reason = existing[3].includes('--') ? '' : ` -- ${REASON_PLACEHOLDER}`;
    return { range: { start: { line: line - 1, character: listEnd }, end: { line: line - 1, character: listEnd } }, newText: `, ${ruleId}${reason}` };
  }
  const indent = /^[ \t]*/.exec(current)![0];
  const eol = current.endsWith('\r') ? '\r\n' : '\n';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// ${DIRECTIVE} ${ruleId} -- ${REASON_PLACEHOLDER}${eol}` };
}

function lineStart(lines: string[], line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset += lines[i].length + 1;
  return offset;
}

/**
 * Whether an offset lies inside a `/* … *\/` comment. A small scanner that skips strings, template
 * literals and line comments, so a `/*` inside a string does not count. Regular expression literals
 * are not recognised; a `/*` inside one is rare enough that the worst outcome (no quick fix offered)
 * is acceptable.
 */
export function insideBlockComment(text: string, offset: number): boolean {
  let i = 0;
  while (i < offset) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0 || end + 2 > offset) return true;
      i = end + 2;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      i++;
      while (i < text.length && text[i] !== ch) {
        if (text[i] === '\\') i++;
        else if (ch !== '`' && text[i] === '\n') break;
        i++;
      }
      i++;
    } else {
      i++;
    }
  }
  return false;
}
