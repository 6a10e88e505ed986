/**
 * The workspace report for the editor: the webview page and the exports. Rendering happens here, in
 * the server, with the same renderers as `agov scan`, so the editor and CI produce the same report.
 *
 * With several workspace folders the reports are merged and each path is prefixed with its folder's
 * name, so locations stay unambiguous; with one folder the report is exactly what the CLI writes.
 */

import * as path from 'node:path';
import { buildGraph, type ReportGraph } from '../reporting/graph';
import { renderHtml } from '../reporting/html';
import { renderMarkdown } from '../reporting/markdown';
import type { Report, ReportLocation } from '../reporting/report';
import { renderSarif } from '../reporting/sarif';
import { ruleMetas } from '../rules';
import { VERSION } from '../version';
import type { Analysed } from './analysed';
import { toUri } from './convert';
import type { ExportFormat, ExportReportResult } from './protocol';

export interface WorkspaceReport {
  report: Report;
  graph: ReportGraph;
  /** A report path → the file's URI. */
  sourceUri: (file: string) => string | undefined;
  /** The folder(s) the report is about, for the page's subtitle. */
  subtitle: string;
  rootUri?: string;
}

export function workspaceReport(analysed: Analysed[]): WorkspaceReport {
  if (analysed.length === 1) {
    const [only] = analysed;
    return {
      report: only.reportData(),
      graph: buildGraph(only.engine, only.result),
      sourceUri: (file) => toUri(path.resolve(only.root, file)),
      subtitle: path.basename(only.root),
      rootUri: toUri(only.root),
    };
  }
  const prefixes = new Map<string, string>();
  const report: Report = { schemaVersion: 1, tool: { name: 'agent-governance', version: VERSION }, agents: [], findings: [] };
  const graph: ReportGraph = { nodes: [], edges: [], omittedAgents: 0 };
  const seenNodes = new Set<string>();
  for (const a of analysed) {
    let prefix = path.basename(a.root) || a.root;
    for (let n = 2; prefixes.has(prefix); n++) prefix = `${path.basename(a.root)}-${n}`;
    prefixes.set(prefix, a.root);
    const move = <T extends ReportLocation>(location: T): T => ({ ...location, file: `${prefix}/${location.file}` });
    const part = a.reportData();
    report.agents.push(...part.agents.map((agent) => ({ ...agent, location: move(agent.location) })));
    report.findings.push(
      ...part.findings.map((finding) => ({
        ...finding,
        location: move(finding.location),
        ...(finding.related ? { related: finding.related.map((r) => ({ ...r, location: move(r.location) })) } : {}),
      })),
    );
    const g = buildGraph(a.engine, a.result);
    for (const node of g.nodes) {
      if (seenNodes.has(node.id)) continue;
      seenNodes.add(node.id);
      graph.nodes.push(node.location ? { ...node, location: move(node.location) } : node);
    }
    graph.edges.push(...g.edges);
    graph.omittedAgents += g.omittedAgents;
  }
  return {
    report,
    graph,
    sourceUri: (file) => {
      const slash = file.indexOf('/');
      const root = slash > 0 ? prefixes.get(file.slice(0, slash)) : undefined;
      return root ? toUri(path.resolve(root, file.slice(slash + 1))) : undefined;
    },
    subtitle: [...prefixes.keys()].join(', '),
  };
}

/** The page for the report webview: fresh nonce, the webview's CSP source, clickable locations. */
export function reportWebviewHtml(analysed: Analysed[], nonce: string, cspSource: string): string {
  const w = workspaceReport(analysed);
  return renderHtml(w.report, ruleMetas(), { nonce, cspSource, graph: w.graph, sourceUri: w.sourceUri, subtitle: w.subtitle });
}

const EXTENSIONS: Record<ExportFormat, string> = { markdown: 'md', html: 'html', json: 'json', sarif: 'sarif' };

/** The report as a file, rendered exactly as `agov scan --format <format>` renders it. */
export function exportReport(analysed: Analysed[], format: ExportFormat): ExportReportResult {
  const w = workspaceReport(analysed);
  const fileName = `agent-governance-report.${EXTENSIONS[format]}`;
  const content = (() => {
    switch (format) {
      case 'json':
        return `${JSON.stringify(w.report, null, 2)}\n`;
      case 'sarif':
        return `${JSON.stringify(renderSarif(w.report, ruleMetas(), { toolVersion: VERSION }), null, 2)}\n`;
      case 'markdown':
        return renderMarkdown(w.report, ruleMetas(), { graph: w.graph });
      case 'html':
        return renderHtml(w.report, ruleMetas(), { graph: w.graph });
    }
  })();
  return { content, fileName, ...(w.rootUri ? { rootUri: w.rootUri } : {}) };
}
