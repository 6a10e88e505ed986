import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { isAnalysable, looksBinary, MAX_FILE_BYTES, parseSourceFile } from './sourceFiles';
import type { ts } from './ts';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.next', '.turbo', '.mastra', '.vercel', '.output', '.svelte-kit', 'vendor']);

export interface SkippedFile {
  file: string;
  reason: 'too-large' | 'binary' | 'unreadable';
}

type EntryKind = 'file' | 'directory';

function statKind(file: string): EntryKind | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : undefined;
  } catch {
    return undefined;
  }
}

interface CachedFile {
  text: string;
  sourceFile?: ts.SourceFile;
  /** The disk may have changed: re-read before use, keeping the parse when the text is the same. */
  stale?: boolean;
}

/**
 * The files of one workspace root: discovered on disk, overlaid by the editor's open buffers, parsed on
 * demand and cached by content so that an edit re-parses only the file that changed.
 */
export class Workspace {
  readonly root: string;
  private readonly overlays = new Map<string, string>();
  private readonly cache = new Map<string, CachedFile>();
  private fileList: string[] | undefined;
  private ignore: (file: string) => boolean = () => false;
  readonly skipped = new Map<string, SkippedFile>();

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Files whose text may have changed since `takeChanges` was last called; `everything` after a rescan. */
  private changed = new Set<string>();
  private everything = true;

  takeChanges(): { everything: boolean; files: ReadonlySet<string> } {
    const changes = { everything: this.everything, files: this.changed };
    this.changed = new Set();
    this.everything = false;
    return changes;
  }

