import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Engine } from '../server/src/engine/engine';
import { buildReport } from '../server/src/reporting/buildReport';
import { RULES } from '../server/src/rules';
import { difference, key, readExpectations } from './helpers/expectations';

/** Fixture workspaces: every expected finding is written beside the code that should produce it. */
const FIXTURES = path.join(__dirname, 'fixtures', 'workspaces');
const workspaces = [
  ...fs.readdirSync(FIXTURES).map((name) => path.join(FIXTURES, name)),
  path.join(__dirname, '..', 'examples'),
].filter((dir) => fs.existsSync(dir) && fs.statSync(dir).isDirectory());

const implemented = new Set(RULES.map((r) => r.meta.id));

describe('fixture workspaces', () => {
  for (const dir of workspaces) {
    test(path.relative(path.join(__dirname, '..'), dir), () => {
      const engine = new Engine({ root: dir, today: () => '2026-12-04' });
      const result = engine.analyze();
      const report = buildReport(engine, result, 'test');
      const annotated = fs.existsSync(engine.policyPath()) ? [...result.files, engine.policyPath()] : result.files;
      const expected = readExpectations(dir, annotated).filter((e) => implemented.has(e.ruleId)).map(key);
      const actual = report.findings.map((f) => key({ file: f.location.file, line: f.location.line, ruleId: f.ruleId }));
      const missing = difference(expected, actual);
      const unexpected = difference(actual, expected);
      const describeFinding = (k: string) => {
        const f = report.findings.find((x) => key({ file: x.location.file, line: x.location.line, ruleId: x.ruleId }) === k);
        return f ? `${k}  ${f.message}` : k;
      };
      assert.deepEqual({ missing, unexpected: unexpected.map(describeFinding) }, { missing: [], unexpected: [] });
    });
  }
});
