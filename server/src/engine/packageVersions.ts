import * as path from 'node:path';
import type { Workspace } from './workspace';

/**
 * The major version of a dependency as the nearest package.json declares it (`^7.0.1` → 7), so
 * fixes can write the form the installed framework version expects without reading node_modules.
 */
export function dependencyMajor(workspace: Workspace, fromFile: string, name: string): number | undefined {
  for (let dir = path.dirname(fromFile); ; dir = path.dirname(dir)) {
    const text = workspace.readRaw(path.join(dir, 'package.json'));
    if (text !== undefined) {
      try {
        const pkg = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
        const range = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name] ?? pkg.peerDependencies?.[name];
        const major = range && /(\d+)/.exec(range.replace(/^[^\d]*/, ''))?.[1];
        if (major) return Number(major);
      } catch {
        // An unreadable package.json says nothing about versions.
      }
    }
    if (dir === workspace.root || !workspace.contains(dir) || path.dirname(dir) === dir) return undefined;
  }
}