  setIgnoreGlobs(globs: string[]): void {
    const matcher = globs.length ? picomatch(globs, { dot: true }) : undefined;
    this.ignore = matcher ? (file) => matcher(this.relative(file)) : () => false;
    this.fileList = undefined;
  }

  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }

  contains(file: string): boolean {
    const rel = path.relative(this.root, file);
    return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
  }

  /** An editor buffer replaces the file's disk content until it is closed. */
  setOverlay(file: string, text: string | undefined): void {
    if (text === undefined) this.overlays.delete(file);
    else this.overlays.set(file, text);
    this.textChanged(file);
  }

  /** The file changed on disk, or was created or deleted. */
  invalidate(file: string): void {
    this.listings.delete(path.dirname(file));
    this.listings.delete(file);
    this.textChanged(file);
  }

  private textChanged(file: string): void {
    this.changed.add(file);
    const cached = this.cache.get(file);
    if (cached && this.overlays.get(file) === cached.text) return;
    if (cached) cached.stale = true;
    if (this.fileList && isAnalysable(file) && !this.fileList.includes(file)) this.fileList = undefined;
  }

  /**
   * Files may have appeared, disappeared or changed on disk: list them again and re-read each before
   * its next use. A file whose text is unchanged keeps its parse, so what was derived from it stays valid.
   */
  rescan(): void {
    this.fileList = undefined;
    this.listings.clear();
    this.everything = true;
    for (const cached of this.cache.values()) cached.stale = true;
  }

  /** Forget every text and parse. */
  clear(): void {
    this.fileList = undefined;
    this.listings.clear();
    this.everything = true;
    this.cache.clear();
  }

  /** All analysable files of the workspace, sorted, as absolute paths. */
  files(): string[] {
    if (!this.fileList) {
      const found = new Set<string>();
      this.walk(this.root, found);
      for (const file of this.overlays.keys()) if (this.contains(file) && isAnalysable(file) && !this.ignore(file)) found.add(file);
      this.fileList = [...found].sort();
    }
    return this.fileList;
  }

  private walk(dir: string, out: Set<string>): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      this.remember(dir, undefined);
      return;
    }
    this.remember(dir, entries);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.') && !this.ignore(full + '/')) this.walk(full, out);
      } else if (entry.isFile() && isAnalysable(full) && !this.ignore(full)) {
        out.add(full);
      }
    }
  }

  /** The file's current text (overlay first), or undefined when it cannot be read or is skipped. */
  text(file: string): string | undefined {
    const overlay = this.overlays.get(file);
    if (overlay !== undefined) return this.checkContent(file, overlay);
    const cached = this.cache.get(file);
    if (cached && !cached.stale) return cached.text;
    try {
      const stat = fs.statSync(file);
      if (stat.size > MAX_FILE_BYTES) {
        this.cache.delete(file);
        this.skipped.set(file, { file, reason: 'too-large' });
        return undefined;
      }
      const text = this.checkContent(file, fs.readFileSync(file, 'utf8'));
      if (text === undefined) this.cache.delete(file);
      else if (cached && cached.text === text) {
        cached.stale = false;
        return cached.text;
      } else this.cache.set(file, { text });
      return text;
    } catch {
      this.cache.delete(file);
      this.skipped.set(file, { file, reason: 'unreadable' });
      return undefined;
    }
  }

  private checkContent(file: string, text: string): string | undefined {
    if (text.length > MAX_FILE_BYTES) {
      this.skipped.set(file, { file, reason: 'too-large' });
      return undefined;
    }
    if (looksBinary(text)) {
      this.skipped.set(file, { file, reason: 'binary' });
      return undefined;
    }
    this.skipped.delete(file);
    return text;
  }

  sourceFile(file: string): ts.SourceFile | undefined {
    const text = this.text(file);
    if (text === undefined) return undefined;
    let cached = this.cache.get(file);
    if (!cached || cached.text !== text) {
      cached = { text };
      this.cache.set(file, cached);
    }
    if (!cached.sourceFile) cached.sourceFile = parseSourceFile(file, text);
    return cached.sourceFile;
  }

  /** The file's parse if it is parsed and current, without reading or parsing anything. */
  sourceFileIfParsed(file: string): ts.SourceFile | undefined {
    const cached = this.cache.get(file);
    if (!cached?.sourceFile || cached.stale) return undefined;
    const overlay = this.overlays.get(file);
    return overlay === undefined || overlay === cached.text ? cached.sourceFile : undefined;
  }

  fileExists(file: string): boolean {
    if (this.overlays.has(file)) return true;
    return this.listing(path.dirname(file))?.get(path.basename(file)) === 'file';
  }

  directoryExists(dir: string): boolean {
    return this.listing(dir) !== undefined;
  }

  /**
   * A directory's entries, read once: module resolution asks whether a file exists for every extension
   * and index name it tries, and one listing answers them all. Undefined when it is not a directory.
   */
  private listing(dir: string): Map<string, EntryKind> | undefined {
    const known = this.listings.get(dir);
    if (known !== undefined) return known ?? undefined;
    let entries: fs.Dirent[] | undefined;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      entries = undefined;
    }
    return this.remember(dir, entries) ?? undefined;
  }

  private remember(dir: string, entries: fs.Dirent[] | undefined): Map<string, EntryKind> | null {
    let listing: Map<string, EntryKind> | null = null;
    if (entries) {
      listing = new Map();
      for (const entry of entries) {
        let kind: EntryKind | undefined = entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : undefined;
        if (entry.isSymbolicLink()) kind = statKind(path.join(dir, entry.name));
        if (kind) listing.set(entry.name, kind);
      }
    }
    this.listings.set(dir, listing);
    return listing;
  }

  /** Directory listings by path; null for a path that is not a readable directory. */
  private readonly listings = new Map<string, Map<string, EntryKind> | null>();

  readRaw(file: string): string | undefined {
    const overlay = this.overlays.get(file);
    if (overlay !== undefined) return overlay;
    if (this.rawCache?.has(file)) return this.rawCache.get(file);
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    this.rawCache?.set(file, text);
    return text;
  }

  private rawCache: Map<string, string | undefined> | undefined;

  /**
   * Runs `work` with raw reads (package.json, tsconfig, CODEOWNERS…) read once each: an analysis asks
   * for the same manifests for every agent. Outside it, every read goes to the disk.
   */
  withRawCache<T>(work: () => T): T {
    if (this.rawCache) return work();
    this.rawCache = new Map();
    try {
      return work();
    } finally {
      this.rawCache = undefined;
    }
  }
}
