import type { Span } from '../model/types';
import { ts } from './ts';

export interface Suppression {
  /** The comment. */
  span: Span;
  /** 0-based line the suppression applies to. */
  line: number;
  ruleIds: string[];
  reason?: string;
}

const DIRECTIVE = /agent-governance-disable-next-line\s+((?:AG\d{3}\s*,?\s*)+)(?:--\s*(.*))?$/;

/** `// agent-governance-disable-next-line AG201 -- reason` comments of a file. */
export function findSuppressions(sf: ts.SourceFile): Suppression[] {
  const text = sf.text;
  if (!text.includes('agent-governance-disable-next-line')) return [];
  const found: Suppression[] = [];
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, sf.languageVariant, text);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token !== ts.SyntaxKind.SingleLineCommentTrivia && token !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
    const comment = scanner.getTokenText();
    const body = comment.replace(/^\/\/\s*|^\/\*\s*|\s*\*\/$/g, '').trim();
    const m = DIRECTIVE.exec(body);
    if (!m) continue;
    const start = scanner.getTokenStart();
    const line = sf.getLineAndCharacterOfPosition(start + comment.length).line + 1;
    const reason = m[2]?.trim();
    found.push({ span: { file: sf.fileName, start, end: start + comment.length }, line, ruleIds: m[1].split(/[\s,]+/).filter(Boolean), reason: reason || undefined });
  }
  return found;
}
