/**
 * The report as one self-contained HTML page (`agov scan --format html`, "Export to HTML", and the
 * report webview): summary figures, the agent inventory and the findings grouped by rule.
 *
 * Safety: every piece of report text goes through `htmlText`, and a strict Content-Security-Policy
 * allows only the page's own nonce-bearing `<style>` (and `<script>`, should one be added), so even a
 * missed escape could not run script or load anything. No inline `style` attributes are used, since
 * the policy forbids them.
 *
 * Theming: colours and fonts are CSS variables that fall back from VS Code's webview theme variables
 * (`--vscode-*`) to a light or dark palette, so the same page suits a browser and a webview.
 *
 * The page is a list of sections; the blast-radius graph will be one more section (`id="graph"`).
 */

import { createHash } from 'node:crypto';
import { htmlIdToken, htmlText } from './escape';
import type { Report, ReportAgent, ReportFinding } from './report';
import { ruleDocUrl, type RuleMeta } from '../rules/meta';
import { compareFindings, compareStrings, groupBy, locationLabel, plural, summarize } from './text';

export interface HtmlOptions {
  /**
   * The nonce that allows the page's `<style>` (and any `<script>`). A webview passes a fresh random
   * one. Without it the nonce is a hash of the page's content, so the output stays deterministic.
   */
  nonce?: string;
  /** A VS Code webview's `webview.cspSource`, added to the sources the page may load from. */
  cspSource?: string;
}

