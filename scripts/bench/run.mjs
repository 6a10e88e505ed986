#!/usr/bin/env node
// The performance benchmark: `npm run bench` (after `npm run build`).
//
// For each workspace size it generates a deterministic agent monorepo (scripts/bench/generate.mjs) in
// .bench/, then measures, on this machine:
//   - cold scan: `node dist/cli.js scan DIR --format json` (output to /dev/null), in a new process each
//     time, with V8's code cache of an earlier run (as every run after the first one after an install
//     has) and without it (AGOV_NO_COMPILE_CACHE=1), against `tsc --noEmit -p DIR` of TypeScript 5.9
//     (the JavaScript compiler) and of TypeScript 7 (the native one, `typescript@latest`); runs
//     alternating, median of BENCH_RUNS (≥ 3);
//   - the parse-only floor: reading every file and ts.createSourceFile on it, in a process of its own;
//   - the language server over stdio with a real JSON-RPC client: first analysis, then one-line edits
//     (an @owner made a placeholder and back, a tool entry commented out and back, in an agent file; a
//     secret read renamed and back, in a tool file) timed from didChange to the publishDiagnostics of
//     that document version, with the debounce set to 0 (AGOV_DEBOUNCE_MS=0) so only the work counts;
//   - the server's resident memory (VmRSS of /proc/<pid>/status) once the workspace is analysed.
// Prints one table, and writes .bench/results.json and .bench/results.md.
//
// Environment: BENCH_SIZES (default 100,500,2000,5000), BENCH_RUNS (default 3), BENCH_EDITS (default 30),
// BENCH_LSP_ONLY=1 (skip the cold scans), BENCH_PROFILE_DIR (CPU profile of the language server).
// The framework packages are not installed in the generated workspaces, so tsc reports their imports
// as missing and types them `any`: it does less work than in a real install, which favours tsc.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { generate } from './generate.mjs';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const TSC_NATIVE = join(ROOT, 'node_modules', 'typescript-native', 'bin', 'tsc');
const OUT = join(ROOT, '.bench');
const SIZES = (process.env.BENCH_SIZES ?? '100,500,2000,5000').split(',').map(Number);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));
const EDITS = Number(process.env.BENCH_EDITS ?? 30);
const SEED = 1;

