import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * Runs a CommonJS bundle as the process's program, with V8's code cache kept between runs.
 *
 * The CLI and the language server bundle the TypeScript compiler: compiling those 16 MB of JavaScript
 * is a third of a small scan. Node 22 keeps compiled code by itself (`module.enableCompileCache`); on
 * Node 20 the bundle is compiled through `vm.Script` with the cached data of the last run, written when
 * the process exits so that it holds the functions the run compiled, not only the top level. The cache
 * is keyed by the bundle's size and time and by the Node version, lives in the user's cache folder, and
 * is never needed: any failure to read or write it only costs the compile. AGOV_NO_COMPILE_CACHE=1
 * turns it off.
 */
export function runBundle(bundle: string): void {
  const dir = process.env.AGOV_NO_COMPILE_CACHE ? undefined : cacheDirectory();
  const enable = (Module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (!dir || enable) {
    if (dir && enable) enable(dir);
    require(bundle);
    return;
  }
  const source = fs.readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
  const stat = fs.statSync(bundle);
  const key = [path.basename(bundle), stat.size, Math.trunc(stat.mtimeMs), process.version, process.arch].join('-');
  const cacheFile = path.join(dir, `${key.replace(/[^\w.-]/g, '_')}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // No cache yet: this run writes it.
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCache(dir, cacheFile, () => script.createCachedData()));
  const module = new Module(bundle);
  module.filename = bundle;
  module.loaded = true;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
}

/** The user's own cache folder (not a shared temporary one: a cache file is code V8 will run). */
function cacheDirectory(): string | undefined {
  if (process.env.AGOV_CACHE_DIR) return process.env.AGOV_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || (process.platform === 'win32' ? process.env.LOCALAPPDATA : undefined) || path.join(os.homedir(), '.cache');
  return base ? path.join(base, 'agent-governance', 'v8') : undefined;
}

function writeCache(dir: string, file: string, data: () => Buffer): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Old entries are other versions of the bundle or of Node: only the newest is kept per bundle.
    const prefix = path.basename(file).split('-')[0];
    for (const name of fs.readdirSync(dir)) if (name.startsWith(`${prefix}-`) && name !== path.basename(file)) fs.rmSync(path.join(dir, name), { force: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data(), { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch {
    // A read-only or full disk: the next run compiles again.
  }
}
