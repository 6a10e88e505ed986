import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Engine } from '../server/src/engine/engine';
import { RULES } from '../server/src/rules';

const DOCS = path.join(__dirname, '..', 'docs', 'rules');
const HEADINGS = ['## What it does', '## Why it matters', '## Incorrect', '## Correct', '## How to fix', '## Standards'];

function section(doc: string, heading: string): string {
  const start = doc.indexOf(`${heading}\n`);
  if (start < 0) return '';
  const rest = doc.slice(start + heading.length + 1);
  const next = rest.search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next);
}

function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)].map((m) => m[1]);
}

function findingsFor(code: string): string[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agov-doc-'));
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'src', 'example.ts'), code);
  const result = new Engine({ root, today: () => '2026-12-04' }).analyze();
  fs.rmSync(root, { recursive: true, force: true });
  return result.findings.map((f) => f.ruleId);
}

/** Every rule's page has the fixed headings, and its examples behave as the page says. */
describe('rule docs', () => {
  for (const rule of RULES) {
    const { id, name } = rule.meta;
    const file = path.join(DOCS, `${id}.md`);
    test(`${id} page has the fixed structure`, () => {
      const doc = fs.readFileSync(file, 'utf8');
      assert.ok(doc.startsWith(`# ${id}: ${name}\n`), `title of ${id}.md`);
      let last = -1;
      for (const heading of HEADINGS) {
        const at = doc.indexOf(`${heading}\n`);
        assert.ok(at > last, `${id}.md has "${heading}" in order`);
        last = at;
      }
    });
    const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    codeBlocks(section(doc, '## Incorrect')).forEach((code, i) => {
      test(`${id} incorrect example ${i + 1} is flagged`, () => assert.ok(findingsFor(code).includes(id), `expected ${id} in:\n${code}`));
    });
    codeBlocks(section(doc, '## Correct')).forEach((code, i) => {
      test(`${id} correct example ${i + 1} is not flagged`, () => {
        const found = findingsFor(code);
        assert.ok(!found.includes(id), `did not expect ${id} in:\n${code}`);
      });
    });
  }
});

describe('rule metadata is the single source', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  for (const rule of RULES) {
    const { id, name, defaultSeverity } = rule.meta;
    test(`README lists ${id} as in its metadata`, () => {
      assert.match(readme, new RegExp(`\\| \\[${id}\\]\\(docs/rules/${id}\\.md\\) \\| ${name} \\| ${defaultSeverity} \\|`));
    });
  }
  test('every rule in DESIGN order has a registered implementation', () => {
    assert.deepEqual(
      RULES.map((r) => r.meta.id),
      ['AG101', 'AG102', 'AG103', 'AG104', 'AG105', 'AG201', 'AG202', 'AG203', 'AG204', 'AG205', 'AG301', 'AG302', 'AG401', 'AG402', 'AG901', 'AG902'],
    );
  });
});
