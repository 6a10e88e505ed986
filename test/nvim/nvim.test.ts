// A second LSP client: headless Neovim runs `node dist/cli.js lsp --stdio` on the E2E fixture
// workspace and must receive the same diagnostics VS Code shows, and apply the declaration fix.
// Run: node --import tsx --test test/nvim/nvim.test.ts   (after `npm run build`)
// Skips, saying so, when `nvim` is not installed (apt-get install -y neovim).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const cli = join(repoRoot, 'dist', 'cli.js');
const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const nvim = nvimVersion.status === 0 ? nvimVersion.stdout.split('\n')[0] : null;
const skip = nvim ? false : 'nvim is not installed (apt-get install -y neovim): the Neovim LSP client test did not run';
if (skip) console.log(`nvim.test: skipped: ${skip}`);

interface NvimResult {
  diagnostics: { line: number; column: number; code: string; source: string; message: string; severity: number }[];
  actions: string[];
  after_fix?: string;
  errors: string[];
  timed_out: boolean;
  wait_ms: number;
  capabilities?: { hover: boolean; codeAction: boolean };
}

let work = '';
let workspace = '';
const clientErrors: string[] = [];
before(() => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'ag-nvim-'));
  workspace = join(work, 'workspace');
  cpSync(join(repoRoot, 'test', 'e2e-ui', 'workspace'), workspace, { recursive: true });
});
after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

function runNvim(rel: string, extra: Record<string, string> = {}): NvimResult {
  assert.ok(existsSync(cli), `${cli} is missing: run npm run build first`);
  const out = join(work, `result-${rel.replace(/\W+/g, '_')}.json`);
  const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${join(here, 'lsp.lua')}`], {
    cwd: workspace,
    encoding: 'utf8',
    timeout: 90_000,
    env: {
      ...process.env,
      AG_NVIM_ROOT: workspace,
      AG_NVIM_FILE: join(workspace, rel),
      AG_NVIM_CMD: JSON.stringify([process.execPath, cli, 'lsp', '--stdio']),
      AG_NVIM_OUT: out,
      ...extra,
    },
  });
  assert.ok(existsSync(out), `nvim wrote no result (exit ${r.status ?? r.signal}): ${r.stderr}${r.stdout}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
  // vim.fn.json_encode writes an empty Lua table as {} rather than [].
  for (const k of ['diagnostics', 'actions', 'errors'] as const) if (!Array.isArray(result[k])) (result as any)[k] = [];
  assert.deepEqual(result.errors, [], `errors in lsp.lua: ${result.errors.join('; ')}`);
  // What a Neovim user would see as error messages from the client; checked by the last test.
  clientErrors.push(...`${r.stderr}${r.stdout}`.split('\n').filter((l) => /^LSP\[agent-governance\]: Error/.test(l)).map((l) => `${rel}: ${l}`));
  return result;
}

function positionOf(text: string, needle: string) {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `fixture has no ${needle}`);
  const lines = text.slice(0, i).split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

test(`Neovim (${nvim ?? 'not installed'}) gets AG101 on the Mastra agent and applies the declaration fix`, { skip }, () => {
  const src = readFileSync(join(workspace, 'src/agents/support.ts'), 'utf8');
  const at = positionOf(src, 'new Agent(');
  const r = runNvim('src/agents/support.ts', { AG_NVIM_FIX: "Add scoped identity declaration for 'supportAgent'" });
  assert.equal(r.timed_out, false, 'no diagnostics arrived within 30 s');
  const ag101 = r.diagnostics.filter((d) => d.code === 'AG101' && d.source === 'agent-governance');
  assert.equal(ag101.length, 1, `diagnostics: ${JSON.stringify(r.diagnostics)}`);
  assert.deepEqual({ line: ag101[0].line, column: ag101[0].column }, at);
  assert.equal(ag101[0].severity, 2, 'AG101 is a warning');
  assert.ok(r.actions.includes("Add scoped identity declaration for 'supportAgent'"), `code actions: ${r.actions.join(' | ')}`);
  assert.match(r.after_fix ?? '', /@agentIdentity\s+\S+/);
  assert.match(r.after_fix ?? '', /@owner\s+\S+/);
});

test(`Neovim (${nvim ?? 'not installed'}) gets AG102 on the TODO owner`, { skip }, () => {
  const src = readFileSync(join(workspace, 'src/agents/triage.ts'), 'utf8');
  const line = positionOf(src, '@owner TODO').line;
  const r = runNvim('src/agents/triage.ts');
  assert.equal(r.timed_out, false, 'no diagnostics arrived within 30 s');
  assert.ok(r.diagnostics.some((d) => d.code === 'AG102' && d.line === line), `diagnostics: ${JSON.stringify(r.diagnostics)}`);
  assert.ok(!r.diagnostics.some((d) => d.code === 'AG101'), 'AG101 on a declared agent');
});

// Neovim prints the client's errors (e.g. "Error NO_RESULT_CALLBACK_FOUND" when a server answers a request
// twice, as `agov lsp --stdio` once did) where the user sees them: there must be none.
test('Neovim reports no LSP errors from the server', { skip }, () => {
  assert.deepEqual(clientErrors, [], `Neovim reported:\n${clientErrors.join('\n').slice(0, 2000)}`);
});
