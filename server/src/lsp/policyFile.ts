/**
 * "Open Policy File": where the policy file is, and the commented starter written when there is none.
 * Every setting in the starter is the default, so creating the file changes no finding until the user
 * edits it; the comments say what each setting does (the policy parser accepts JSONC comments).
 */

import type { Engine } from '../engine/engine';
import { toUri } from './convert';
import type { PolicyFileResult } from './protocol';

export const STARTER_POLICY = `// Agent Governance policy. Comments are allowed; the schema gives completion and checks values.
// Every value below is the default: edit what your organisation needs, delete what it does not.
// Docs: https://github.com/agent-governance/agent-governance/blob/main/docs/rules/README.md
{
  // Tags every identity declaration must have, besides @agentIdentity and @owner.
  // Any of: purpose, tools, secrets, memory, delegates, review, reviewed, expires.
  "requireTags": [],

  // Accepted owners: exact values and/or regular expressions. Empty lists accept any real owner.
  "owners": {
    "allowed": [],
    "patterns": []
  },

  // The broad-secret catalogue (AG201): add names, name patterns or value prefixes; remove built-in
  // names; allow names your organisation has narrowed.
  "broadSecrets": {
    "add": [],
    "patterns": [],
    "valuePrefixes": [],
    "remove": [],
    "allow": []
  },

  // Tools to treat as privileged (side effects) or not, by tool key or id, whatever their code does.
  "privilegedTools": {
    "add": [],
    "exempt": []
  },

  // AG401 reports an agent whose reach (secrets, hosts, privileged tools, delegates) exceeds this.
  "blastRadius": { "limit": 10 },

  // Per-rule severity: "error", "warning", "info" or "off". For example: "AG105": "off".
  "rules": {},

  // Files not to analyse, as globs relative to the workspace root.
  "ignore": []
}
`;

export function policyFileInfo(engine: Engine): PolicyFileResult {
  const file = engine.policyPath();
  return { uri: toUri(file), exists: engine.workspace.readRaw(file) !== undefined, starter: STARTER_POLICY };
}
