import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A private copy of a fixture workspace, so tests can edit files freely. */
export function copyFixture(source: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'agov-'));
  fs.cpSync(source, target, { recursive: true });
  return target;
}
