import * as path from 'node:path';
import { ts } from './ts';
import type { Workspace } from './workspace';
import { WorkspacePackages } from './workspacePackages';

export type ModuleTarget =
  | { kind: 'file'; file: string }
  | { kind: 'package'; specifier: string };

const NODE_BUILTIN = /^node:/;

interface ConfigEntry {
  options: ts.CompilerOptions;
  cache: ts.ModuleResolutionCache;
}

/**
 * Resolves module specifiers the way the workspace's tsconfig/jsconfig says (paths, baseUrl, index files,
 * `.js` → `.ts`), over the workspace's own files only. Anything that is not a workspace source file —
 * an npm package, whether installed or not, or a Node built-in — is a `package` target named by its
 * specifier, so framework recognition never reads node_modules.
 */
export class ModuleResolver {
  private readonly configByDir = new Map<string, string | undefined>();
  private readonly configs = new Map<string, ConfigEntry>();
  private readonly results = new Map<string, ModuleTarget>();
  private readonly host: ts.ModuleResolutionHost;

  private readonly packages: WorkspacePackages;

  constructor(private readonly workspace: Workspace) {
    this.packages = new WorkspacePackages(workspace);
    this.host = {
      fileExists: (f) => this.workspace.fileExists(f),
      readFile: (f) => this.workspace.readRaw(f),
      directoryExists: (d) => this.workspace.directoryExists(d),
      realpath: (f) => f,
      getCurrentDirectory: () => this.workspace.root,
    };
  }

  /** Changes whenever resolutions may have changed, so that what was built from them can be redone. */
  epoch = 0;

  /** Forget everything: a tsconfig or package.json changed. */
  reset(): void {
    this.configByDir.clear();
    this.configs.clear();
    this.results.clear();
    this.packages.reset();
    this.epoch++;
  }

  /** Forget resolutions that could change when files appear or disappear (TypeScript's cache too). */
  clearResults(): void {
    this.results.clear();
    this.configs.clear();
    this.epoch++;
  }

  resolve(specifier: string, fromFile: string): ModuleTarget {
    const key = `${path.dirname(fromFile)}\u0000${specifier}`;
    let result = this.results.get(key);
    if (!result) {
      result = this.compute(specifier, fromFile);
      this.results.set(key, result);
    }
    return result;
  }

  private compute(specifier: string, fromFile: string): ModuleTarget {
    if (NODE_BUILTIN.test(specifier)) return { kind: 'package', specifier: specifier.slice(5) };
    if (!specifier.startsWith('.') && !path.isAbsolute(specifier)) {
      const local = this.packages.resolve(specifier);
      if (local) return { kind: 'file', file: local };
    }
    const config = this.configFor(fromFile);
    const resolved = ts.resolveModuleName(specifier, fromFile, config.options, this.host, config.cache).resolvedModule;
    if (resolved && !resolved.isExternalLibraryImport && !/[\\/]node_modules[\\/]/.test(resolved.resolvedFileName) && !/\.d\.[cm]?ts$/.test(resolved.resolvedFileName)) {
      return { kind: 'file', file: path.resolve(resolved.resolvedFileName) };
    }
    return { kind: 'package', specifier };
  }

  private configFor(fromFile: string): ConfigEntry {
    const configPath = this.findConfig(path.dirname(fromFile));
    const key = configPath ?? '';
    let entry = this.configs.get(key);
    if (!entry) {
      const options = this.readOptions(configPath);
      entry = { options, cache: ts.createModuleResolutionCache(this.workspace.root, (f) => f, options) };
      this.configs.set(key, entry);
    }
    return entry;
  }

  private findConfig(dir: string): string | undefined {
    if (this.configByDir.has(dir)) return this.configByDir.get(dir);
    let found: string | undefined;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const candidate = path.join(dir, name);
      if (this.workspace.fileExists(candidate)) {
        found = candidate;
        break;
      }
    }
    if (!found) {
      const parent = path.dirname(dir);
      const stillInside = dir !== this.workspace.root && parent !== dir && (parent === this.workspace.root || this.workspace.contains(parent));
      found = stillInside ? this.findConfig(parent) : undefined;
    }
    this.configByDir.set(dir, found);
    return found;
  }

  private readOptions(configPath: string | undefined): ts.CompilerOptions {
    const defaults: ts.CompilerOptions = { allowJs: true, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext };
    if (!configPath) return defaults;
    try {
      const read = ts.readConfigFile(configPath, (f) => this.workspace.readRaw(f));
      if (read.error || !read.config) return defaults;
      const parseHost: ts.ParseConfigHost = {
        useCaseSensitiveFileNames: true,
        readDirectory: () => [],
        fileExists: (f) => this.workspace.fileExists(f),
        readFile: (f) => this.workspace.readRaw(f),
      };
      const parsed = ts.parseJsonConfigFileContent(read.config, parseHost, path.dirname(configPath), undefined, configPath);
      const options = { ...parsed.options, allowJs: true };
      // Classic and node10 resolution cannot see `exports`-less `.mjs/.cjs` or `paths` with `.js`
      // suffixes the way bundlers do; keep the workspace's choice only when it is a modern one.
      const modern = [ts.ModuleResolutionKind.Bundler, ts.ModuleResolutionKind.Node16, ts.ModuleResolutionKind.NodeNext];
      if (!options.moduleResolution || !modern.includes(options.moduleResolution)) {
        options.moduleResolution = ts.ModuleResolutionKind.Bundler;
        options.module = ts.ModuleKind.ESNext;
      }
      return options;
    } catch {
      return defaults;
    }
  }
}
