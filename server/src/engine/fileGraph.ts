import { isFrameworkModule } from '../frameworks/catalog';
import type { ModuleResolver } from './moduleResolver';
import type { Workspace } from './workspace';

/**
 * Module specifiers a file names, found by a text scan that over-approximates the parser: `from '…'`
 * (imports and re-exports, `export * as ns from` included), `import '…'`, `import('…')`,
 * `require('…')` (also in `import x = require('…')`), with comments allowed before the string.
 * A false hit (the same words inside a string or comment) only adds an edge, which costs precision,
 * never correctness.
 */
const SPECIFIER = /(?:\bfrom|\bimport|\brequire\s*\()\s*(?:\(\s*)?(?:(?:\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)\s*)*(['"`])([^'"`\\\n\r]+)\1/g;

export function moduleSpecifiers(text: string): string[] {
  const found = new Set<string>();
  SPECIFIER.lastIndex = 0;
  for (let m = SPECIFIER.exec(text); m; m = SPECIFIER.exec(text)) found.add(m[2]);
  return [...found];
}

interface FileNode {
  /** The text the edges were computed from (compared by value to notice changes). */
  text: string | undefined;
  specifiers: string[];
  /** Workspace files this file imports, by resolved path. */
  deps: string[];
  /** Whether a specifier names a package the framework catalogue knows. */
  framework: boolean;
}

/**
 * The import graph of the workspace, at file level, kept up to date by content: which workspace files
 * each file imports and which import it, and which files can see a framework package at all.
 *
 * Everything the analysis derives for a file (its framework constructions, the reach of its tools, the
 * memory flows that start in it) is computed by following that file's imports, so it depends only on
 * the files in its import closure. When files change, what must be recomputed is therefore the changed
 * files and everything that imports them, transitively (`affected`); the rest is reused.
 *
 * A file whose import closure names no framework package cannot contain a framework construction,
 * because constructions are recognised by resolving names to those packages (`relevant`).
 */
export class FileGraph {
  private readonly nodes = new Map<string, FileNode>();
  private readonly importers = new Map<string, Set<string>>();
  private relevantCache: { set: Set<string>; list: string[] } | undefined;
  private resolutionEpoch = -1;

  constructor(
    private readonly workspace: Workspace,
    private readonly modules: ModuleResolver,
  ) {}

  /** Forget everything. */
  reset(): void {
    this.nodes.clear();
    this.importers.clear();
    this.relevanceChanged();
    this.resolutionEpoch = -1;
  }

  /**
   * Brings the graph up to date with the workspace's files and their current texts. Returns the files
   * whose content, presence or imports changed since the last update (all files on the first one).
   */
  update(files: readonly string[]): Set<string> {
    const changed = new Set<string>();
    const reresolve = this.resolutionEpoch !== this.modules.epoch;
    this.resolutionEpoch = this.modules.epoch;
    const wanted = new Set(files);
    const queue = [...wanted];
    for (let i = 0; i < queue.length; i++) this.examine(queue[i], reresolve, wanted, queue, changed);
    for (const [file, node] of [...this.nodes]) {
      if (wanted.has(file)) continue;
      this.removeEdges(file, node);
      this.nodes.delete(file);
      changed.add(file);
      this.relevanceChanged();
    }
    return changed;
  }

  /** Whether resolutions changed since the last update, so that only `update` will do. */
  get needsFullUpdate(): boolean {
    return this.resolutionEpoch !== this.modules.epoch;
  }

  /**
   * Like `update`, for a file list that did not change and resolutions that did not either: only these
   * files (those the graph holds) are looked at again.
   */
  updateFiles(files: Iterable<string>): Set<string> {
    const changed = new Set<string>();
    const wanted = new Set<string>();
    const queue: string[] = [];
    for (const file of files) {
      if (!this.nodes.has(file) || wanted.has(file)) continue;
      wanted.add(file);
      queue.push(file);
    }
    for (let i = 0; i < queue.length; i++) this.examine(queue[i], false, wanted, queue, changed, true);
    return changed;
  }

  private examine(file: string, reresolve: boolean, wanted: Set<string>, queue: string[], changed: Set<string>, onlyNew = false): void {
    const text = this.workspace.text(file);
    const old = this.nodes.get(file);
    const textChanged = !old || old.text !== text;
    if (!textChanged && !reresolve) {
      if (!onlyNew) for (const dep of old!.deps) this.want(dep, wanted, queue);
      return;
    }
    const specifiers = !textChanged ? old!.specifiers : text === undefined ? [] : moduleSpecifiers(text);
    const deps = new Set<string>();
    let framework = false;
    for (const specifier of specifiers) {
      const target = this.modules.resolve(specifier, file);
      if (target.kind === 'file') {
        if (target.file !== file) deps.add(target.file);
      } else if (isFrameworkModule(target.specifier)) framework = true;
    }
    const sortedDeps = [...deps].sort();
    const edgesChanged = !old || old.framework !== framework || !sameList(old.deps, sortedDeps);
    if (edgesChanged) {
      if (old) this.removeEdges(file, old);
      for (const dep of sortedDeps) {
        let set = this.importers.get(dep);
        if (!set) this.importers.set(dep, (set = new Set()));
        set.add(file);
      }
      this.relevanceChanged();
    }
    // A partial update adds the files a changed file starts to import; a full one walks every edge.
    for (const dep of sortedDeps) if (!onlyNew || !this.nodes.has(dep)) this.want(dep, wanted, queue);
    this.nodes.set(file, { text, specifiers, deps: sortedDeps, framework });
    if (textChanged || edgesChanged) changed.add(file);
  }

  private relevanceChanged(): void {
    this.relevantCache = undefined;
    this.closures.clear();
    this.version++;
  }

  /** Changes whenever edges (and so relevance and closures) do. */
  version = 0;
  private readonly closures = new Map<string, Set<string>>();

  /** An imported file outside the list (outside the root, ignored by policy) still carries edges. */
  private want(dep: string, wanted: Set<string>, queue: string[]): void {
    if (wanted.has(dep) || !this.workspace.fileExists(dep)) return;
    wanted.add(dep);
    queue.push(dep);
  }

  private removeEdges(file: string, node: FileNode): void {
    for (const dep of node.deps) this.importers.get(dep)?.delete(file);
  }

  /** The files given and every file that imports one of them, directly or not. */
  affected(files: Iterable<string>): Set<string> {
    const out = new Set<string>();
    const queue = [...files];
    for (let i = 0; i < queue.length; i++) {
      const file = queue[i];
      if (out.has(file)) continue;
      out.add(file);
      for (const importer of this.importers.get(file) ?? []) if (!out.has(importer)) queue.push(importer);
    }
    return out;
  }

  /** Whether a framework package is in the file's import closure. */
  isRelevant(file: string): boolean {
    return this.relevant().set.has(file);
  }

  /** The files with a framework package in their import closure, sorted. */
  relevantFiles(): string[] {
    return this.relevant().list;
  }

  private relevant(): { set: Set<string>; list: string[] } {
    if (!this.relevantCache) {
      const seeds = [...this.nodes].filter(([, n]) => n.framework).map(([f]) => f);
      const set = this.affected(seeds);
      this.relevantCache = { set, list: [...set].sort() };
    }
    return this.relevantCache;
  }

  /** The file and every file it imports, directly or not. */
  closure(file: string): ReadonlySet<string> {
    const known = this.closures.get(file);
    if (known) return known;
    const out = new Set<string>();
    const queue = [file];
    for (let i = 0; i < queue.length; i++) {
      const f = queue[i];
      if (out.has(f)) continue;
      out.add(f);
      for (const dep of this.nodes.get(f)?.deps ?? []) if (!out.has(dep)) queue.push(dep);
    }
    this.closures.set(file, out);
    return out;
  }

  /** Files that import this one (directly). */
  importersOf(file: string): ReadonlySet<string> {
    return this.importers.get(file) ?? new Set();
  }

  get size(): number {
    return this.nodes.size;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
