import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { agentAround, agentAt, blastRadiusDetails } from '../../server/src/engine/agentInfo';
import { blastRadius } from '../../server/src/engine/blastRadius';
import { Engine } from '../../server/src/engine/engine';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const roots = [
  path.join(FIXTURES, 'report-app'),
  path.join(FIXTURES, 'lsp-app'),
  ...fs.readdirSync(path.join(FIXTURES, 'workspaces')).map((d) => path.join(FIXTURES, 'workspaces', d)),
].filter((d) => fs.statSync(d).isDirectory());

test('the itemised blast radius always adds up to blastRadius(), item for item', () => {
  let agents = 0;
  for (const root of roots) {
    const engine = new Engine({ root, today: () => '2026-05-01' });
    const result = engine.analyze();
    const byKey = new Map(result.model.agents.map((a) => [a.key, a]));
    for (const agent of result.model.agents) {
      agents++;
      const counted = blastRadius(agent, result, byKey);
      const items = blastRadiusDetails(agent, result, byKey);
      const where = `${path.basename(root)}: ${agent.name}`;
      assert.equal(items.total, counted.total, where);
      assert.deepEqual(items.items.filter((i) => i.kind === 'secret').map((i) => i.name).sort(), [...counted.secrets].sort(), where);
      assert.deepEqual(items.items.filter((i) => i.kind === 'host').map((i) => i.name).sort(), [...counted.hosts].sort(), where);
      assert.equal(items.items.filter((i) => i.kind === 'privileged-tool').length, counted.privilegedTools.size, where);
      assert.equal(items.items.filter((i) => i.kind === 'delegate').length, counted.delegates.size, where);
    }
  }
  assert.ok(agents >= 20, `checked ${agents} agents`);
});

test('agentAt finds the construction; agentAround the whole statement', () => {
  const root = path.join(FIXTURES, 'report-app');
  const engine = new Engine({ root });
  const result = engine.analyze();
  const file = path.join(root, 'src', 'agents', 'triage.ts');
  const text = fs.readFileSync(file, 'utf8');
  assert.equal(agentAt(result, file, text.indexOf('Agent.create') + 3)?.name, 'triageAgent');
  assert.equal(agentAt(result, file, text.indexOf('instructions')), undefined);
  assert.equal(agentAround(result, file, text.indexOf('instructions'))?.name, 'triageAgent');
  assert.equal(agentAround(result, file, 0), undefined);
});
