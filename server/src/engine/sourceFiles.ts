import * as path from 'node:path';
import { ts } from './ts';

export const ANALYSED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Files larger than this are skipped (generated bundles, minified vendor code). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export function isAnalysable(file: string): boolean {
  if (/\.d\.[cm]?ts$/.test(file)) return false;
  return ANALYSED_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/** Binary content (a NUL in the first 8 KiB) is never parsed. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

function scriptKind(file: string): ts.ScriptKind {
  switch (path.extname(file).toLowerCase()) {
    case '.tsx': return ts.ScriptKind.TSX;
    case '.jsx': return ts.ScriptKind.JSX;
    case '.js': case '.mjs': case '.cjs': return ts.ScriptKind.JS;
    default: return ts.ScriptKind.TS;
  }
}

export function parseSourceFile(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
}
