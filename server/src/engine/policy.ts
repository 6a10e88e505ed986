import * as jsonc from 'jsonc-parser';
import { z } from 'zod';
import type { Severity, Span } from '../model/types';

export const POLICY_FILE_NAME = 'agent-governance.config.json';

const severity = z.enum(['error', 'warning', 'info', 'off']);
const ruleId = z.string().regex(/^AG\d{3}$/, 'must be a rule id such as AG201');
const regex = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'must be a valid regular expression');

export const policySchema = z
  .object({
    $schema: z.string().optional(),
    requireTags: z.array(z.enum(['purpose', 'tools', 'secrets', 'memory', 'delegates', 'review', 'reviewed', 'expires'])).default([]),
    owners: z
      .object({
        allowed: z.array(z.string().min(1)).default([]),
        patterns: z.array(regex).default([]),
      })
      .strict()
      .default({ allowed: [], patterns: [] }),
    broadSecrets: z
      .object({
        add: z.array(z.string().min(1)).default([]),
        patterns: z.array(regex).default([]),
        valuePrefixes: z.array(z.string().min(1)).default([]),
        remove: z.array(z.string().min(1)).default([]),
        allow: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ add: [], patterns: [], valuePrefixes: [], remove: [], allow: [] }),
    privilegedTools: z
      .object({
        add: z.array(z.string().min(1)).default([]),
        exempt: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ add: [], exempt: [] }),
    blastRadius: z.object({ limit: z.number().int().min(1) }).strict().default({ limit: 10 }),
    rules: z.record(ruleId, severity).default({}),
    ignore: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: Policy = policySchema.parse({});

export interface PolicyProblem {
  message: string;
  span: Span;
}

export interface LoadedPolicy {
  policy: Policy;
  /** The file read, when there was one. */
  file?: string;
  problems: PolicyProblem[];
}

/**
 * Reads a policy file's text. The file is data only; an invalid file yields problems located at their
 * exact place and the default policy, so analysis goes on.
 */
export function parsePolicy(text: string, file: string): LoadedPolicy {
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !root) {
    const problems = errors.map((e) => ({
      message: `${POLICY_FILE_NAME}: ${jsonc.printParseErrorCode(e.error)}`,
      span: { file, start: e.offset, end: e.offset + Math.max(1, e.length) },
    }));
    if (!problems.length) problems.push({ message: `${POLICY_FILE_NAME}: the file is empty`, span: { file, start: 0, end: 0 } });
    return { policy: DEFAULT_POLICY, file, problems };
  }
  const value = jsonc.getNodeValue(root);
  const result = policySchema.safeParse(value);
  if (result.success) return { policy: result.data, file, problems: [] };
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    let node = jsonc.findNodeAtLocation(root, path as jsonc.JSONPath);
    // Unknown keys are reported at the key itself.
    if (issue.code === 'unrecognized_keys') {
      const parent = node ?? root;
      const key = parent.children?.find((c) => c.type === 'property' && issue.keys.includes(c.children?.[0]?.value));
      node = key?.children?.[0] ?? parent;
    }
    // Keys of records (rule ids) are reported at the key.
    if (issue.code === 'invalid_key' || (!node && path.length)) {
      const parentNode = jsonc.findNodeAtLocation(root, path.slice(0, -1) as jsonc.JSONPath);
      const keyNode = parentNode?.children?.find((c) => c.type === 'property' && c.children?.[0]?.value === path[path.length - 1]);
      node = keyNode?.children?.[0] ?? parentNode ?? root;
    }
    const target = node ?? root;
    const where = path.length ? path.join('.') : '(root)';
    return { message: `${POLICY_FILE_NAME}: ${where}: ${issue.message}`, span: { file, start: target.offset, end: target.offset + target.length } };
  });
  return { policy: DEFAULT_POLICY, file, problems };
}

export function severityOverride(policy: Policy, ruleId: string): Severity | 'off' | undefined {
  return policy.rules[ruleId];
}
