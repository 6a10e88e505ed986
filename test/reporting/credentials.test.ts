import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../../server/src/reporting/html';
import { renderMarkdown } from '../../server/src/reporting/markdown';
import type { Report } from '../../server/src/reporting/report';
import { renderSarif } from '../../server/src/reporting/sarif';
import { renderText } from '../../server/src/reporting/text';
import { sampleReport, sampleRules } from './sampleReport';

// Credential-shaped values (all made up). The engine never puts a secret's value in a report; these are
// smuggled in as properties the Report type does not have, to prove the renderers print report fields
// only and never dump whole objects.
const CREDENTIALS = [
  'sk_live_4eC39HqLyjWDarjtT1zdp7dcFAKE',
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'ghp_FAKE0123456789abcdefghijklmnopqrstuv',
  'xoxb-000000000000-FAKEFAKEFAKE',
  '-----BEGIN PRIVATE KEY-----',
  'postgres://app:hunter2@db.internal.example:5432/app',
];

const SHAPES = [/sk_(live|test)_\w+/, /\b(AKIA|ASIA)[A-Z0-9]{16}\b/, /\bgh[pousr]_\w{20,}/, /xox[abprs]-/, /-----BEGIN [A-Z ]*KEY-----/, /:\/\/[^\s/:@]+:[^\s/@]+@/];

function smuggle(report: Report): Report {
  const copy = structuredClone(report) as Report & Record<string, unknown>;
  let next = 0;
  const value = (): string => CREDENTIALS[next++ % CREDENTIALS.length];
  copy.env = { STRIPE_SECRET_KEY: value(), AWS_SECRET_ACCESS_KEY: value() };
  Object.assign(copy.tool, { token: value() });
  for (const agent of copy.agents) {
    Object.assign(agent, { env: { GITHUB_TOKEN: value() }, source: `const key = '${value()}'` });
    Object.assign(agent.location, { text: value() });
    if (agent.declared) Object.assign(agent.declared, { apiKey: value() });
    for (const secret of agent.observed.secrets) Object.assign(secret, { value: value() });
  }
  for (const finding of copy.findings) {
    Object.assign(finding, { snippet: value(), fix: { newText: value() }, data: { value: value() } });
    Object.assign(finding.location, { lineText: value() });
    for (const related of finding.related ?? []) Object.assign(related, { value: value() });
  }
  return copy;
}

const renderers: [string, (report: Report) => string][] = [
  ['text', (report) => renderText(report)],
  ['text (colour)', (report) => renderText(report, { color: true })],
  ['markdown', (report) => renderMarkdown(report, sampleRules())],
  ['html', (report) => renderHtml(report, sampleRules())],
  ['sarif', (report) => JSON.stringify(renderSarif(report, sampleRules(), { toolVersion: '0.1.0' }))],
];

test('renderers print report fields only: smuggled credential values never appear', () => {
  const clean = sampleReport();
  const dirty = smuggle(clean);
  assert.ok(JSON.stringify(dirty).includes(CREDENTIALS[0]), 'the values are really in the input');
  for (const [name, render] of renderers) {
    const output = render(dirty);
    for (const credential of CREDENTIALS) assert.ok(!output.includes(credential), `${name} printed ${credential}`);
    assert.equal(output, render(clean), `${name}: fields outside the Report type change nothing`);
  }
});

test('renderers add no credential-shaped text of their own', () => {
  const report = sampleReport();
  for (const [name, render] of renderers) {
    const output = render(report);
    for (const shape of SHAPES) assert.doesNotMatch(output, shape, `${name} matches ${shape}`);
    // Secret names are report fields and are shown; that is the point of the inventory.
    if (name !== 'sarif') assert.ok(output.includes('STRIPE_SECRET_KEY'), `${name} shows secret names`);
  }
});
