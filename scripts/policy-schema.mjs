// Generates schemas/agent-governance.schema.json, the JSON Schema VS Code uses for completion and
// validation of agent-governance.config.json, from the zod schema the policy parser validates with, so
// the editor and the parser cannot disagree. Run by `npm run build` (scripts/build.mjs); `--check`
// only compares. test/client/policySchema.test.ts fails when the committed file is out of date.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const SCHEMA_FILE = fileURLToPath(new URL('../schemas/agent-governance.schema.json', import.meta.url));

/** What each setting does, by its path in the file: zod carries no descriptions, completion shows these. */
export const DESCRIPTIONS = {
  '': 'Agent Governance policy (agent-governance.config.json). Comments and trailing commas are allowed.',
  requireTags: 'Tags every identity declaration must have, besides @agentIdentity and @owner (AG102).',
  owners: 'Accepted @owner values. Empty lists accept any real owner.',
  'owners.allowed': 'Owners accepted as written, e.g. "team-payments" or "@acme/payments".',
  'owners.patterns': 'Regular expressions an owner may match instead, e.g. "^team-[a-z-]+$".',
  broadSecrets: 'The catalogue of broad or long-lived credentials (AG201).',
  'broadSecrets.add': 'Environment variable names to treat as broad.',
  'broadSecrets.patterns': 'Regular expressions of names to treat as broad.',
  'broadSecrets.valuePrefixes': 'Credential value prefixes that mark a literal as broad, e.g. "sk_live_".',
  'broadSecrets.remove': 'Built-in names not to treat as broad.',
  'broadSecrets.allow': 'Names accepted even though they look broad (for credentials your organisation has narrowed).',
  privilegedTools: 'Tools judged privileged (side effects) or not, by tool key or id, whatever their code does.',
  'privilegedTools.add': 'Tools to treat as privileged.',
  'privilegedTools.exempt': 'Tools never to treat as privileged.',
  blastRadius: 'The blast-radius limit (AG401).',
  'blastRadius.limit': 'The most distinct secrets, hosts, privileged tools and delegates an agent may reach. Default 10.',
  rules: 'Per-rule severity, by rule id: "error", "warning", "info" or "off".',
  ignore: 'Globs, relative to the workspace root, of files not to analyse.',
  $schema: 'The schema of this file.',
};

/** The JSON Schema of the policy: zod's input schema (defaults make keys optional) plus descriptions. */
export function generatePolicySchema({ z, policySchema }) {
  const schema = z.toJSONSchema(policySchema, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
  const at = (path) => path.split('.').filter(Boolean).reduce((node, key) => node?.properties?.[key], schema);
  for (const [path, description] of Object.entries(DESCRIPTIONS)) {
    const node = at(path);
    if (!node) throw new Error(`policy-schema: no setting at "${path}"; update DESCRIPTIONS`);
    node.description = description;
  }
  // VS Code's JSON language service reads these to accept what the policy parser accepts.
  schema.allowComments = true;
  schema.allowTrailingCommas = true;
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** Loads zod and the policy schema from the TypeScript source, bundled on the fly. */
async function loadPolicySchema() {
  const out = await build({
    stdin: { contents: "export { z } from 'zod'; export { policySchema } from './server/src/engine/policy';", resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
    mainFields: ['module', 'main'],
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  return module.exports;
}

export async function writePolicySchema({ check = false } = {}) {
  const text = generatePolicySchema(await loadPolicySchema());
  let current;
  try {
    current = readFileSync(SCHEMA_FILE, 'utf8');
  } catch {
    current = undefined;
  }
  if (check) {
    if (current !== text) throw new Error(`${SCHEMA_FILE} is out of date: run npm run build`);
    return;
  }
  if (current !== text) writeFileSync(SCHEMA_FILE, text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writePolicySchema({ check: process.argv.includes('--check') });
}
