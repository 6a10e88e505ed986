/**
 * The report as one self-contained HTML page (`agov scan --format html`, "Export Report… → HTML", and
 * the report webview): governance figures, the agent inventory (sortable, filterable), the
 * blast-radius graph as inline SVG, and the findings grouped by rule.
 *
 * Safety: every piece of report text goes through `htmlText`, and a strict Content-Security-Policy
 * allows only the page's own nonce-bearing `<style>` and `<script>`, so even a missed escape could not
 * run script or load anything. No inline `style` attributes are used, since the policy forbids them.
 * The script (htmlScript.ts) reads data-* attributes and never writes HTML.
 *
 * Theming: colours and fonts are CSS variables that fall back from VS Code's webview theme variables
 * (`--vscode-*`) to a light or dark palette, so the same page suits a browser and a webview.
 */

import { createHash } from 'node:crypto';
import { htmlIdToken, htmlText } from './escape';
import { governanceFigures, hasOwner, shareLabel } from './figures';
import type { ReportGraph } from './graph';
import { layoutGraph, renderGraphSvg } from './graphSvg';
import { REPORT_SCRIPT } from './htmlScript';
import type { Report, ReportAgent, ReportFinding, ReportLocation } from './report';
import { ruleDocUrl, type RuleMeta } from '../rules/meta';
import { compareFindings, compareStrings, groupBy, locationLabel, plural, summarize } from './text';

export interface HtmlOptions {
  /**
   * The nonce that allows the page's `<style>` and `<script>`. A webview passes a fresh random one.
   * Without it the nonce is a hash of the page's content, so the output stays deterministic.
   */
  nonce?: string;
  /** A VS Code webview's `webview.cspSource`, added to the sources the page may load from. */
  cspSource?: string;
  /** The blast-radius graph; without one (or with no nodes) the page has no graph section. */
  graph?: ReportGraph;
  /**
   * In the webview: the URI of a report path, so locations become elements the page script turns into
   * "open this place" messages. Without it (a file export) locations are plain text.
   */
  sourceUri?: (file: string) => string | undefined;
  /** Shown under the title: the workspace the report is about. */
  subtitle?: string;
}

