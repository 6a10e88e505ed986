import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../server/src/engine/engine';

function workspace(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agov-robust-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

const AGENT = `import { Agent } from '@mastra/core/agent';\nexport const a = new Agent({ id: 'a', name: 'A', instructions: 'x', model: 'openai/gpt-4o' });\n`;

test('malformed code, an empty file and binary junk give a clean result beside a real agent', () => {
  const junk = Buffer.alloc(4096);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
  const root = workspace({
    'src/agent.ts': AGENT,
    'src/broken.ts': `import { Agent } from '@mastra/core/agent';\nexport const b = new Agent({ id: 'b', tools: { x: ,, }\nfunction (((\n`,
    'src/empty.ts': '',
    'src/junk.js': junk,
  });
  const result = new Engine({ root }).analyze();
  assert.ok(result.model.agents.some((a) => a.name === 'a'), 'the valid agent is still found');
  assert.ok(result.findings.some((f) => f.ruleId === 'AG101'));
  assert.equal(result.skipped.find((s) => s.file.endsWith('junk.js'))?.reason, 'binary');
});

test('a 50,000-line file is analysed without a hang', () => {
  const lines = [AGENT];
  for (let i = 0; i < 50_000; i++) lines.push(`export const value${i} = compute(${i}, 'x${i}');`);
  const root = workspace({ 'src/huge.ts': lines.join('\n') });
  const started = Date.now();
  const result = new Engine({ root }).analyze();
  assert.equal(result.model.agents.length, 1);
  // Generous bound: a hang or quadratic blow-up would take minutes, not seconds.
  assert.ok(Date.now() - started < 60_000);
});

test('files over the size limit are skipped, not parsed', () => {
  const root = workspace({ 'src/bundle.js': 'x'.repeat(5 * 1024 * 1024), 'src/agent.ts': AGENT });
  const result = new Engine({ root }).analyze();
  assert.equal(result.skipped.find((s) => s.file.endsWith('bundle.js'))?.reason, 'too-large');
  assert.equal(result.model.agents.length, 1);
});
