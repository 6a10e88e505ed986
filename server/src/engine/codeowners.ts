import * as path from 'node:path';
import picomatch from 'picomatch';

export interface CodeOwnersRule {
  pattern: string;
  owners: string[];
  matches: (relativePath: string) => boolean;
}

export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** Converts a CODEOWNERS (gitignore-style) pattern to a matcher of workspace-relative paths. */
function matcherFor(pattern: string): (p: string) => boolean {
  let glob = pattern;
  const anchored = glob.startsWith('/') || glob.slice(0, -1).includes('/');
  if (glob.startsWith('/')) glob = glob.slice(1);
  if (glob.endsWith('/')) glob += '**';
  if (!anchored) glob = `**/${glob}`;
  const file = picomatch(glob, { dot: true });
  const dir = picomatch(`${glob}/**`, { dot: true });
  return (p) => file(p) || dir(p);
}

export function parseCodeOwners(text: string): CodeOwnersRule[] {
  const rules: CodeOwnersRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const [pattern, ...owners] = line.split(/\s+/);
    if (!owners.length) continue;
    rules.push({ pattern, owners, matches: matcherFor(pattern) });
  }
  return rules;
}

/** The owners of a file: the last matching rule wins, as on GitHub. */
export function ownersOf(rules: CodeOwnersRule[], root: string, file: string): string[] | undefined {
  const rel = path.relative(root, file).split(path.sep).join('/');
  let owners: string[] | undefined;
  for (const rule of rules) if (rule.matches(rel)) owners = rule.owners;
  return owners;
}
