#!/usr/bin/env node
// `npm run test:e2e`: the packaged extension in a real VS Code, offline.
//
//   1. installs test/e2e-ui/node_modules (code-server, Node 24, playwright-core) with `npm ci`,
//      reused while test/e2e-ui/package-lock.json is unchanged;
//   2. builds and packages the extension (`npm run build && npm run package` → dist/agent-governance.vsix);
//   3. runs test/e2e-ui/run.mjs: fresh code-server profile, `--install-extension`, the fixture workspace
//      test/e2e-ui/workspace/ opened in headless chromium, five steps driven through the UI.
//
// Needs from apt: chromium and libkrb5-dev (see test/e2e-ui/README.md). Options:
//   --no-build      reuse dist/agent-governance.vsix as it is
//   --vsix FILE     test this .vsix instead (implies --no-build)
//   --runs N        run the suite N times in a row (fresh profile each time)
//   --screenshots D write the step screenshots to D (default docs/screenshots/e2e)
//   --keep          keep the temporary profile folder even when everything passed
// Ends with a line "e2e: N passed, N failed[, N skipped]"; exit code 1 when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APT_LINE, ensureDeps } from '../test/e2e-ui/lib/deps.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => args.includes(name);
const runs = Number(args[args.indexOf('--runs') + 1]) || 1;
const STEPS = 5;
const t0 = Date.now();
const log = (s) => console.log(s);

function summary(passed, failed, skipped) {
  console.log(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

function bail(message) {
  console.error(`e2e: ${message}`);
  summary(0, STEPS, 0);
  process.exit(1);
}

try {
  ensureDeps(log);
} catch (e) {
  bail(`installing test/e2e-ui dependencies failed: ${e.message}`);
}

const { CHROMIUM, runE2E } = await import('../test/e2e-ui/run.mjs');
if (!CHROMIUM) bail(`no chromium found (set E2E_CHROMIUM or install it: ${APT_LINE})`);

const vsix = opt('--vsix') ? resolve(args[args.indexOf('--vsix') + 1]) : join(repoRoot, 'dist', 'agent-governance.vsix');
if (!opt('--no-build') && !opt('--vsix')) {
  for (const script of ['build', 'package']) {
    log(`e2e: npm run ${script}`);
    const r = spawnSync('npm', ['run', script], { cwd: repoRoot, stdio: 'inherit' });
    if (r.status !== 0) bail(`npm run ${script} failed (exit ${r.status ?? r.signal})`);
  }
}
if (!existsSync(vsix)) bail(`${vsix} does not exist`);

const screenshots = opt('--screenshots') ? resolve(args[args.indexOf('--screenshots') + 1]) : join(repoRoot, 'docs', 'screenshots', 'e2e');
const totals = { passed: 0, failed: 0, skipped: 0 };
const perRun = [];
for (let i = 1; i <= runs; i++) {
  if (runs > 1) log(`e2e: ---- run ${i} of ${runs} ----`);
  const r = await runE2E({ vsix, screenshots, log, keep: opt('--keep') });
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
  perRun.push(r);
  log(`e2e: run ${i} took ${(r.ms / 1000).toFixed(1)} s - passed ${r.passed}, failed ${r.failed}, skipped ${r.skipped}`);
}
if (runs > 1) {
  const green = perRun.filter((r) => r.failed === 0).length;
  log(`e2e: ${green} of ${runs} runs without a failure; run times ${perRun.map((r) => (r.ms / 1000).toFixed(1)).join(', ')} s`);
}
log(`e2e: total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
summary(totals.passed, totals.failed, totals.skipped);
process.exit(totals.failed ? 1 : 0);