export function renderHtml(report: Report, rules: RuleMeta[], opts: HtmlOptions = {}): string {
  const link = sourceLink(opts.sourceUri);
  const graph = opts.graph?.nodes.length ? graphSection(opts.graph, opts.sourceUri) : '';
  const about = [opts.subtitle, `${report.tool.name} ${report.tool.version}`].filter(Boolean).join(' · ');
  const nav = ['summary:Summary', 'inventory:Agents', ...(graph ? ['graph:Blast radius'] : []), 'findings:Findings']
    .map((entry) => entry.split(':'))
    .map(([id, title]) => `<a href="#${id}">${title}</a>`)
    .join('');
  const body = [
    `<header>\n<h1>Agent Governance report</h1>\n<p class="muted">${htmlText(about)}</p>\n<nav>${nav}</nav>\n</header>`,
    '<main>',
    summarySection(report),
    inventorySection(report, link),
    graph,
    findingsSection(report, rules, link),
    '</main>',
  ]
    .filter((part) => part !== '')
    .join('\n');
  const nonce = opts.nonce ?? createHash('sha256').update(STYLE).update(REPORT_SCRIPT).update(body).digest('base64').slice(0, 24);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce, opts.cspSource)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Agent Governance report</title>',
    `<style nonce="${nonce}">${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    `<script nonce="${nonce}">${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Base64 (standard or URL-safe) characters only: what CSP allows in a nonce. */
const NONCE = /^[A-Za-z0-9+/_-]+=*$/;
/**
 * CSP source expressions separated by spaces, as VS Code's `webview.cspSource` gives them (code-server:
 * `'self' https://*.vscode-cdn.net`): hosts or schemes, or the `'self'` keyword; nothing that could end
 * the directive or the attribute.
 */
const SOURCES = /^(?:'self'|[^\s;,'"<>&]+)(?: (?:'self'|[^\s;,'"<>&]+))*$/;

/**
 * The page's policy. The nonce and source come from the caller (a webview), not from the report; they are
 * checked rather than escaped, since a policy with an escaped value would silently mean something else.
 */
export function contentSecurityPolicy(nonce: string, cspSource?: string): string {
  if (!NONCE.test(nonce)) throw new Error(`renderHtml: the nonce must be base64 characters, got ${JSON.stringify(nonce)}`);
  if (cspSource !== undefined && cspSource !== '' && !SOURCES.test(cspSource)) {
    throw new Error(`renderHtml: cspSource must be CSP source expressions, got ${JSON.stringify(cspSource)}`);
  }
  const extra = cspSource ? ` ${cspSource}` : '';
  return [
    `default-src 'none'`,
    `style-src 'nonce-${nonce}'${extra}`,
    `script-src 'nonce-${nonce}'${extra}`,
    `img-src data:${extra}`,
  ].join('; ');
}

type Link = (location: ReportLocation, inner: string) => string;

/** A location as text, or (in the webview) as a link the page script opens in the editor. */
function sourceLink(sourceUri: HtmlOptions['sourceUri']): Link {
  return (location, inner) => {
    const uri = sourceUri?.(location.file);
    if (!uri) return inner;
    return `<a href="#" class="src" data-uri="${htmlText(uri)}" data-line="${location.line}" data-column="${location.column}">${inner}</a>`;
  };
}

function summarySection(report: Report): string {
  const g = governanceFigures(report);
  const f = summarize(report);
  const share = g.agents === 0 ? '–' : `${Math.round((g.withOwner / g.agents) * 100)}%`;
  const items: [string, string, string, string][] = [
    ['Agents', String(g.agents), '', plural(f.agentsWithoutIdentity, 'without identity', 'without identity')],
    ['With an owner', share, g.withOwner < g.agents ? 'warning' : '', shareLabel(g.withOwner, g.agents)],
    ['Broad secrets', String(g.broadSecrets), g.broadSecrets > 0 ? 'warning' : '', 'reachable from agents'],
    ['Unguarded privileged tools', String(g.unguardedPrivilegedTools), g.unguardedPrivilegedTools > 0 ? 'warning' : '', 'AG302'],
    ['Memory-to-tool flows', String(g.memoryToToolFlows), g.memoryToToolFlows > 0 ? 'error' : '', 'AG301'],
    ['Expired identities', String(g.expiredIdentities), g.expiredIdentities > 0 ? 'error' : '', 'AG103'],
  ];
  const cells = items.map(
    ([label, value, tone, note]) =>
      `<div class="figure${tone ? ` ${tone}` : ''}"><dt>${label}</dt><dd>${value}</dd><dd class="note">${htmlText(note)}</dd></div>`,
  );
  const open = f.errors + f.warnings + f.info;
  const counts = [
    `<span class="severity error">${plural(f.errors, 'error')}</span>`,
    `<span class="severity warning">${plural(f.warnings, 'warning')}</span>`,
    `<span class="severity info">${f.info} info</span>`,
    `${f.suppressed} suppressed`,
  ].join(' · ');
  return `<section id="summary">\n<h2>Summary</h2>\n<dl class="figures">\n${cells.join('\n')}\n</dl>\n<p class="totals">${plural(open, 'open finding')}: ${counts}</p>\n</section>`;
}

interface Column {
  title: string;
  /** Sorted by number (the cell's data-sort). */
  numeric?: boolean;
  /** Right-aligned: a lone figure. List columns (a count over names) stay left-aligned. */
  right?: boolean;
}

const INVENTORY_COLUMNS: Column[] = [
  { title: 'Agent' },
  { title: 'Identity' },
  { title: 'Owner' },
  { title: 'Framework' },
  { title: 'Tools', numeric: true },
  { title: 'Secrets', numeric: true },
  { title: 'Memory', numeric: true },
  { title: 'Blast radius', numeric: true, right: true },
  { title: 'Findings', numeric: true, right: true },
];

function inventorySection(report: Report, link: Link): string {
  if (report.agents.length === 0) return '<section id="inventory">\n<h2>Agents</h2>\n<p>No agents found.</p>\n</section>';
  const head = INVENTORY_COLUMNS.map(
    (column) => `<th${column.right ? ' class="num"' : ''}${column.numeric ? ' data-type="number"' : ''}><button type="button">${column.title}</button></th>`,
  ).join('');
  const findingsByAgent = groupBy(
    report.findings.filter((finding) => !finding.suppressed && finding.agent !== null),
    (finding) => finding.agent!,
  );
  const rows = report.agents.map((agent) => inventoryRow(agent, findingsByAgent.get(agent.name) ?? [], link)).join('\n');
  const filter = '<div class="toolbar"><input type="search" id="inventory-filter" placeholder="Filter agents, owners, tools, secrets…" aria-label="Filter agents"><span id="inventory-shown" class="muted"></span></div>';
  return `<section id="inventory">\n<h2>Agents</h2>\n${filter}\n<table id="inventory-table">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>\n</section>`;
}

function names(items: string[], warn: Set<string> = new Set()): string {
  if (!items.length) return '';
  return `<span class="names">${items.map((item) => (warn.has(item) ? `<span class="broad">${htmlText(item)}</span>` : htmlText(item))).join(', ')}</span>`;
}

function inventoryRow(agent: ReportAgent, findings: ReportFinding[], link: Link): string {
  const { observed } = agent;
  const broad = new Set(observed.secrets.filter((secret) => secret.broad).map((secret) => secret.name));
  const missing = (text: string): string => `<span class="missing">${text}</span>`;
  const count = (n: number, list: string): string => `<td data-sort="${n}"><span class="n">${n}</span>${list}</td>`;
  const bySeverity = (severity: ReportFinding['severity']) => findings.filter((finding) => finding.severity === severity).length;
  const findingParts = (['error', 'warning', 'info'] as const)
    .map((severity) => [severity, bySeverity(severity)] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `<span class="severity ${severity}">${n} ${severity === 'info' ? 'info' : n === 1 ? severity : `${severity}s`}</span>`);
  const cells = [
    `<td data-sort="${htmlText(agent.name.toLowerCase())}"><strong>${htmlText(agent.name)}</strong><div class="loc">${link(agent.location, `<code>${htmlText(locationLabel(agent.location))}</code>`)}</div></td>`,
    `<td>${agent.identity === null ? missing('no identity') : `<code>${htmlText(agent.identity)}</code>`}</td>`,
    `<td>${hasOwner(agent) ? htmlText(agent.declared!.owner!) : missing(agent.declared?.owner ? `${htmlText(agent.declared.owner)} (placeholder)` : 'no owner')}</td>`,
    `<td>${htmlText(agent.framework)}</td>`,
    count(observed.tools.length, names(observed.tools)),
    count(observed.secrets.length, names(observed.secrets.map((secret) => secret.name), broad)),
    count(observed.memory.length, names(observed.memory)),
    `<td class="num" data-sort="${agent.blastRadius}"><span class="n">${agent.blastRadius}</span></td>`,
    `<td class="num" data-sort="${findings.length}">${findingParts.length ? findingParts.join('<br>') : '<span class="muted">0</span>'}</td>`,
  ];
  return `<tr${agent.identity === null ? ' class="no-identity"' : ''}>${cells.join('')}</tr>`;
}

function graphSection(graph: ReportGraph, sourceUri: HtmlOptions['sourceUri']): string {
  const svg = renderGraphSvg(layoutGraph(graph), { sourceUri });
  const legend = [
    ['agent', 'agent'],
    ['tool', 'tool'],
    ['secret', 'secret'],
    ['host', 'host'],
    ['delegate', 'external delegate'],
    ['warn', 'needs attention: no identity, unguarded privileged tool, broad secret'],
  ]
    .map(([kind, title]) => `<span class="key ${kind}"><span class="swatch"></span>${title}</span>`)
    .join('');
  const omitted = graph.omittedAgents ? `\n<p class="muted">${plural(graph.omittedAgents, 'agent')} with the least reach left out of the graph; the inventory lists every agent.</p>` : '';
  return `<section id="graph">\n<h2>Blast radius</h2>\n<p class="muted">Agents, the tools they hold, and the secrets and hosts those tools reach; arrows between agents are delegations.</p>\n<div class="legend">${legend}</div>${omitted}\n<div class="graph-frame">\n${svg}\n</div>\n</section>`;
}

function findingsSection(report: Report, rules: RuleMeta[], link: Link): string {
  if (report.findings.length === 0) return '<section id="findings">\n<h2>Findings</h2>\n<p>No findings.</p>\n</section>';
  const metaById = new Map(rules.map((rule) => [rule.id, rule]));
  const byRule = groupBy([...report.findings].sort(compareFindings), (finding) => finding.ruleId);
  const blocks = [...byRule.keys()].sort(compareStrings).map((id) => ruleBlock(id, metaById.get(id), byRule.get(id)!, link));
  return `<section id="findings">\n<h2>Findings</h2>\n${blocks.join('\n')}\n</section>`;
}

function ruleBlock(id: string, meta: RuleMeta | undefined, findings: ReportFinding[], link: Link): string {
  const doc = `<a href="${htmlText(ruleDocUrl(id))}" rel="noopener noreferrer">${htmlText(id)}</a>`;
  const name = meta ? ` ${htmlText(meta.name)}` : '';
  const count = `<span class="count">${plural(findings.length, 'finding')}</span>`;
  const about = meta ? `\n<p class="muted">${htmlText(meta.summary)}</p>` : '';
  const head = '<thead><tr><th>Severity</th><th>Location</th><th>Agent</th><th>Message</th></tr></thead>';
  const rows = findings.map((finding) => findingRow(finding, link)).join('\n');
  return `<section class="rule" id="rule-${htmlIdToken(id)}">\n<h3>${doc}${name} ${count}</h3>${about}\n<table>\n${head}\n<tbody>\n${rows}\n</tbody>\n</table>\n</section>`;
}

function findingRow(finding: ReportFinding, link: Link): string {
  const related = (finding.related ?? []).map(
    (info) => `<li>${link(info.location, `<code>${htmlText(locationLabel(info.location))}</code>`)} ${htmlText(info.message)}</li>`,
  );
  const suppression = finding.suppressed
    ? `<div class="suppression">suppressed${finding.suppressionReason ? `: ${htmlText(finding.suppressionReason)}` : ''}</div>`
    : '';
  const message = `${htmlText(finding.message)}${related.length ? `\n<ul class="related">${related.join('')}</ul>` : ''}${suppression}`;
  const severity = htmlIdToken(finding.severity);
  return [
    `<tr class="${finding.suppressed ? 'suppressed' : 'open'}">`,
    `<td><span class="severity ${severity}">${htmlText(finding.severity)}</span></td>`,
    `<td class="loc">${link(finding.location, `<code>${htmlText(locationLabel(finding.location))}</code>`)}</td>`,
    `<td>${finding.agent === null ? '' : htmlText(finding.agent)}</td>`,
    `<td>${message}</td>`,
    '</tr>',
  ].join('');
}

const STYLE = `
:root {
  color-scheme: light dark;
  --ag-fg: var(--vscode-editor-foreground, #1f2328);
  --ag-bg: var(--vscode-editor-background, #ffffff);
  --ag-muted: var(--vscode-descriptionForeground, #59636e);
  --ag-border: var(--vscode-panel-border, #d1d9e0);
  --ag-row: var(--vscode-list-hoverBackground, #f6f8fa);
  --ag-link: var(--vscode-textLink-foreground, #0969da);
  --ag-code-bg: var(--vscode-textCodeBlock-background, #eff2f5);
  --ag-error: var(--vscode-editorError-foreground, #cf222e);
  --ag-warning: var(--vscode-editorWarning-foreground, #9a6700);
  --ag-info: var(--vscode-editorInfo-foreground, #0969da);
  --ag-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  --ag-mono: var(--vscode-editor-font-family, ui-monospace, "SF Mono", Menlo, Consolas, monospace);
  --ag-size: var(--vscode-font-size, 14px);
  --ag-input-bg: var(--vscode-input-background, #ffffff);
  --ag-input-fg: var(--vscode-input-foreground, #1f2328);
  --ag-input-border: var(--vscode-input-border, #d1d9e0);
  --ag-focus: var(--vscode-focusBorder, #0969da);
  --ag-node-bg: var(--vscode-editorWidget-background, #f6f8fa);
  --ag-agent: var(--vscode-charts-blue, #0969da);
  --ag-tool: var(--vscode-charts-purple, #8250df);
  --ag-secret: var(--vscode-charts-orange, #bc4c00);
  --ag-host: var(--vscode-charts-green, #1a7f37);
  --ag-delegate: var(--vscode-charts-yellow, #9a6700);
  --ag-edge: var(--vscode-editorLineNumber-foreground, #8c959f);
}
@media (prefers-color-scheme: dark) {
  :root {
    --ag-fg: var(--vscode-editor-foreground, #e6edf3);
    --ag-bg: var(--vscode-editor-background, #0d1117);
    --ag-muted: var(--vscode-descriptionForeground, #9198a1);
    --ag-border: var(--vscode-panel-border, #3d444d);
    --ag-row: var(--vscode-list-hoverBackground, #151b23);
    --ag-link: var(--vscode-textLink-foreground, #4493f8);
    --ag-code-bg: var(--vscode-textCodeBlock-background, #262c36);
    --ag-error: var(--vscode-editorError-foreground, #f85149);
    --ag-warning: var(--vscode-editorWarning-foreground, #d29922);
    --ag-info: var(--vscode-editorInfo-foreground, #4493f8);
    --ag-input-bg: var(--vscode-input-background, #0d1117);
    --ag-input-fg: var(--vscode-input-foreground, #e6edf3);
    --ag-input-border: var(--vscode-input-border, #3d444d);
    --ag-focus: var(--vscode-focusBorder, #4493f8);
    --ag-node-bg: var(--vscode-editorWidget-background, #151b23);
    --ag-agent: var(--vscode-charts-blue, #4493f8);
    --ag-tool: var(--vscode-charts-purple, #ab7df8);
    --ag-secret: var(--vscode-charts-orange, #db6d28);
    --ag-host: var(--vscode-charts-green, #3fb950);
    --ag-delegate: var(--vscode-charts-yellow, #d29922);
    --ag-edge: var(--vscode-editorLineNumber-foreground, #656c76);
  }
}
body { margin: 0; padding: 1.5rem 2rem; color: var(--ag-fg); background: var(--ag-bg); font-family: var(--ag-font); font-size: var(--ag-size); line-height: 1.45; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; margin: 1.8em 0 .6em; padding-bottom: .3em; border-bottom: 1px solid var(--ag-border); }
h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
a { color: var(--ag-link); }
code { font-family: var(--ag-mono); font-size: .92em; background: var(--ag-code-bg); padding: .05em .3em; border-radius: 4px; overflow-wrap: anywhere; }
.muted { color: var(--ag-muted); margin: .2em 0 .6em; }
.figures { display: flex; flex-wrap: wrap; gap: .75rem; margin: 0; }
.figure { min-width: 7.5rem; padding: .6rem .9rem; border: 1px solid var(--ag-border); border-radius: 6px; }
.figure dt { color: var(--ag-muted); font-size: .85em; }
.figure dd { margin: 0; font-size: 1.6em; font-weight: 600; }
.figure.error dd { color: var(--ag-error); }
.figure.warning dd { color: var(--ag-warning); }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }
th, td { text-align: left; vertical-align: top; padding: .35em .6em; border-bottom: 1px solid var(--ag-border); }
th { color: var(--ag-muted); font-weight: 600; font-size: .85em; }
tbody tr:hover { background: var(--ag-row); }
.loc code { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.missing, .broad { color: var(--ag-warning); }
.count { color: var(--ag-muted); font-weight: normal; font-size: .85em; margin-left: .4em; }
.severity { font-weight: 600; }
.severity.error { color: var(--ag-error); }
.severity.warning { color: var(--ag-warning); }
.severity.info { color: var(--ag-info); }
tr.suppressed td { opacity: .6; }
tr.suppressed .severity { text-decoration: line-through; }
.suppression { color: var(--ag-muted); font-style: italic; margin-top: .25em; }
.related { margin: .3em 0 0; padding-left: 1.2em; color: var(--ag-muted); }
nav { display: flex; gap: 1rem; margin-top: .4em; }
.figure dd.note { font-size: .8em; font-weight: normal; color: var(--ag-muted); }
.figure.error dd.note, .figure.warning dd.note { color: var(--ag-muted); }
.totals { margin: .9em 0 0; color: var(--ag-muted); }
.toolbar { display: flex; align-items: center; gap: .8rem; margin: 0 0 .4em; }
input[type=search] { min-width: 18rem; padding: .3em .5em; font: inherit; color: var(--ag-input-fg); background: var(--ag-input-bg); border: 1px solid var(--ag-input-border); border-radius: 4px; }
input[type=search]:focus, [data-uri]:focus { outline: 1px solid var(--ag-focus); outline-offset: 1px; }
th button { all: unset; cursor: pointer; }
th button:hover, th button:focus-visible { color: var(--ag-fg); text-decoration: underline; }
th[aria-sort=ascending] button::after { content: " \\25B4"; }
th[aria-sort=descending] button::after { content: " \\25BE"; }
td .n { font-weight: 600; }
td .names { display: block; font-size: .82em; color: var(--ag-muted); text-align: left; max-width: 24rem; }
#inventory-table th, #inventory-table td.num, #inventory-table td > code { white-space: nowrap; }
#inventory-table td > code { overflow-wrap: normal; }
td .loc { font-size: .82em; margin-top: .15em; }
tr.no-identity td:first-child { box-shadow: inset 3px 0 0 var(--ag-warning); }
a.src { text-decoration: none; }
a.src:hover code { text-decoration: underline; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.1rem; font-size: .85em; color: var(--ag-muted); margin: .2em 0 .6em; }
.legend .swatch { display: inline-block; width: .8em; height: .8em; margin-right: .35em; border-radius: 2px; border: 2px solid var(--ag-edge); vertical-align: -.05em; }
.legend .agent .swatch { border-color: var(--ag-agent); }
.legend .tool .swatch { border-color: var(--ag-tool); }
.legend .secret .swatch { border-color: var(--ag-secret); }
.legend .host .swatch { border-color: var(--ag-host); }
.legend .delegate .swatch { border-color: var(--ag-delegate); border-style: dashed; }
.legend .warn .swatch { border-color: var(--ag-edge); background: color-mix(in srgb, var(--ag-warning) 45%, var(--ag-node-bg)); }
.graph-frame { overflow-x: auto; border: 1px solid var(--ag-border); border-radius: 6px; padding: .5rem; }
svg.graph { display: block; font-family: var(--ag-font); }
svg.graph .edge { fill: none; stroke: var(--ag-edge); stroke-width: 1.2; }
svg.graph .arrow { fill: var(--ag-edge); }
svg.graph .node rect { fill: var(--ag-node-bg); stroke: var(--ag-edge); stroke-width: 1.5; }
svg.graph .node.agent rect { stroke: var(--ag-agent); stroke-width: 2; }
svg.graph .node.tool rect { stroke: var(--ag-tool); }
svg.graph .node.secret rect { stroke: var(--ag-secret); }
svg.graph .node.host rect { stroke: var(--ag-host); }
svg.graph .node.delegate rect { stroke: var(--ag-delegate); stroke-dasharray: 4 3; }
svg.graph .node.warn rect { fill: color-mix(in srgb, var(--ag-warning) 18%, var(--ag-node-bg)); stroke-width: 2.5; }
svg.graph .node.warn .detail { fill: var(--ag-warning); }
svg.graph text { fill: var(--ag-fg); text-anchor: middle; }
svg.graph .label { font-weight: 600; }
svg.graph .detail { fill: var(--ag-muted); font-size: .9em; }
svg.graph [data-uri] { cursor: pointer; }
svg.graph [data-uri]:hover rect { fill: var(--ag-row); }
`;
