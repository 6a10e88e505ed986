/**
 * The report as GitHub-flavoured Markdown (`agov scan --format markdown`, "Export to Markdown"): for a
 * pull-request comment, a job summary or a wiki page. Summary figures, the agent inventory, the
 * blast-radius graph as a Mermaid diagram, then the findings grouped by rule, each rule linked to its
 * doc page.
 */

import { markdownText, markdownUrl } from './escape';
import type { ReportGraph } from './graph';
import { renderMermaid } from './mermaid';
import type { Report, ReportAgent, ReportFinding } from './report';
import { ruleDocUrl, type RuleMeta } from '../rules/meta';
import { governanceFigures, shareLabel } from './figures';
import { compareFindings, compareStrings, groupBy, locationLabel, plural, summarize } from './text';

export function renderMarkdown(report: Report, rules: RuleMeta[], options: { graph?: ReportGraph } = {}): string {
  const sections = [
    `# Agent Governance report\n\n${markdownText(`${report.tool.name} ${report.tool.version}`)}`,
    summarySection(report),
    inventorySection(report),
    ...(options.graph?.nodes.length ? [graphSection(options.graph)] : []),
    findingsSection(report, rules),
  ];
  return `${sections.join('\n\n')}\n`;
}

function graphSection(graph: ReportGraph): string {
  const omitted = graph.omittedAgents ? `\n\n${graph.omittedAgents} more agents are left out of the graph to keep it readable; the table lists them all.` : '';
  return `## Blast radius\n\nAgents, the tools they hold, and the secrets, hosts and agents those reach; outlined in red: no identity, a privileged tool without approval, a broad secret.\n\n\`\`\`mermaid\n${renderMermaid(graph)}\n\`\`\`${omitted}`;
}

function table(header: string[], align: ('left' | 'right')[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const rule = align.map((side) => (side === 'right' ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

function summarySection(report: Report): string {
  const figures = summarize(report);
  const rows: [string, number][] = [
    ['Agents', figures.agents],
    ['Agents without identity', figures.agentsWithoutIdentity],
    ['Errors', figures.errors],
    ['Warnings', figures.warnings],
    ['Info', figures.info],
    ['Suppressed', figures.suppressed],
  ];
  const g = governanceFigures(report);
  const governance = [
    `${shareLabel(g.withOwner, g.agents)} agents with an owner`,
    plural(g.broadSecrets, 'broad secret'),
    plural(g.unguardedPrivilegedTools, 'unguarded privileged tool'),
    plural(g.memoryToToolFlows, 'memory-to-tool flow'),
    plural(g.expiredIdentities, 'expired identity', 'expired identities'),
  ].join(' · ');
  return `## Summary\n\n${table(
    rows.map(([label]) => label),
    rows.map(() => 'right'),
    [rows.map(([, value]) => String(value))],
  )}\n\n${governance}`;
}

function inventorySection(report: Report): string {
  if (report.agents.length === 0) return '## Agents\n\nNo agents found.';
  const header = ['Agent', 'Identity', 'Owner', 'Framework', 'Tools', 'Secrets', 'Memory', 'Delegates', 'Hosts', 'Blast radius', 'Location'];
  const align = header.map((_, i) => (i >= 4 && i <= 9 ? 'right' : 'left') as 'left' | 'right');
  return `## Agents\n\n${table(header, align, report.agents.map(inventoryRow))}`;
}

function inventoryRow(agent: ReportAgent): string[] {
  const { observed } = agent;
  const broad = observed.secrets.filter((secret) => secret.broad).length;
  return [
    markdownText(agent.name),
    agent.identity === null ? '*no identity*' : markdownText(agent.identity),
    agent.declared?.owner ? markdownText(agent.declared.owner) : '*no owner*',
    markdownText(agent.framework),
    String(observed.tools.length),
    broad > 0 ? `${observed.secrets.length} (${broad} broad)` : String(observed.secrets.length),
    String(observed.memory.length),
    String(observed.delegates.length),
    String(observed.hosts.length),
    String(agent.blastRadius),
    markdownText(locationLabel(agent.location)),
  ];
}

function findingsSection(report: Report, rules: RuleMeta[]): string {
  if (report.findings.length === 0) return '## Findings\n\nNo findings.';
  const metaById = new Map(rules.map((rule) => [rule.id, rule]));
  const byRule = groupBy([...report.findings].sort(compareFindings), (finding) => finding.ruleId);
  const ruleIds = [...byRule.keys()].sort(compareStrings);
  const blocks = ruleIds.map((id) => ruleBlock(id, metaById.get(id), byRule.get(id)!));
  return `## Findings\n\n${blocks.join('\n\n')}`;
}

function ruleBlock(id: string, meta: RuleMeta | undefined, findings: ReportFinding[]): string {
  const title = meta ? `${id} ${meta.name}` : id;
  const heading = `### [${markdownText(title)}](${markdownUrl(ruleDocUrl(id))})`;
  const about = meta ? `\n\n${markdownText(meta.summary)} Default severity: ${meta.defaultSeverity}.` : '';
  const rows = findings.map(findingRow);
  const header = ['Severity', 'Location', 'Agent', 'Message', 'Related', 'Status'];
  return `${heading}${about}\n\n${table(header, header.map(() => 'left'), rows)}`;
}

function findingRow(finding: ReportFinding): string[] {
  const related = (finding.related ?? [])
    .map((info) => `${markdownText(locationLabel(info.location))} ${markdownText(info.message)}`)
    .join('; ');
  const status = finding.suppressed
    ? `suppressed${finding.suppressionReason ? `: ${markdownText(finding.suppressionReason)}` : ''}`
    : 'open';
  return [
    finding.suppressed ? `~~${finding.severity}~~` : `**${finding.severity}**`,
    markdownText(locationLabel(finding.location)),
    finding.agent === null ? '' : markdownText(finding.agent),
    markdownText(finding.message),
    related,
    status,
  ];
}