if (!existsSync(CLI)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const log = (message) => process.stderr.write(`${message}\n`);

/** Wall time of a child process, stdout to /dev/null; with GNU time, its peak RSS too. */
function timed(args, cwd, env = process.env) {
  const devnull = openSync('/dev/null', 'w');
  const useTime = existsSync('/usr/bin/time');
  const command = useTime ? '/usr/bin/time' : process.execPath;
  const argv = useTime ? ['-f', '%M', process.execPath, ...args] : args;
  const started = process.hrtime.bigint();
  const r = spawnSync(command, argv, { cwd, env, stdio: ['ignore', devnull, 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const lines = r.stderr.toString().trim().split('\n');
  const peakKb = useTime ? Number(lines[lines.length - 1]) : NaN;
  return { ms, status: r.status, peakMb: peakKb / 1024 };
}

const PARSE_SCRIPT = `
const fs = require('fs'), path = require('path'), ts = require(${JSON.stringify(join(ROOT, 'node_modules', 'typescript'))});
const root = process.argv[1]; let n = 0;
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const f = path.join(d, e.name);
  if (e.isDirectory()) { if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(f); }
  else if (/\\.(c|m)?[jt]sx?$/.test(f) && !/\\.d\\.[cm]?ts$/.test(f)) { ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true, /x$/.test(f) ? ts.ScriptKind.TSX : ts.ScriptKind.TS); n++; } } };
walk(root); if (!n) process.exit(1);`;

function coldScans(dir) {
  const scan = [CLI, 'scan', dir, '--format', 'json', '--fail-on', 'none'];
  // One untimed run leaves the code cache that every later run of this build finds.
  timed(scan, ROOT);
  const runs = { ours: [], oursNoCache: [], tsc: [], tscNative: [], parse: [] };
  let oursPeak = 0;
  for (let i = 0; i < RUNS; i++) {
    const a = timed(scan, ROOT);
    if (a.status !== 0) throw new Error(`agov scan exited ${a.status}`);
    runs.ours.push(a.ms);
    oursPeak = Math.max(oursPeak, a.peakMb || 0);
    const c = timed(scan, ROOT, { ...process.env, AGOV_NO_COMPILE_CACHE: '1' });
    if (c.status !== 0) throw new Error(`agov scan (no code cache) exited ${c.status}`);
    runs.oursNoCache.push(c.ms);
    // Both compilers exit non-zero on type errors (the framework packages are not installed).
    const t = timed([TSC, '--noEmit', '-p', dir], ROOT);
    if (t.status !== 0 && t.status !== 2) throw new Error(`tsc exited ${t.status}`);
    runs.tsc.push(t.ms);
    const n = timed([TSC_NATIVE, '--noEmit', '-p', dir], ROOT);
    if (n.status !== 0 && n.status !== 1 && n.status !== 2) throw new Error(`tsc (native) exited ${n.status}`);
    runs.tscNative.push(n.ms);
    const p = timed(['-e', PARSE_SCRIPT, dir], ROOT);
    if (p.status !== 0) throw new Error('the parse-only run failed');
    runs.parse.push(p.ms);
    log(`  run ${i + 1}: agov ${a.ms.toFixed(0)} ms (no code cache ${c.ms.toFixed(0)} ms), tsc 5.9 ${t.ms.toFixed(0)} ms, tsc 7 ${n.ms.toFixed(0)} ms, parse ${p.ms.toFixed(0)} ms`);
  }
  return { ours: median(runs.ours), oursNoCache: median(runs.oursNoCache), tsc: median(runs.tsc), tscNative: median(runs.tscNative), parse: median(runs.parse), oursPeakMb: oursPeak, runs };
}

function vmRss(pid, field = 'VmRSS') {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function lspRun(dir, manifest) {
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
  const P = require('vscode-languageserver-protocol');
  // BENCH_PROFILE_DIR: write a CPU profile of the language server there.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, AGOV_DEBOUNCE_MS: '0' } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = new Set();
  const latest = new Map();
  connection.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    latest.set(p.uri, p);
    for (const w of [...waiters]) w(p);
  });
  let analyses = 0;
  const analysisWaiters = new Set();
  connection.onNotification('agentGovernance/analysisDone', () => {
    analyses++;
    for (const w of [...analysisWaiters]) w();
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.listen();
  const until = (register, timeoutMs, what) =>
    new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\n${stderr.slice(-2000)}`)), timeoutMs);
      register(() => {
        clearTimeout(timer);
        resolvePromise();
      });
    });
  const uriOf = (rel) => pathToFileURL(join(dir, rel)).toString();

  const started = performance.now();
  await connection.sendRequest(P.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(dir).toString(),
    workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
  });
  const firstAnalysis = until((done) => analysisWaiters.add(() => analyses >= 1 && done()), 600_000, 'the first analysis');
  await connection.sendNotification(P.InitializedNotification.type, {});
  await firstAnalysis;
  const firstScanMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 200));
  const rssAfterScan = vmRss(child.pid);

  /** Opens a document, then times one-line edits cycling through `states` (index 0 is the original). */
  const editSeries = async (rel, states) => {
    const uri = uriOf(rel);
    let version = 1;
    const opened = until((done) => waiters.add(function w(p) { if (p.uri === uri && p.version === 1) { waiters.delete(w); done(); } }), 60_000, `diagnostics of ${rel}`);
    await connection.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version, text: states[0] } });
    await opened;
    const times = [];
    const codes = new Set();
    for (let i = 1; i <= EDITS; i++) {
      const text = states[i % states.length];
      version++;
      const v = version;
      const published = until((done) => waiters.add(function w(p) { if (p.uri === uri && p.version === v) { waiters.delete(w); done(); } }), 60_000, `diagnostics of ${rel} v${v}`);
      const t0 = performance.now();
      await connection.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text }] });
      await published;
      times.push(performance.now() - t0);
      codes.add(latest.get(uri).diagnostics.map((d) => d.code).sort().join(','));
      // Settle between edits, as a person types: the next edit is not queued behind this one.
      await new Promise((r) => setTimeout(r, 20));
    }
    await connection.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return { times, distinctDiagnosticSets: codes.size };
  };

  const agentRel = manifest.domains[0].agentFile;
  const agentText = readFileSync(join(dir, agentRel), 'utf8');
  const ownerOff = agentText.replace(/@owner\s+\S+/, '@owner TODO');
  const toolLine = agentText.split('\n').findIndex((l) => /^\s{4}\w+Tool,$/.test(l));
  const toolOff = agentText.split('\n').map((l, i) => (i === toolLine ? `    // ${l.trim()}` : l)).join('\n');
  if (ownerOff === agentText || toolLine < 0) throw new Error(`${agentRel} has no @owner or tool line to toggle`);
  const agent = await editSeries(agentRel, [agentText, ownerOff, agentText, toolOff]);

  const toolRel = manifest.domains[0].toolFile;
  const toolText = readFileSync(join(dir, toolRel), 'utf8');
  const secretRenamed = toolText.replace(/process\.env\.(\w+)/, 'process.env.STRIPE_SECRET_KEY');
  if (secretRenamed === toolText) throw new Error(`${toolRel} reads no secret to rename`);
  const tool = await editSeries(toolRel, [toolText, secretRenamed]);

  await new Promise((r) => setTimeout(r, 200));
  const rssAfterEdits = vmRss(child.pid);
  const peakRss = vmRss(child.pid, 'VmHWM');
  await connection.sendRequest(P.ShutdownRequest.type);
  await connection.sendNotification(P.ExitNotification.type);
  await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
  connection.dispose();
  return { firstScanMs, rssAfterScan, rssAfterEdits, peakRss, agent, tool, all: [...agent.times, ...tool.times] };
}

const results = [];
mkdirSync(OUT, { recursive: true });
log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${RUNS} cold runs, ${EDITS} edits per file`);
for (const size of SIZES) {
  const dir = join(OUT, `w${size}`);
  const manifest = generate(dir, size, SEED);
  log(`${size} files (${manifest.domains.length} agent domains, ${manifest.agentCodeFiles} agent-code files) in ${dir}`);
  const cold = process.env.BENCH_LSP_ONLY ? { ours: NaN, oursNoCache: NaN, tsc: NaN, tscNative: NaN, parse: NaN, oursPeakMb: NaN, runs: {} } : coldScans(dir);
  const lsp = await lspRun(dir, manifest);
  const row = {
    files: size,
    agentFiles: manifest.agentCodeFiles,
    scanMs: cold.ours,
    scanNoCacheMs: cold.oursNoCache,
    tscMs: cold.tsc,
    tscNativeMs: cold.tscNative,
    parseMs: cold.parse,
    scanPeakMb: cold.oursPeakMb,
    lspFirstScanMs: lsp.firstScanMs,
    editMedianMs: median(lsp.all),
    editP95Ms: percentile(lsp.all, 95),
    agentEditMedianMs: median(lsp.agent.times),
    agentEditP95Ms: percentile(lsp.agent.times, 95),
    toolEditMedianMs: median(lsp.tool.times),
    toolEditP95Ms: percentile(lsp.tool.times, 95),
    rssMb: Math.max(lsp.rssAfterScan, lsp.rssAfterEdits),
    peakRssMb: lsp.peakRss,
    runs: cold.runs,
    editTimes: { agent: lsp.agent.times, tool: lsp.tool.times },
  };
  results.push(row);
  log(`  lsp: first analysis ${row.lspFirstScanMs.toFixed(0)} ms; edits median ${row.editMedianMs.toFixed(1)} ms, p95 ${row.editP95Ms.toFixed(1)} ms; RSS ${row.rssMb.toFixed(0)} MB (peak ${row.peakRssMb.toFixed(0)} MB)`);
}

const f0 = (x) => x.toFixed(0);
const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
const header = ['files', 'agov scan', 'agov scan, no code cache', 'tsc 5.9 --noEmit', 'scan / tsc 5.9', 'tsc 7 --noEmit', 'scan / tsc 7', 'parse only', 'scan / parse', 'scan peak RSS', 'LSP first analysis', 'edit → diagnostics median', 'edit p95', 'agent-file edit median / p95', 'tool-file edit median / p95', 'server RSS'];
const rows = results.map((r) => [
  String(r.files),
  `${f0(r.scanMs)} ms`,
  `${f0(r.scanNoCacheMs)} ms`,
  `${f0(r.tscMs)} ms`,
  `${f2(r.scanMs / r.tscMs)}×`,
  `${f0(r.tscNativeMs)} ms`,
  `${f2(r.scanMs / r.tscNativeMs)}×`,
  `${f0(r.parseMs)} ms`,
  `${f2(r.scanMs / r.parseMs)}×`,
  Number.isFinite(r.scanPeakMb) ? `${f0(r.scanPeakMb)} MB` : 'n/a',
  `${f0(r.lspFirstScanMs)} ms`,
  `${f1(r.editMedianMs)} ms`,
  `${f1(r.editP95Ms)} ms`,
  `${f1(r.agentEditMedianMs)} / ${f1(r.agentEditP95Ms)} ms`,
  `${f1(r.toolEditMedianMs)} / ${f1(r.toolEditP95Ms)} ms`,
  `${f0(r.rssMb)} MB`,
]);
const md = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));
const target = results.find((r) => r.files === 2000);
if (target) {
  console.log('');
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  const vs59 = target.scanMs / target.tscMs;
  const vs7 = target.scanMs / target.tscNativeMs;
  const cold59 = target.scanNoCacheMs / target.tscMs;
  console.log(`targets at 2,000 files: edit median ${f1(target.editMedianMs)} ms (≤ 50) ${verdict(target.editMedianMs <= 50)}, p95 ${f1(target.editP95Ms)} ms (≤ 150) ${verdict(target.editP95Ms <= 150)}; server RSS ${f0(target.rssMb)} MB (≤ 400) ${verdict(target.rssMb <= 400)}`);
  console.log(`scan ≤ 0.5× tsc --noEmit: ${f2(vs59)}× tsc 5.9 ${verdict(vs59 <= 0.5)} (${f2(cold59)}× without the code cache ${verdict(cold59 <= 0.5)}); ${f2(vs7)}× tsc 7 ${verdict(vs7 <= 0.5)}`);
}
console.log('\nFramework packages are not installed in the generated workspaces: tsc types their imports as `any` and does less work than in a real install, which favours tsc.');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
writeFileSync(join(OUT, 'results.json'), `${JSON.stringify({ machine, runs: RUNS, edits: EDITS, seed: SEED, results }, null, 2)}\n`);
writeFileSync(join(OUT, 'results.md'), `${md}\n\nMachine: ${machine}. Medians of ${RUNS} alternating cold runs; ${EDITS} edits per file.\n`);