export function renderHtml(report: Report, rules: RuleMeta[], opts: HtmlOptions = {}): string {
  const body = [
    `<header>\n<h1>Agent Governance report</h1>\n<p class="muted">${htmlText(`${report.tool.name} ${report.tool.version}`)}</p>\n</header>`,
    '<main>',
    summarySection(report),
    inventorySection(report),
    findingsSection(report, rules),
    '</main>',
  ].join('\n');
  const nonce = opts.nonce ?? createHash('sha256').update(STYLE).update(body).digest('base64').slice(0, 24);
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
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Base64 (standard or URL-safe) characters only: what CSP allows in a nonce. */
const NONCE = /^[A-Za-z0-9+/_-]+=*$/;
/** One CSP source expression, e.g. `https://*.vscode-cdn.net`: nothing that could end it or the attribute. */
const SOURCE = /^[^\s;,'"<>&]+$/;

/**
 * The page's policy. The nonce and source come from the caller (a webview), not from the report; they are
 * checked rather than escaped, since a policy with an escaped value would silently mean something else.
 */
export function contentSecurityPolicy(nonce: string, cspSource?: string): string {
  if (!NONCE.test(nonce)) throw new Error(`renderHtml: the nonce must be base64 characters, got ${JSON.stringify(nonce)}`);
  if (cspSource !== undefined && !SOURCE.test(cspSource)) {
    throw new Error(`renderHtml: cspSource must be one CSP source expression, got ${JSON.stringify(cspSource)}`);
  }
  const extra = cspSource ? ` ${cspSource}` : '';
  return [
    `default-src 'none'`,
    `style-src 'nonce-${nonce}'${extra}`,
    `script-src 'nonce-${nonce}'${extra}`,
    `img-src data:${extra}`,
  ].join('; ');
}

function summarySection(report: Report): string {
  const figures = summarize(report);
  const items: [string, number, string][] = [
    ['Agents', figures.agents, ''],
    ['Without identity', figures.agentsWithoutIdentity, figures.agentsWithoutIdentity > 0 ? 'warning' : ''],
    ['Errors', figures.errors, figures.errors > 0 ? 'error' : ''],
    ['Warnings', figures.warnings, figures.warnings > 0 ? 'warning' : ''],
    ['Info', figures.info, ''],
    ['Suppressed', figures.suppressed, ''],
  ];
  const cells = items.map(
    ([label, value, tone]) => `<div class="figure${tone ? ` ${tone}` : ''}"><dt>${label}</dt><dd>${value}</dd></div>`,
  );
  return `<section id="summary">\n<h2>Summary</h2>\n<dl class="figures">\n${cells.join('\n')}\n</dl>\n</section>`;
}

function inventorySection(report: Report): string {
  if (report.agents.length === 0) return '<section id="inventory">\n<h2>Agents</h2>\n<p>No agents found.</p>\n</section>';
  const header = ['Agent', 'Identity', 'Owner', 'Framework', 'Tools', 'Secrets', 'Memory', 'Delegates', 'Hosts', 'Blast radius', 'Location'];
  const head = header.map((title, i) => `<th${i >= 4 && i <= 9 ? ' class="num"' : ''}>${title}</th>`).join('');
  const rows = report.agents.map(inventoryRow).join('\n');
  return `<section id="inventory">\n<h2>Agents</h2>\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>\n</section>`;
}

function inventoryRow(agent: ReportAgent): string {
  const { observed } = agent;
  const broad = observed.secrets.filter((secret) => secret.broad).length;
  const missing = (text: string): string => `<span class="missing">${text}</span>`;
  const cells = [
    `<td><strong>${htmlText(agent.name)}</strong></td>`,
    `<td>${agent.identity === null ? missing('no identity') : `<code>${htmlText(agent.identity)}</code>`}</td>`,
    `<td>${agent.declared?.owner ? htmlText(agent.declared.owner) : missing('no owner')}</td>`,
    `<td>${htmlText(agent.framework)}</td>`,
    `<td class="num">${observed.tools.length}</td>`,
    `<td class="num">${observed.secrets.length}${broad > 0 ? ` <span class="broad">(${broad} broad)</span>` : ''}</td>`,
    `<td class="num">${observed.memory.length}</td>`,
    `<td class="num">${observed.delegates.length}</td>`,
    `<td class="num">${observed.hosts.length}</td>`,
    `<td class="num">${agent.blastRadius}</td>`,
    `<td class="loc"><code>${htmlText(locationLabel(agent.location))}</code></td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

function findingsSection(report: Report, rules: RuleMeta[]): string {
  if (report.findings.length === 0) return '<section id="findings">\n<h2>Findings</h2>\n<p>No findings.</p>\n</section>';
  const metaById = new Map(rules.map((rule) => [rule.id, rule]));
  const byRule = groupBy([...report.findings].sort(compareFindings), (finding) => finding.ruleId);
  const blocks = [...byRule.keys()].sort(compareStrings).map((id) => ruleBlock(id, metaById.get(id), byRule.get(id)!));
  return `<section id="findings">\n<h2>Findings</h2>\n${blocks.join('\n')}\n</section>`;
}

function ruleBlock(id: string, meta: RuleMeta | undefined, findings: ReportFinding[]): string {
  const link = `<a href="${htmlText(ruleDocUrl(id))}" rel="noopener noreferrer">${htmlText(id)}</a>`;
  const name = meta ? ` ${htmlText(meta.name)}` : '';
  const count = `<span class="count">${plural(findings.length, 'finding')}</span>`;
  const about = meta ? `\n<p class="muted">${htmlText(meta.summary)}</p>` : '';
  const head = '<thead><tr><th>Severity</th><th>Location</th><th>Agent</th><th>Message</th></tr></thead>';
  const rows = findings.map(findingRow).join('\n');
  return `<section class="rule" id="rule-${htmlIdToken(id)}">\n<h3>${link}${name} ${count}</h3>${about}\n<table>\n${head}\n<tbody>\n${rows}\n</tbody>\n</table>\n</section>`;
}

function findingRow(finding: ReportFinding): string {
  const related = (finding.related ?? []).map(
    (info) =>
      `<li><code>${htmlText(locationLabel(info.location))}</code> ${htmlText(info.message)}</li>`,
  );
  const suppression = finding.suppressed
    ? `<div class="suppression">suppressed${finding.suppressionReason ? `: ${htmlText(finding.suppressionReason)}` : ''}</div>`
    : '';
  const message = `${htmlText(finding.message)}${related.length ? `\n<ul class="related">${related.join('')}</ul>` : ''}${suppression}`;
  const severity = htmlIdToken(finding.severity);
  return [
    `<tr class="${finding.suppressed ? 'suppressed' : 'open'}">`,
    `<td><span class="severity ${severity}">${htmlText(finding.severity)}</span></td>`,
    `<td class="loc"><code>${htmlText(locationLabel(finding.location))}</code></td>`,
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
`;
