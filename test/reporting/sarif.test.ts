import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { artifactUri, FINGERPRINT_KEY, normalizeMessage, renderSarif } from '../../server/src/reporting/sarif';
import type { Report, ReportFinding } from '../../server/src/reporting/report';
import { ruleDocUrl } from '../../server/src/rules/meta';
import { hostileReport, sampleReport, sampleRules } from './sampleReport';

const schema = JSON.parse(readFileSync(join(__dirname, '../fixtures/reporting/sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

function render(report: Report = sampleReport()): Sarif.Log {
  // Through JSON, as the CLI writes it, so nothing that JSON drops can hide.
  return JSON.parse(JSON.stringify(renderSarif(report, sampleRules(), { toolVersion: '1.2.3' })));
}

function assertValid(log: unknown): void {
  const ok = validateSarif(log);
  assert.ok(ok, `SARIF schema errors:\n${JSON.stringify(validateSarif.errors, null, 2)}`);
}

const emptyReport = (): Report => ({ schemaVersion: 1, tool: { name: 'agent-governance', version: '1.2.3' }, agents: [], findings: [] });

test('SARIF validates against the SARIF 2.1.0 JSON schema', () => {
  assertValid(render());
  assertValid(render(hostileReport()));
  assertValid(render(emptyReport()));
});

test('the schema validator really rejects invalid logs', () => {
  const log = render() as unknown as { runs: { results: { level: string }[] }[] };
  log.runs[0].results[0].level = 'fatal';
  assert.equal(validateSarif(log), false);
  assert.equal(validateSarif({ version: '2.1.0' }), false);
});

test('the log has what GitHub code scanning requires', () => {
  const log = render();
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema!, /^https:\/\/.*sarif-schema-2\.1\.0\.json$/);
  assert.equal(log.runs.length, 1);
  const driver = log.runs[0].tool.driver;
  assert.equal(driver.name, 'agent-governance');
  assert.equal(driver.semanticVersion, '1.2.3');
  assert.match(driver.informationUri!, /^https:\/\//);
  assert.deepEqual(
    driver.rules!.map((rule) => rule.id),
    sampleRules().map((rule) => rule.id),
  );
});

test('rule descriptors carry descriptions, help, doc links, level and security metadata', () => {
  const rules = sampleRules();
  const descriptors = render().runs[0].tool.driver.rules!;
  for (const [i, meta] of rules.entries()) {
    const rule = descriptors[i];
    assert.equal(rule.id, meta.id);
    assert.equal(rule.name, meta.name);
    assert.equal(rule.shortDescription?.text, meta.summary);
    assert.ok(rule.fullDescription?.text.startsWith(meta.summary));
    assert.equal(rule.helpUri, ruleDocUrl(meta.id));
    assert.ok(rule.help?.text.includes(ruleDocUrl(meta.id)));
    assert.ok(rule.help?.markdown?.includes(`](${ruleDocUrl(meta.id)})`), 'help.markdown links the doc page');
    assert.equal(rule.defaultConfiguration?.level, { error: 'error', warning: 'warning', info: 'note' }[meta.defaultSeverity]);
    const properties = rule.properties!;
    assert.equal(properties['security-severity'], meta.securitySeverity.toFixed(1));
    assert.match(properties['security-severity'] as string, /^\d+\.\d$/);
    assert.ok(['very-high', 'high', 'medium', 'low'].includes(properties.precision as string));
    assert.ok(properties.tags!.includes('security'));
    assert.ok(properties.tags!.includes('NHI5') && properties.tags!.includes('ASI03'), 'standards become short tags');
  }
  const ag101 = descriptors.find((rule) => rule.id === 'AG101')!;
  assert.equal(ag101.properties!['security-severity'], '5.0');
});

test('results point at their rule, carry level, message, relative location and 1-based region', () => {
  const report = sampleReport();
  const log = render(report);
  const { results } = log.runs[0];
  const rules = log.runs[0].tool.driver.rules!;
  assert.equal(results!.length, report.findings.length);
  for (const result of results!) {
    assert.equal(rules[result.ruleIndex!].id, result.ruleId);
    const finding = report.findings.find((f) => f.message === result.message.text)!;
    assert.ok(finding, `result for ${result.message.text}`);
    assert.equal(result.level, { error: 'error', warning: 'warning', info: 'note' }[finding.severity]);
    const physical = result.locations![0].physicalLocation!;
    assert.equal(physical.artifactLocation!.uri, finding.location.file);
    assert.equal(physical.artifactLocation!.uriBaseId, '%SRCROOT%');
    assert.deepEqual(physical.region, {
      startLine: finding.location.line,
      startColumn: finding.location.column,
      endLine: finding.location.endLine,
      endColumn: finding.location.endColumn,
    });
  }
  assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
});

test('related locations come from `related`', () => {
  const results = render().runs[0].results!;
  const flow = results.find((result) => result.ruleId === 'AG301')!;
  assert.deepEqual(
    flow.relatedLocations!.map((related) => [related.message?.text, related.physicalLocation?.artifactLocation?.uri, related.physicalLocation?.region?.startLine]),
    [
      ['thread memory is recalled here', 'src/agents/support.ts', 30],
      ["tool 'refundPayment' is defined here", 'src/tools/billing.ts', 10],
    ],
  );
  assert.ok(results.filter((result) => result.ruleId !== 'AG301').every((result) => result.relatedLocations === undefined));
});

test('suppressed findings are in-source suppressions with their justification', () => {
  const results = render().runs[0].results!;
  const suppressed = results.filter((result) => result.suppressions);
  assert.equal(suppressed.length, 1);
  assert.equal(suppressed[0].ruleId, 'AG205');
  assert.deepEqual(suppressed[0].suppressions, [{ kind: 'inSource', justification: 'bucket policy narrows this to the invoices bucket' }]);
});

function shifted(finding: ReportFinding, lines: number): ReportFinding {
  return {
    ...finding,
    location: { ...finding.location, line: finding.location.line + lines, endLine: finding.location.endLine + lines },
    related: finding.related?.map((related) => ({ ...related, location: { ...related.location, line: related.location.line + lines } })),
  };
}

const fingerprintsByMessage = (log: Sarif.Log): Map<string, string> =>
  new Map(log.runs[0].results!.map((result) => [result.message.text!, result.partialFingerprints![FINGERPRINT_KEY]]));

test('partialFingerprints stay the same when findings only move lines', () => {
  const before = sampleReport();
  const after = sampleReport();
  after.findings = after.findings.map((finding, i) => shifted(finding, 7 + i));
  const a = fingerprintsByMessage(render(before));
  const b = fingerprintsByMessage(render(after));
  assert.equal(a.size, before.findings.length);
  for (const [message, fingerprint] of a) assert.equal(b.get(message), fingerprint, message);
  assert.ok(!render(before).runs[0].results!.some((result) => 'primaryLocationLineHash' in result.partialFingerprints!));
});

test('partialFingerprints tell findings apart and change with rule, file or agent', () => {
  const report = sampleReport();
  const fingerprints = [...fingerprintsByMessage(render(report)).values()];
  assert.equal(new Set(fingerprints).size, fingerprints.length, 'unique within a run');

  const base = report.findings[1];
  const of = (finding: ReportFinding): string => render({ ...report, findings: [finding] }).runs[0].results![0].partialFingerprints![FINGERPRINT_KEY];
  assert.notEqual(of({ ...base, ruleId: 'AG204' }), of(base));
  assert.notEqual(of({ ...base, location: { ...base.location, file: 'src/tools/other.ts' } }), of(base));
  assert.notEqual(of({ ...base, agent: 'otherAgent' }), of(base));
  assert.equal(of({ ...base, suppressed: true, suppressionReason: 'accepted' }), of(base), 'suppressing keeps the alert');

  // Two findings identical but for their position (the same secret read twice) get distinct fingerprints.
  const twice = render({ ...report, findings: [base, shifted(base, 20)] }).runs[0].results!;
  assert.notEqual(twice[0].partialFingerprints![FINGERPRINT_KEY], twice[1].partialFingerprints![FINGERPRINT_KEY]);
});

test('message normalization drops quoted positions and spacing only', () => {
  assert.equal(normalizeMessage('flows at line 12  into\n sink (src/a.ts:3:9)'), 'flows at line # into sink (src/a.ts:#)');
  assert.equal(normalizeMessage("Wildcard scope 's3:*'"), "Wildcard scope 's3:*'");
});

test('artifact URIs are relative, forward-slashed and percent-encoded', () => {
  assert.equal(artifactUri('src\\agents\\support.ts'), 'src/agents/support.ts');
  assert.equal(artifactUri('./src/my agent#1.ts'), 'src/my%20agent%231.ts');
  assert.equal(artifactUri('c:odd/file.ts'), 'c%3Aodd/file.ts');
  const report = sampleReport();
  report.findings[0] = { ...report.findings[0], location: { ...report.findings[0].location, file: 'src/my agent#1 100%.ts' } };
  const log = render(report);
  assertValid(log);
  assert.ok(log.runs[0].results!.some((result) => result.locations![0].physicalLocation!.artifactLocation!.uri === 'src/my%20agent%231%20100%25.ts'));
});

test('a finding of a rule missing from the metadata still gets a descriptor', () => {
  const report = sampleReport();
  report.findings.push({ ...report.findings[0], ruleId: 'AG999', related: undefined });
  const log = render(report);
  assertValid(log);
  const result = log.runs[0].results!.find((r) => r.ruleId === 'AG999')!;
  assert.equal(log.runs[0].tool.driver.rules![result.ruleIndex!].id, 'AG999');
  assert.equal(log.runs[0].tool.driver.rules![result.ruleIndex!].helpUri, ruleDocUrl('AG999'));
});

test('regions always have a 1-based startLine and never end before they start', () => {
  const report = sampleReport();
  report.findings = [{ ...report.findings[1], location: { file: 'a.ts', line: 4, column: 10, endLine: 4, endColumn: 2 } }];
  const region = render(report).runs[0].results![0].locations![0].physicalLocation!.region!;
  assert.deepEqual(region, { startLine: 4, startColumn: 10 });
  for (const result of render().runs[0].results!) {
    assert.ok(result.locations![0].physicalLocation!.region!.startLine! >= 1);
  }
});
