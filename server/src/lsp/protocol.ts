/**
 * Custom messages between the VS Code client and the server, beyond standard LSP. Every one is listed
 * here with its direction, so the client and server cannot drift apart. Positions are LSP positions
 * (0-based line, UTF-16 character); URIs are `file:` URIs.
 *
 * The client only forwards these and displays the answers: all analysis and rendering is server-side,
 * so any LSP client (Neovim, Helix …) can offer the same features by sending the same requests.
 */

import type { Position, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';

/** client → server: re-read every file and re-analyse; answers with a summary for the notification. */
export const RESCAN_REQUEST = 'agentGovernance/rescan';

export interface RescanResult {
  agents: number;
  findings: number;
  files: number;
}

/**
 * server → client notification, after every completed analysis: the workspace's figures, for the
 * status bar, and the signal that the report view and the Agents tree should refresh.
 */
export const ANALYSIS_DONE_NOTIFICATION = 'agentGovernance/analysisDone';

export interface AnalysisSummary {
  agents: number;
  files: number;
  /** Unsuppressed findings, all severities. */
  findings: number;
  errors: number;
  warnings: number;
  info: number;
  suppressed: number;
}

/**
 * client → server: the workspace report as an HTML page for a webview. The client passes a fresh nonce
 * and the webview's CSP source; locations in the page post `{ type: 'open', uri, line, column }`
 * messages (1-based line and column) that the client turns into "open this file here".
 */
export const REPORT_HTML_REQUEST = 'agentGovernance/reportHtml';

export interface ReportHtmlParams {
  nonce: string;
  cspSource: string;
}

export interface ReportHtmlResult {
  html: string;
}

/** A message the report webview posts to the extension. */
export interface ReportOpenMessage {
  type: 'open';
  uri: string;
  line: number;
  column: number;
}

export const EXPORT_FORMATS = ['markdown', 'html', 'json', 'sarif'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** client → server: the workspace report rendered in a file format; the client writes the file. */
export const EXPORT_REPORT_REQUEST = 'agentGovernance/exportReport';

export interface ExportReportParams {
  format: ExportFormat;
}

export interface ExportReportResult {
  content: string;
  /** A file name to offer in the save dialog, e.g. `agent-governance-report.sarif`. */
  fileName: string;
  /** The workspace root the report is about, as a URI: where the save dialog starts. */
  rootUri?: string;
}

/**
 * client → server: one workspace edit that adds every AG101 identity declaration (the same text each
 * quick fix writes, with identities kept unique across the batch). The client applies it, so it is
 * one undoable step.
 */
export const DECLARE_ALL_REQUEST = 'agentGovernance/declareAllIdentities';

export interface DeclareAllResult {
  edit: WorkspaceEdit;
  /** How many agents the edit declares. */
  agents: number;
}

/** client → server: the blast radius of the agent at (or around) a position, or null when there is none. */
export const BLAST_RADIUS_REQUEST = 'agentGovernance/blastRadius';

export interface BlastRadiusParams {
  uri: string;
  position: Position;
}

export interface LocatedItem {
  label: string;
  /** A second line: where an item is reached from, a tool's approval state … */
  detail?: string;
  uri: string;
  range: Range;
}

export interface BlastRadiusResult {
  agent: string;
  identity: string | null;
  owner: string | null;
  total: number;
  limit: number;
  uri: string;
  range: Range;
  secrets: LocatedItem[];
  hosts: LocatedItem[];
  privilegedTools: LocatedItem[];
  delegates: LocatedItem[];
}

/** client → server: the agents of the workspace for the Agents tree view. */
export const AGENTS_REQUEST = 'agentGovernance/agents';

export type AgentGroupKind = 'tools' | 'secrets' | 'memory' | 'delegates';

export interface AgentTreeAgent extends LocatedItem {
  identity: string | null;
  owner: string | null;
  framework: string;
  blastRadius: number;
  /** Unsuppressed findings about this agent. */
  findings: number;
  groups: { kind: AgentGroupKind; items: LocatedItem[] }[];
}

export interface AgentsResult {
  agents: AgentTreeAgent[];
}

/**
 * client → server: where the policy file is, whether it exists, and the commented starter text to
 * create it with. The client creates the file (when missing) and opens it.
 */
export const POLICY_FILE_REQUEST = 'agentGovernance/policyFile';

export interface PolicyFileResult {
  uri: string;
  exists: boolean;
  starter: string;
}

/** The code action kind of "fix all safe problems" for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.agentGovernance';

/** Command ids the client registers (contributed in package.json). */
export const COMMANDS = {
  rescan: 'agentGovernance.rescan',
  showReport: 'agentGovernance.showReport',
  exportReport: 'agentGovernance.exportReport',
  declareAll: 'agentGovernance.declareAllIdentities',
  showBlastRadius: 'agentGovernance.showBlastRadius',
  openPolicy: 'agentGovernance.openPolicyFile',
  refreshAgents: 'agentGovernance.refreshAgents',
  revealLocation: 'agentGovernance.revealLocation',
} as const;

/** The Agents tree view's id (contributed in package.json under the explorer). */
export const AGENTS_VIEW = 'agentGovernance.agents';
