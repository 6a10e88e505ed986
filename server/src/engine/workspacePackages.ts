import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Workspace } from './workspace';

const SKIPPED = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.next', '.turbo']);
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const MAX_DEPTH = 5;

interface PackageInfo {
  dir: string;
  manifest: { name?: string; source?: string; types?: string; typings?: string; main?: string; module?: string; exports?: unknown };
}

/**
 * The packages of a monorepo (npm/yarn/pnpm workspaces): `import … from '@acme/agent-tools'` names a
 * folder of this workspace, which node_modules would only symlink. Resolved to source files, so
 * monorepos work without installing anything.
 */
export class WorkspacePackages {
  private byName: Map<string, PackageInfo> | undefined;

  constructor(private readonly workspace: Workspace) {}

  reset(): void {
    this.byName = undefined;
  }

  private packages(): Map<string, PackageInfo> {
    if (!this.byName) {
      this.byName = new Map();
      this.scan(this.workspace.root, 0);
    }
    return this.byName;
  }

  private scan(dir: string, depth: number): void {
    const manifestText = this.workspace.readRaw(path.join(dir, 'package.json'));
    if (manifestText !== undefined && dir !== this.workspace.root) {
      try {
        const manifest = JSON.parse(manifestText) as PackageInfo['manifest'];
        if (typeof manifest.name === 'string' && !this.byName!.has(manifest.name)) this.byName!.set(manifest.name, { dir, manifest });
      } catch {
        // A broken package.json names no package.
      }
    }
    if (depth >= MAX_DEPTH) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory() && !SKIPPED.has(entry.name) && !entry.name.startsWith('.')) this.scan(path.join(dir, entry.name), depth + 1);
  }

  /** The source file a bare specifier names inside a workspace package, if it is one. */
  resolve(specifier: string): string | undefined {
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const name = parts.slice(0, nameLength).join('/');
    const pkg = this.packages().get(name);
    if (!pkg) return undefined;
    const subpath = parts.slice(nameLength).join('/');
    const candidates: string[] = [];
    if (!subpath) {
      const m = pkg.manifest;
      const exported = typeof m.exports === 'string' ? m.exports : exportTarget((m.exports as Record<string, unknown> | undefined)?.['.']);
      for (const entry of [m.source, exported, m.types, m.typings, m.module, m.main]) if (typeof entry === 'string') candidates.push(...sourceFor(entry));
      candidates.push('src/index', 'index', 'lib/index');
    } else {
      const exported = exportTarget((pkg.manifest.exports as Record<string, unknown> | undefined)?.[`./${subpath}`]);
      if (exported) candidates.push(...sourceFor(exported));
      candidates.push(`src/${subpath}`, subpath, `src/${subpath}/index`, `${subpath}/index`);
    }
    for (const candidate of candidates) {
      const base = path.join(pkg.dir, candidate);
      for (const file of [base, ...SOURCE_EXTENSIONS.map((e) => base + e)]) {
        if (SOURCE_EXTENSIONS.includes(path.extname(file)) && !/\.d\.[cm]?ts$/.test(file) && this.workspace.fileExists(file)) return file;
      }
    }
    return undefined;
  }
}

function exportTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const conditions = value as Record<string, unknown>;
    for (const key of ['source', 'development', 'types', 'import', 'require', 'node', 'default']) {
      const found = exportTarget(conditions[key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** `./dist/index.js` → the source it was built from: `src/index`, `dist/index`. */
function sourceFor(entry: string): string[] {
  const clean = entry.replace(/^\.\//, '').replace(/\.d\.[cm]?ts$/, '').replace(/\.[cm]?[jt]sx?$/, '');
  return [clean.replace(/^(dist|build|lib|out)\//, 'src/'), clean];
}
