#!/usr/bin/env node
// `npm run demo`: the packaged extension in a real VS Code (code-server, the same setup as
// `npm run test:e2e`), left running with the repository's examples/ folder open, until Ctrl+C.
//
//   npm run demo                      build, package, start on a free port
//   npm run demo -- --port 8080       a fixed port (or PORT=8080)
//   npm run demo -- --no-build        reuse dist/agent-governance.vsix
//   npm run demo -- --vsix FILE       install that .vsix instead (implies --no-build)
//   npm run demo -- --folder some/dir open another folder
// Binds to 127.0.0.1 only, without authentication; the profile is a temporary folder, removed on exit.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProfile, folderUrl, installExtension, launch } from '../test/e2e-ui/lib/codeServer.mjs';
import { ensureDeps } from '../test/e2e-ui/lib/deps.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const port = Number(value('--port') ?? process.env.PORT) || undefined;
const folder = resolve(repoRoot, value('--folder') ?? 'examples');

ensureDeps();
if (!existsSync(folder)) {
  console.error(`demo: ${folder} does not exist`);
  process.exit(2);
}
if (!args.includes('--no-build') && !value('--vsix')) {
  for (const script of ['build', 'package']) {
    const r = spawnSync('npm', ['run', script], { cwd: repoRoot, stdio: 'inherit' });
    if (r.status !== 0) { console.error(`demo: npm run ${script} failed`); process.exit(1); }
  }
}
const vsix = value('--vsix') ? resolve(value('--vsix')) : join(repoRoot, 'dist', 'agent-governance.vsix');
if (!existsSync(vsix)) { console.error(`demo: ${vsix} does not exist (run without --no-build)`); process.exit(1); }

const profile = createProfile({ prefix: 'ag-demo-' });
installExtension(profile, vsix);
const server = await launch(profile, { port });
let stopping = false;
const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  console.log('\ndemo: stopping code-server');
  await server.stop();
  rmSync(profile.root, { recursive: true, force: true });
  process.exit(code);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.exited.then(({ code, signal }) => {
  if (stopping) return;
  console.error(`demo: code-server exited (${code ?? signal}); log: ${profile.log}`);
  process.exit(1);
});
console.log(`demo: code-server ${server.url} (pid ${server.pid}), log ${profile.log}`);
console.log(`Open ${folderUrl(server.url, folder)}`);
console.log('demo: press Ctrl+C to stop');
