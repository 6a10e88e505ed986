/**
 * The JSON report of DESIGN.md (`agov scan --format json`, schemaVersion 1). Every other output format
 * (text, Markdown, HTML, SARIF, the webview) renders from this object, so they cannot disagree.
 */

export interface ReportLocation {
  /** Relative to the scanned root, forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface ReportDeclared {
  owner: string | null;
  tools: string[];
  secrets: string[];
  memory: string[];
  delegates: string[];
  review: string | null;
  reviewed: string | null;
  expires: string | null;
}

export interface ReportAgent {
  name: string;
  identity: string | null;
  framework: string;
  location: ReportLocation;
  declared: ReportDeclared | null;
  observed: {
    tools: string[];
    secrets: { name: string; broad: boolean }[];
    memory: string[];
    delegates: string[];
    hosts: string[];
  };
  blastRadius: number;
}

export interface ReportRelated {
  message: string;
  location: ReportLocation;
}

export interface ReportFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  location: ReportLocation & { endLine: number; endColumn: number };
  agent: string | null;
  suppressed: boolean;
  /** Present when suppressed: the reason written after `--`. */
  suppressionReason?: string;
  related?: ReportRelated[];
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'agent-governance'; version: string };
  agents: ReportAgent[];
  findings: ReportFinding[];
}
