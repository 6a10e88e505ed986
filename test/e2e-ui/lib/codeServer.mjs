// A real VS Code (code-server on Node 24) in a fresh, throw-away profile: settings, extension install,
// launch, readiness, stop. Shared by the E2E suite (test/e2e-ui/run.mjs) and `npm run demo`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CODE_SERVER_ENTRY, NODE24 } from './deps.mjs';

export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Editor settings for the scripted typing: what is typed is what lands in the file. */
export const TYPING_SETTINGS = {
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingComments': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.parameterHints.enabled': false,
  'editor.hover.delay': 300,
  'editor.stickyScroll.enabled': false,
};

/** Creates a fresh profile: user-data-dir, extensions-dir, HOME/XDG dirs, browser profile. */
export function createProfile({ prefix = 'ag-e2e-', settings = {} } = {}) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const p = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    home: join(root, 'home'),
    browser: join(root, 'browser'),
    log: join(root, 'code-server.log'),
  };
  for (const d of [p.userData, p.extensions, p.home, p.browser, join(p.userData, 'User')]) mkdirSync(d, { recursive: true });
  writeFileSync(join(p.userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  return p;
}

function env(profile) {
  return {
    ...process.env,
    PATH: `${dirname(NODE24)}:${process.env.PATH}`,
    HOME: profile.home,
    XDG_CONFIG_HOME: join(profile.home, '.config'),
    XDG_DATA_HOME: join(profile.home, '.local', 'share'),
    XDG_CACHE_HOME: join(profile.home, '.cache'),
    // The built-in TypeScript extension makes the first Ctrl+. miss now and then (E2E.md); our
    // extension is the only analysis we want in this window anyway.
    VSCODE_SKIP_BUILTIN_EXTENSIONS: 'vscode.typescript-language-features',
  };
}

function profileArgs(profile) {
  return ['--user-data-dir', profile.userData, '--extensions-dir', profile.extensions];
}

/** `code-server --install-extension x.vsix` into the profile; returns its output. */
export function installExtension(profile, vsix) {
  const r = spawnSync(NODE24, [CODE_SERVER_ENTRY, ...profileArgs(profile), '--install-extension', vsix, '--force'], {
    env: env(profile), encoding: 'utf8', timeout: 120_000,
  });
  const out = `${r.stdout}${r.stderr}`.trim();
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`installing ${vsix} failed (exit ${r.status ?? r.signal}):\n${out}`);
  }
  return out;
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/**
 * Starts code-server for the profile and resolves once GET /healthz answers.
 * The process runs in its own process group; stop() sends SIGTERM to that group (escalating to
 * SIGKILL after a grace period) and resolves when it has exited.
 */
export async function launch(profile, { port, host = '127.0.0.1', readyTimeoutMs = 60_000 } = {}) {
  port ??= await freePort();
  const out = openSync(profile.log, 'a');
  const proc = spawn(NODE24, [
    CODE_SERVER_ENTRY, '--auth', 'none', '--bind-addr', `${host}:${port}`, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ...profileArgs(profile),
  ], { env: env(profile), stdio: ['ignore', out, out], detached: true });
  let exited = false;
  const exitPromise = new Promise((res) => proc.on('exit', (code, signal) => { exited = true; res({ code, signal }); }));

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (exited) return;
      try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
      await exitPromise;
      clearTimeout(timer);
    })();
    return stopping;
  };

  const url = `http://${host}:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited before it was ready; see ${profile.log}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within ${readyTimeoutMs} ms; see ${profile.log}`);
    }
    await new Promise((r) => setTimeout(r, 200)); // poll interval for the health check
  }
  return { url, port, pid: proc.pid, stop, exited: exitPromise };
}

export function folderUrl(base, folder) {
  return `${base}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`;
}
