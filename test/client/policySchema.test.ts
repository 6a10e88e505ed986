import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import * as jsonc from 'jsonc-parser';
import { z } from 'zod';
import { DEFAULT_POLICY, parsePolicy, policySchema } from '../../server/src/engine/policy';
import { STARTER_POLICY } from '../../server/src/lsp/policyFile';

const ROOT = path.join(__dirname, '..', '..');
const SCHEMA_FILE = path.join(ROOT, 'schemas', 'agent-governance.schema.json');

async function generator(): Promise<{ generatePolicySchema: (deps: { z: typeof z; policySchema: typeof policySchema }) => string }> {
  return import(path.join(ROOT, 'scripts', 'policy-schema.mjs'));
}

test('the committed JSON Schema is the one generated from the zod schema', async () => {
  const { generatePolicySchema } = await generator();
  assert.equal(fs.readFileSync(SCHEMA_FILE, 'utf8'), generatePolicySchema({ z, policySchema }), 'run npm run build to regenerate schemas/agent-governance.schema.json');
});

test('the schema and the policy parser agree on valid and invalid files', () => {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  // VS Code's own keywords are not JSON Schema; a strict validator is told about them.
  const ajv = new Ajv({ strict: true, allErrors: true, keywords: ['allowComments', 'allowTrailingCommas'] });
  const validate = ajv.compile(schema);
  const cases: [string, unknown][] = [
    ['empty', {}],
    ['full', { requireTags: ['review', 'expires'], owners: { allowed: ['team-x'], patterns: ['^team-'] }, broadSecrets: { add: ['X'], remove: ['DATABASE_URL'] }, privilegedTools: { add: ['send'] }, blastRadius: { limit: 5 }, rules: { AG105: 'off', AG201: 'error' }, ignore: ['**/*.test.ts'] }],
    ['unknown key', { colour: 'blue' }],
    ['limit 0', { blastRadius: { limit: 0 } }],
    ['limit not integer', { blastRadius: { limit: 2.5 } }],
    ['bad rule id', { rules: { AG1: 'error' } }],
    ['bad severity', { rules: { AG101: 'loud' } }],
    ['bad tag', { requireTags: ['colour'] }],
    ['unknown nested key', { owners: { list: [] } }],
    ['empty owner', { owners: { allowed: [''] } }],
  ];
  for (const [name, value] of cases) {
    const bySchema = validate(value);
    const byParser = parsePolicy(JSON.stringify(value), 'agent-governance.config.json').problems.length === 0;
    assert.equal(bySchema, byParser, `${name}: schema says ${bySchema}, parser says ${byParser}`);
  }
});

test('the starter policy file is valid, commented, and means the defaults', () => {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  const validate = new Ajv({ strict: true, keywords: ['allowComments', 'allowTrailingCommas'] }).compile(schema);
  const errors: jsonc.ParseError[] = [];
  const value = jsonc.parse(STARTER_POLICY, errors, { allowTrailingComma: true });
  assert.deepEqual(errors, []);
  assert.ok(validate(value), JSON.stringify(validate.errors));
  const parsed = parsePolicy(STARTER_POLICY, 'agent-governance.config.json');
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.policy, DEFAULT_POLICY);
  assert.ok(STARTER_POLICY.split('\n').filter((l) => l.trim().startsWith('//')).length >= 10, 'the starter explains itself');
});
