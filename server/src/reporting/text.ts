/**
 * The report for a person in a terminal (`agov scan`, default format): findings grouped by file, one
 * line each in the `path:line:column` form terminals and editors make clickable, then the agent
 * inventory and a summary line. Also home of the small views of a report that every human-readable
 * format shares (figures, order, location labels).
 */

import { singleLine } from './escape';
import type { Report, ReportAgent, ReportFinding, ReportLocation } from './report';

// ---------------------------------------------------------------------------------------------------
// Shared views of a report

/** The headline numbers. Suppressed findings are counted apart, not as errors/warnings/info. */
export interface ReportFigures {
  agents: number;
  agentsWithoutIdentity: number;
  errors: number;
  warnings: number;
  info: number;
  suppressed: number;
}

export function summarize(report: Report): ReportFigures {
  const figures: ReportFigures = {
    agents: report.agents.length,
    agentsWithoutIdentity: report.agents.filter((agent) => agent.identity === null).length,
    errors: 0,
    warnings: 0,
    info: 0,
    suppressed: 0,
  };
  for (const finding of report.findings) {
    if (finding.suppressed) figures.suppressed++;
    else if (finding.severity === 'error') figures.errors++;
    else if (finding.severity === 'warning') figures.warnings++;
    else figures.info++;
  }
  return figures;
}

/** Code-point order, independent of the locale the CLI happens to run in. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Document order: file, line, column, then rule and message so the order is total. */
export function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    compareStrings(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/** `path:line:column`, unescaped; each format escapes it as it needs. */
export function locationLabel(location: ReportLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** Groups in order of first appearance of each key. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

// ---------------------------------------------------------------------------------------------------
// Terminal rendering

type Style = (text: string) => string;

interface Palette {
  error: Style;
  warning: Style;
  info: Style;
  dim: Style;
  bold: Style;
  heading: Style;
}

const sgr =
  (open: number, close: number): Style =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const COLOR: Palette = {
  error: sgr(31, 39),
  warning: sgr(33, 39),
  info: sgr(36, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
  heading: (text) => sgr(1, 22)(sgr(4, 24)(text)),
};

const unstyled: Style = (text) => text;
const PLAIN: Palette = { error: unstyled, warning: unstyled, info: unstyled, dim: unstyled, bold: unstyled, heading: unstyled };

const SEVERITY_WIDTH = 'warning'.length;

export function renderText(report: Report, opts: { color?: boolean } = {}): string {
  const palette = opts.color ? COLOR : PLAIN;
  const sections = [findingsSection(report, palette), inventorySection(report, palette), summaryLine(report, palette)];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function findingsSection(report: Report, palette: Palette): string {
  if (report.findings.length === 0) return 'No findings.';
  const byFile = groupBy([...report.findings].sort(compareFindings), (finding) => finding.location.file);
  const blocks: string[] = [];
  for (const [file, findings] of byFile) {
    const width = Math.max(...findings.map((finding) => singleLine(locationLabel(finding.location)).length));
    const lines = [palette.heading(singleLine(file))];
    for (const finding of findings) lines.push(...findingLines(finding, width, palette));
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}

function findingLines(finding: ReportFinding, locationWidth: number, palette: Palette): string[] {
  const location = singleLine(locationLabel(finding.location)).padEnd(locationWidth);
  const severity = finding.severity.padEnd(SEVERITY_WIDTH);
  const message = singleLine(finding.message);
  const rule = singleLine(finding.ruleId);
  let line: string;
  if (finding.suppressed) {
    // Dimmed as a whole, and marked in words so plain output says the same.
    const reason = finding.suppressionReason ? `: ${singleLine(finding.suppressionReason)}` : '';
    line = palette.dim(`  ${location}  ${severity}  ${message}  ${rule}  (suppressed${reason})`);
  } else {
    const padding = severity.slice(finding.severity.length);
    line = `  ${location}  ${palette[finding.severity](finding.severity)}${padding}  ${message}  ${palette.dim(rule)}`;
  }
  const related = (finding.related ?? []).map(
    (info) => `      ${palette.dim('related')}  ${singleLine(locationLabel(info.location))}  ${singleLine(info.message)}`,
  );
  return [line, ...related];
}

const INVENTORY_COLUMNS = ['NAME', 'IDENTITY', 'OWNER', 'FRAMEWORK', 'TOOLS', 'SECRETS', 'MEMORY', 'BLAST RADIUS', 'LOCATION'];

function inventorySection(report: Report, palette: Palette): string {
  if (report.agents.length === 0) return 'No agents found.';
  const rows = report.agents.map(inventoryRow);
  const widths = INVENTORY_COLUMNS.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const format = (cells: string[]): string =>
    `  ${cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')}`;
  const lines = [palette.heading(`Agents (${report.agents.length})`), palette.dim(format(INVENTORY_COLUMNS))];
  report.agents.forEach((agent, i) => {
    const line = format(rows[i]);
    lines.push(agent.identity === null ? palette.warning(line) : line);
  });
  return lines.join('\n');
}

function inventoryRow(agent: ReportAgent): string[] {
  const broad = agent.observed.secrets.filter((secret) => secret.broad).length;
  return [
    agent.name,
    agent.identity ?? 'no identity',
    agent.declared?.owner ?? 'no owner',
    agent.framework,
    String(agent.observed.tools.length),
    broad > 0 ? `${agent.observed.secrets.length} (${broad} broad)` : String(agent.observed.secrets.length),
    String(agent.observed.memory.length),
    String(agent.blastRadius),
    locationLabel(agent.location),
  ].map(singleLine);
}

function summaryLine(report: Report, palette: Palette): string {
  const figures = summarize(report);
  const parts = [
    plural(figures.agents, 'agent'),
    figures.errors > 0 ? palette.error(plural(figures.errors, 'error')) : plural(figures.errors, 'error'),
    figures.warnings > 0 ? palette.warning(plural(figures.warnings, 'warning')) : plural(figures.warnings, 'warning'),
    `${figures.info} info`,
  ];
  if (figures.suppressed > 0) parts.push(palette.dim(`${figures.suppressed} suppressed`));
  return palette.bold(parts.join(', '));
}
