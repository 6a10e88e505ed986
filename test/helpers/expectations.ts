import * as fs from 'node:fs';
import * as path from 'node:path';

/** `// expect: AG101, AG104` or `// expect[+2]: AG102` in a fixture file. */
const MARKER = /expect(?:\[([+-]\d+)\])?:\s*((?:AG\d{3}[\s,]*)+)/g;

export interface Expectation {
  file: string;
  line: number;
  ruleId: string;
}

export function readExpectations(root: string, files: string[]): Expectation[] {
  const expected: Expectation[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, index) => {
      for (const m of text.matchAll(MARKER)) {
        const offset = m[1] ? Number(m[1]) : 0;
        for (const ruleId of m[2].split(/[\s,]+/).filter(Boolean)) expected.push({ file: path.relative(root, file).split(path.sep).join('/'), line: index + 1 + offset, ruleId });
      }
    });
  }
  return expected;
}

export function key(e: Expectation): string {
  return `${e.file}:${e.line} ${e.ruleId}`;
}

/** A multiset difference, so two expected findings on one line need two actual ones. */
export function difference(a: string[], b: string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = counts.get(x) ?? 0;
    if (n > 0) counts.set(x, n - 1);
    else out.push(x);
  }
  return out;
}
