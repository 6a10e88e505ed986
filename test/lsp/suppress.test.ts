import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insideBlockComment, suppressionEdit } from '../../server/src/lsp/suppress';
import { applyEdits } from './helpers';

const apply = (text: string, line: number, rule: string) => {
  const edit = suppressionEdit(text, line, rule, true);
  return edit ? applyEdits(text, [edit]) : undefined;
};

test('the comment goes above the line with its indentation, tabs kept', () => {
  assert.equal(apply('function f() {\n    const k = process.env.X;\n}\n', 1, 'AG201'), 'function f() {\n    // agent-governance-disable-next-line AG201 -- TODO: reason\n    const k = process.env.X;\n}\n');
  assert.equal(apply('\tconst k = 1;\n', 0, 'AG203'), '\t// agent-governance-disable-next-line AG203 -- TODO: reason\n\tconst k = 1;\n');
  assert.equal(apply('a;\r\nb;\r\n', 1, 'AG203'), 'a;\r\n// agent-governance-disable-next-line AG203 -- TODO: reason\r\nb;\r\n');
});

test('a directive right above the line is extended, not stacked (a stacked one would cover the comment line)', () => {
  const text = '  // agent-governance-disable-next-line AG201 -- shared key until BILL-142\n  const k = process.env.X;\n';
  assert.equal(apply(text, 1, 'AG204'), '  // agent-governance-disable-next-line AG201, AG204 -- shared key until BILL-142\n  const k = process.env.X;\n');
  assert.equal(suppressionEdit(text, 1, 'AG201', true), undefined, 'already suppressed');
  const reasonless = '// agent-governance-disable-next-line AG203\nconst k = 1;\n';
  assert.equal(apply(reasonless, 1, 'AG201'), '// agent-governance-disable-next-line AG203, AG201 -- TODO: reason\nconst k = 1;\n');
});

test('not offered where a line comment cannot go or cannot help', () => {
  const jsdoc = '/**\n * @agentIdentity x\n * @owner TODO\n */\nexport const a = 1;\n';
  assert.equal(suppressionEdit(jsdoc, 2, 'AG102', true), undefined, 'inside a JSDoc block');
  assert.notEqual(suppressionEdit(jsdoc, 4, 'AG101', true), undefined, 'after the block');
  assert.equal(suppressionEdit('{ "a": 1 }', 0, 'AG901', false), undefined, 'the JSON policy file');
  assert.equal(suppressionEdit('// agent-governance-disable-next-line AG201\nx;\n', 0, 'AG902', true), undefined, 'AG902 is about the comment itself');
  assert.equal(suppressionEdit('x;\n', 5, 'AG201', true), undefined, 'a line that is not there');
});

test('block comments are found past strings, templates and line comments', () => {
  const text = "const s = '/*'; // /* not a block\nconst t = `/* ${x} */`;\n/* real\n block */ const y = 1;";
  assert.equal(insideBlockComment(text, text.indexOf('const t')), false);
  assert.equal(insideBlockComment(text, text.indexOf(' block */')), true);
  assert.equal(insideBlockComment(text, text.indexOf('const y')), false);
  assert.equal(insideBlockComment('/* open to the end', 10), true);
});
