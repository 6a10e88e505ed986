import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripVTControlCharacters } from 'node:util';
import { renderText } from '../../server/src/reporting/text';
import type { Report } from '../../server/src/reporting/report';
import { hostileReport, sampleReport } from './sampleReport';

const FINDING_LINE = /^ {2}(\S+):(\d+):(\d+) +(error|warning|info) {2,}(\S.*?) {2}(AG\d{3})(?: {2}\(suppressed(?:: (.*))?\))?$/;

test('each finding is one clickable `path:line:column  severity  message  RULEID` line', () => {
  const report = sampleReport();
  const lines = renderText(report).split('\n');
  const parsed = lines.map((line) => FINDING_LINE.exec(line)).filter((match) => match !== null);
  assert.equal(parsed.length, report.findings.length);
  for (const finding of report.findings) {
    const match = parsed.find((m) => m[6] === finding.ruleId && m[1] === finding.location.file && Number(m[2]) === finding.location.line);
    assert.ok(match, `${finding.ruleId} at ${finding.location.file}:${finding.location.line}`);
    assert.equal(Number(match[3]), finding.location.column);
    assert.equal(match[4], finding.severity);
    assert.equal(match[5], finding.message);
  }
});

test('findings are grouped under their file, in path and line order', () => {
  const lines = renderText(sampleReport()).split('\n');
  const headers = lines.filter((line) => /^\S/.test(line) && !line.startsWith('Agents') && !/^\d+ agents?,/.test(line));
  assert.deepEqual(headers, ['app/api/chat/route.ts', 'src/agents/research.ts', 'src/agents/support.ts', 'src/clients/s3.ts', 'src/graphs/billing.ts', 'src/tools/billing.ts']);
  let current = '';
  let lastLine = 0;
  for (const line of lines) {
    if (headers.includes(line)) {
      current = line;
      lastLine = 0;
      continue;
    }
    const match = FINDING_LINE.exec(line);
    if (!match) continue;
    assert.equal(match[1], current, `${line} is under ${current}`);
    assert.ok(Number(match[2]) >= lastLine);
    lastLine = Number(match[2]);
  }
});

test('suppressed findings are marked with their reason; related locations follow their finding', () => {
  const lines = renderText(sampleReport()).split('\n');
  const suppressed = lines.filter((line) => line.includes('(suppressed'));
  assert.deepEqual(suppressed.map((line) => FINDING_LINE.exec(line)?.slice(6, 8)), [['AG205', 'bucket policy narrows this to the invoices bucket']]);
  const flow = lines.findIndex((line) => line.includes('AG301'));
  assert.match(lines[flow + 1], /^ +related {2}src\/agents\/support\.ts:30:17 {2}thread memory is recalled here$/);
  assert.match(lines[flow + 2], /^ +related {2}src\/tools\/billing\.ts:10:14 {2}tool 'refundPayment' is defined here$/);
});

test('the inventory lists each agent with identity, owner, framework, counts and blast radius', () => {
  const text = renderText(sampleReport());
  const lines = text.split('\n');
  const start = lines.indexOf('Agents (4)');
  assert.ok(start > 0);
  const header = lines[start + 1].trim().split(/ {2,}/);
  assert.deepEqual(header, ['NAME', 'IDENTITY', 'OWNER', 'FRAMEWORK', 'TOOLS', 'SECRETS', 'MEMORY', 'BLAST RADIUS', 'LOCATION']);
  const rows = lines.slice(start + 2, start + 6).map((line) => line.trim().split(/ {2,}/));
  assert.deepEqual(rows, [
    ['supportAgent', 'support-triage', 'team-support', 'mastra', '2', '2 (1 broad)', '1', '5', 'src/agents/support.ts:12:14'],
    ['researchAgent', 'no identity', 'no owner', 'openai-agents', '1', '1', '0', '2', 'src/agents/research.ts:8:23'],
    ['billingGraph', 'billing-graph', '@acme/payments', 'langchain', '3', '3 (1 broad)', '2', '12', 'src/graphs/billing.ts:30:7'],
    ['chatRoute', 'web-chat', 'TODO', 'ai-sdk', '1', '0', '0', '1', 'app/api/chat/route.ts:5:1'],
  ]);
});

test('the last line sums up agents and unsuppressed findings by severity', () => {
  const lines = renderText(sampleReport()).trimEnd().split('\n');
  assert.equal(lines.at(-1), '4 agents, 1 error, 6 warnings, 1 info, 1 suppressed');
});

test('ANSI colours only when asked, and the same text underneath', () => {
  const plain = renderText(sampleReport());
  assert.equal(renderText(sampleReport(), { color: false }), plain);
  assert.ok(!plain.includes('\u001b'));
  const coloured = renderText(sampleReport(), { color: true });
  assert.match(coloured, /\u001b\[31merror\u001b\[39m/);
  assert.match(coloured, /\u001b\[33mwarning\u001b\[39m/);
  assert.equal(stripVTControlCharacters(coloured), plain);
});

test('hostile text cannot add lines or terminal escape sequences', () => {
  const report = hostileReport();
  const plain = renderText(report);
  assert.ok(!plain.includes('\u001b'), 'no escape character from the report reaches the terminal');
  assert.ok(plain.includes('\\u{001b}[31m'), 'shown visibly instead');
  const findingLines = plain.split('\n').filter((line) => line.includes('AG104'));
  assert.equal(findingLines.length, 1, 'a newline in a name does not split the finding line');
  assert.ok(findingLines[0].includes('(suppressed: reviewed <img src=x onerror=alert(1)>)'));
  const coloured = renderText(report, { color: true });
  assert.equal(stripVTControlCharacters(coloured), plain);
});

test('an empty report says so', () => {
  const empty: Report = { schemaVersion: 1, tool: { name: 'agent-governance', version: '0.1.0' }, agents: [], findings: [] };
  assert.equal(renderText(empty), 'No findings.\n\nNo agents found.\n\n0 agents, 0 errors, 0 warnings, 0 info\n');
});
