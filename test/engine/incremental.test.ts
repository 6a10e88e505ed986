import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Engine, type AnalysisResult } from '../../server/src/engine/engine';
import { isAnalysable } from '../../server/src/engine/sourceFiles';
import { copyFixture } from '../helpers/tempWorkspace';

// An engine that is edited again and again must answer exactly what a fresh engine answers about the
// same texts: incremental analysis reuses what earlier analyses found only where nothing it depends on
// changed. Each edit below is checked against a cold analysis of the same state.

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'workspaces');
const TODAY = () => '2026-12-01';

function filesOf(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (isAnalysable(full)) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

/** Everything a user can see of a result, with spans, fixes and related locations. */
function snapshot(result: AnalysisResult): string {
  return JSON.stringify({
    agents: result.model.agents.map((a) => ({ ...a, host: a.host.span, tools: a.tools.map((t) => ({ ...t, tool: t.tool && { ...t.tool } })) })),
    tools: result.model.tools,
    servers: result.model.mcpServers,
    flows: result.model.memoryFlows,
    findings: result.findings,
    observed: [...result.observed],
  });
}

function cold(root: string, overlays: Map<string, string>): string {
  const engine = new Engine({ root, today: TODAY });
  for (const [file, text] of overlays) engine.setOverlay(file, text);
  return snapshot(engine.analyze());
}

/**
 * Edits that change what the analysis finds: an import removed (resolution changes), then one of an
 * owner made a placeholder, a secret read renamed, a tool entry commented out or an export added
 * (whichever applies first); a file without imports is also emptied; a suppression added, memory
 * reads and approval flags renamed away.
 */
function edits(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  const importLine = lines.findIndex((l) => /^import\b/.test(l));
  if (importLine >= 0) out.push(lines.filter((_, i) => i !== importLine).join('\n'));
  const toolLine = lines.findIndex((l) => /^\s+\w+,\s*(\/\/.*)?$/.test(l));
  if (/@owner\s+\S+/.test(text)) out.push(text.replace(/@owner\s+\S+/, '@owner TODO'));
  else if (/process\.env\.\w+/.test(text)) out.push(text.replace(/process\.env\.(\w+)/, 'process.env.STRIPE_SECRET_KEY'));
  else if (toolLine >= 0) out.push(lines.map((l, i) => (i === toolLine ? `// ${l}` : l)).join('\n'));
  else out.push(`${text}\nexport const addedByEdit = 1;\n`);
  if (importLine < 0) out.push('');
  // Edits that move the file in or out of the sets kept by its text: suppressions, memory reads and
  // late approvals.
  const envLine = lines.findIndex((l) => /process\.env/.test(l));
  if (envLine >= 0) out.push(lines.map((l, i) => (i === envLine ? `// agent-governance-disable-next-line AG201 AG204 -- edited\n${l}` : l)).join('\n'));
  const memoryWords = /recall|getItems|messages|history|similaritySearch|\.store\b|getStore/g;
  if (memoryWords.test(text)) out.push(text.replace(memoryWords, (w) => `${w.replace(/\W/g, '')}X`));
  if (/needsApproval|requireApproval/.test(text)) out.push(text.replace(/needsApproval|requireApproval/g, 'approvalNote'));
  return out;
}

for (const name of fs.readdirSync(FIXTURES).sort()) {
  test(`incremental analysis equals a fresh one after each edit: ${name}`, () => {
    const root = copyFixture(path.join(FIXTURES, name));
    const engine = new Engine({ root, today: TODAY });
    const overlays = new Map<string, string>();
    assert.equal(snapshot(engine.analyze()), cold(root, overlays), 'first analysis');
    for (const file of filesOf(root)) {
      const original = fs.readFileSync(file, 'utf8');
      for (const edited of edits(original)) {
        overlays.set(file, edited);
        engine.setOverlay(file, edited);
        assert.equal(snapshot(engine.analyze()), cold(root, overlays), `after editing ${path.relative(root, file)}`);
      }
      overlays.delete(file);
      engine.setOverlay(file, undefined);
    }
    assert.equal(snapshot(engine.analyze()), cold(root, overlays), 'after undoing every edit');
  });
}

test('files created, deleted and changed on disk are picked up without a rescan', () => {
  const root = copyFixture(path.join(FIXTURES, 'resolution-paths'));
  const engine = new Engine({ root, today: TODAY });
  engine.analyze();
  const files = filesOf(root);
  // A file that everything imports through disappears, then comes back changed.
  const lib = files.find((f) => f.endsWith(path.join('lib', 'index.ts')))!;
  const text = fs.readFileSync(lib, 'utf8');
  fs.rmSync(lib);
  engine.workspace.rescan();
  engine.fileChanged(lib);
  assert.equal(snapshot(engine.analyze()), cold(root, new Map()), 'after a delete');
  fs.writeFileSync(lib, `${text}\nexport const extra = 1;\n`);
  engine.workspace.rescan();
  engine.fileChanged(lib);
  assert.equal(snapshot(engine.analyze()), cold(root, new Map()), 'after the file came back');
  // A new file that re-exports a framework construction makes its importer an agent file.
  const added = path.join(root, 'src', 'agents', 'late.ts');
  fs.writeFileSync(added, `export { Agent as LateAgent } from '@mastra/core/agent';\n`);
  const user = path.join(root, 'src', 'agents', 'uses-late.ts');
  fs.writeFileSync(user, `import { LateAgent } from './late';\nexport const lateAgent = new LateAgent({ id: 'late', name: 'Late', instructions: 'x', model: 'openai/gpt-4o' });\n`);
  engine.workspace.rescan();
  engine.fileChanged(added);
  engine.fileChanged(user);
  const after = engine.analyze();
  assert.ok(after.model.agents.some((a) => a.name === 'lateAgent'));
  assert.equal(snapshot(after), cold(root, new Map()), 'after creating files');
  fs.writeFileSync(added, `export const LateAgent = class {};\n`);
  engine.fileChanged(added);
  const changed = engine.analyze();
  assert.ok(!changed.model.agents.some((a) => a.name === 'lateAgent'), 'the re-export is gone, and so is the agent');
  assert.equal(snapshot(changed), cold(root, new Map()), 'after changing the re-export on disk');
});

test('a scan prepared in slices gives the same result as one in a single go', () => {
  const root = copyFixture(path.join(FIXTURES, 'reach'));
  const engine = new Engine({ root, today: TODAY });
  let slices = 0;
  while (!engine.prepare(0)) slices++;
  assert.ok(slices > 1, 'the work was sliced');
  assert.equal(snapshot(engine.analyze()), cold(root, new Map()));
});
