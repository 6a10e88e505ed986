import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLI } from '../helpers/lspClient';

const APP = path.join(__dirname, '..', 'fixtures', 'lsp-app');

function agov(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('scan --format json prints the contract shape with relative paths and 1-based positions', () => {
  const r = agov(['scan', APP, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.tool.name, 'agent-governance');
  const [agent] = report.agents;
  assert.deepEqual(agent.location, { file: 'src/agents/support.ts', line: 7, column: 29 });
  assert.equal(agent.declared, null);
  assert.equal(agent.framework, 'mastra');
  assert.deepEqual(agent.observed.tools, ['searchTickets', 'issueRefund']);
  assert.deepEqual(agent.observed.secrets, [{ name: 'STRIPE_RESTRICTED_KEY', broad: false }, { name: 'ZENDESK_TOKEN', broad: false }]);
  assert.deepEqual(agent.observed.hosts, ['acme.zendesk.com']);
  assert.deepEqual(agent.observed.memory, ['thread']);
  const [finding] = report.findings;
  assert.equal(finding.ruleId, 'AG101');
  assert.deepEqual(finding.location, { file: 'src/agents/support.ts', line: 7, column: 29, endLine: 7, endColumn: 39 });
  assert.equal(finding.agent, 'supportAgent');
  assert.equal(finding.suppressed, false);
});

test('scan --format text prints clickable file:line:column', () => {
  const r = agov(['scan', '--format', 'text'], APP);
  assert.match(r.stdout, /src\/agents\/support\.ts:7:29/);
});

test('--fail-on decides the exit code', () => {
  assert.equal(agov(['scan', APP, '--fail-on', 'warning']).code, 1);
  assert.equal(agov(['scan', APP, '--fail-on', 'error']).code, 0);
  assert.equal(agov(['scan', APP, '--fail-on', 'none']).code, 0);
});

test('usage and configuration errors exit 2 with a message on stderr', () => {
  const bad = agov(['scan', '--format', 'yaml', APP]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /yaml/);
  assert.equal(agov(['scan', path.join(APP, 'does-not-exist')]).code, 2);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agov-cli-'));
  fs.writeFileSync(path.join(root, 'agent-governance.config.json'), '{ "blastRadius": { "limit": "ten" } }');
  const invalid = agov(['scan', root]);
  assert.equal(invalid.code, 2);
  assert.match(invalid.stderr, /blastRadius\.limit/);
  assert.equal(invalid.stdout, '');
});

test('--output writes the report to a file and nothing to stdout', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'agov-out-')), 'report.json');
  const r = agov(['scan', APP, '--format', 'json', '--output', out]);
  assert.equal(r.stdout, '');
  assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).schemaVersion, 1);
});

test('rules and explain print rule metadata and docs', () => {
  const rules = agov(['rules']);
  assert.match(rules.stdout, /AG101\s+missing-identity/);
  const explain = agov(['explain', 'AG101']);
  assert.equal(explain.code, 0);
  assert.match(explain.stdout, /# AG101/);
  assert.equal(agov(['explain', 'AG999']).code, 2);
});
