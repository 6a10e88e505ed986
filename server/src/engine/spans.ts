import type { Span } from '../model/types';
import type { ts } from './ts';

export function spanOf(node: ts.Node): Span {
  const sf = node.getSourceFile();
  return { file: sf.fileName, start: node.getStart(sf), end: node.getEnd() };
}

export function spanKey(span: Span): string {
  return `${span.file}:${span.start}`;
}
