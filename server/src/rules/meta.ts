import type { Severity } from '../model/types';

export interface RuleMeta {
  /** Public, stable, never reused: `AG101`. */
  id: string;
  /** kebab-case name: `missing-identity`. */
  name: string;
  /** One line, used in SARIF shortDescription, `agov rules` and the README table. */
  summary: string;
  defaultSeverity: Severity;
  /** Where the finding is reported, as the product contract words it. */
  reportedAt: string;
  /** Standard mappings: OWASP Agentic Top 10 2026 (ASI..), OWASP NHI Top 10 2025 (NHI..), OWASP LLM Top 10 2025 (LLM..). */
  standards: string[];
  /** SARIF `security-severity` (0.0–10.0) for GitHub code scanning. */
  securitySeverity: number;
}

export const DOCS_BASE_URL = 'https://github.com/agent-governance/agent-governance/blob/main/docs/rules/';

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
